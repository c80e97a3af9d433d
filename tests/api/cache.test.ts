/**
 * Identical aggregate queries are answered from the in-memory cache, not the store; outside roles are answered from
 * the published cells, built once per data version, and share one answer per query.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/server/store/types';
import { LruCache } from '../../src/server/lib/cache';
import type { PublishedResult } from '../../src/server/routes/context';
import { startTestApp, type TestServer } from './helpers';

let t: TestServer;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

function counting(store: Store) {
  const calls = { flows: 0, assistance: 0, returns: 0, cells: 0, hotspots: 0 };
  let version: string | null = null;
  const wrapped: Store = {
    engine: store.engine,
    imports: null,
    ping: () => store.ping(),
    info: () => (version === null ? store.info() : { ...store.info(), dataVersion: version }),
    places: () => store.places(),
    routes: () => store.routes(),
    regions: () => store.regions(),
    aggregateFlows: (q) => (calls.flows++, store.aggregateFlows(q)),
    aggregateAssistance: (q) => (calls.assistance++, store.aggregateAssistance(q)),
    aggregateReturns: (q) => (calls.returns++, store.aggregateReturns(q)),
    cellRecords: (m, secret) => (calls.cells++, store.cellRecords(m, secret)),
    hotspotCounts: (p, w) => (calls.hotspots++, store.hotspotCounts(p, w)),
    close: async () => {},
  };
  /** Pretend the data changed (an import): a new data version. */
  const newVersion = (v: string) => {
    version = v;
  };
  return { wrapped, calls, newVersion };
}

describe('result cache', () => {
  it('a second identical query does not hit the store', async () => {
    const { wrapped, calls } = counting(t.store);
    const { inject } = t.another({ store: wrapped });
    const a = await inject('/api/v1/flows?groupBy=point&nationality=NGA,MLI');
    const b = await inject('/api/v1/flows?groupBy=point&nationality=NGA,MLI');
    expect(a.statusCode).toBe(200);
    expect(b.body).toBe(a.body);
    expect(calls.flows).toBe(1);

    // Same query written differently: list order, repeated keys, explicit default period, CSV format.
    const { min, max } = t.store.info().dateRange;
    await inject('/api/v1/flows?nationality=MLI&nationality=NGA&groupBy=point');
    await inject(`/api/v1/flows?groupBy=point&nationality=MLI,NGA&from=${min}&to=${max}`);
    const csv = await inject('/api/v1/flows?groupBy=point&nationality=NGA,MLI&format=csv');
    expect(csv.statusCode).toBe(200);
    // The CSV is the cached answer; its Period-Coverage header reads which weeks were reported (one query, kept too).
    expect(calls.flows).toBe(2);
    expect(csv.headers['period-coverage']).toMatch(/reporting=weeks/);
    await inject('/api/v1/flows?groupBy=point&nationality=NGA,MLI&format=csv');
    expect(calls.flows).toBe(2);

    // A different query (groupBy order names the columns) is computed.
    await inject('/api/v1/flows?groupBy=point,sex');
    await inject('/api/v1/flows?groupBy=sex,point');
    expect(calls.flows).toBe(4);
    await inject('/api/v1/returns');
    await inject('/api/v1/returns');
    await inject('/api/v1/assistance?groupBy=service');
    await inject('/api/v1/assistance?groupBy=service');
    expect(calls).toMatchObject({ flows: 4, assistance: 1, returns: 1 });
  });

  it('exact and published answers are kept apart; outside roles share one published answer, from cells built once', async () => {
    const { wrapped, calls } = counting(t.store);
    const { app, inject } = t.another({ store: wrapped });
    await app.ready();
    // the published cells are built before the first request: one pass per metric
    expect(calls.cells).toBe(3);
    const programme = await inject('/api/v1/flows?groupBy=region', 'programme');
    const publicAnswer = await inject('/api/v1/flows?groupBy=region', 'public');
    const programmeAgain = await inject('/api/v1/flows?groupBy=region', 'programme');
    const publicAgain = await inject('/api/v1/flows?groupBy=region', 'public');
    expect(calls.flows).toBe(1); // the exact answer, once; the published one never reads the exact tables
    expect(programmeAgain.body).toBe(programme.body);
    expect(publicAgain.body).toBe(publicAnswer.body);
    expect(publicAnswer.json().disclosure).toEqual({ method: 'cell-key', k: 10, maxNoise: 3, resolution: 'month' });
    expect(programme.json().disclosure).toBeUndefined();
    expect(publicAnswer.body).not.toBe(programme.body);
    // donors and government liaisons get the very same published answer
    expect((await inject('/api/v1/flows?groupBy=region', 'donor')).body).toBe(publicAnswer.body);
    expect((await inject('/api/v1/flows?groupBy=region', 'government')).body).toBe(publicAnswer.body);
    // admins see what programme staff see
    expect((await inject('/api/v1/flows?groupBy=region', 'admin')).body).toBe(programme.body);
    // many more published answers, of every metric: no further pass over the data
    for (const url of ['/api/v1/flows?groupBy=point,month', '/api/v1/assistance?groupBy=centre', '/api/v1/returns?groupBy=month', '/api/v1/hotspots']) {
      expect((await inject(url, 'government')).statusCode).toBe(200);
    }
    expect(calls).toMatchObject({ flows: 1, assistance: 0, returns: 0, cells: 3, hotspots: 0 });
  });

  it('a new data version (an import) rebuilds the published cells once, whatever the number of queries waiting', async () => {
    const { wrapped, calls, newVersion } = counting(t.store);
    const { app, inject } = t.another({ store: wrapped });
    await app.ready();
    const before = await inject('/api/v1/flows?groupBy=point', 'public');
    expect(calls.cells).toBe(3);
    newVersion('0123456789ab');
    const answers = await Promise.all(Array.from({ length: 5 }, () => inject('/api/v1/flows?groupBy=point', 'public')));
    expect(calls.cells).toBe(6);
    expect(new Set(answers.map((a) => a.json().dataVersion))).toEqual(new Set(['0123456789ab']));
    // same data, same secret: the same published counts
    expect(answers[0]!.json().rows).toEqual(before.json().rows);
  });

  it('concurrent identical queries share one computation', async () => {
    const { wrapped, calls } = counting(t.store);
    const { inject } = t.another({ store: wrapped });
    await inject('/api/v1/session'); // sign in before the burst
    const answers = await Promise.all(Array.from({ length: 5 }, () => inject('/api/v1/assistance?groupBy=centre')));
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(calls.assistance).toBe(1);
  });

  it('outside roles’ answers are keyed by the period actually answered: the same whole months, however written', async () => {
    const cache = new LruCache<PublishedResult>(10);
    const { inject } = t.another({ cache });
    const { min, max } = t.store.info().dateRange;
    const a = await inject('/api/v1/flows?groupBy=month', 'public');
    const b = await inject(`/api/v1/flows?groupBy=month&from=${min}&to=${max}`, 'public');
    const c = await inject('/api/v1/flows?groupBy=month&from=1990-01-01&to=2100-12-31', 'donor');
    expect(b.body).toBe(a.body);
    expect(c.body).toBe(a.body);
    expect(a.json()).toMatchObject({ from: min, to: max });
  });

  it('rejected queries are not cached, and invalid queries never reach the store', async () => {
    const { wrapped, calls } = counting(t.store);
    const cache = new LruCache<PublishedResult>(10);
    const { inject } = t.another({ store: wrapped, cache });
    await inject('/api/v1/flows?point=nowhere');
    await inject('/api/v1/flows?from=2016-02-30');
    // Refused by the policy: never reaches the store either.
    await inject('/api/v1/flows?groupBy=week', 'public');
    await inject('/api/v1/flows?from=2019-01-02', 'public');
    await inject('/api/v1/flows?nationality=NGA,MLI', 'public');
    await inject('/api/v1/flows?from=1000-01-01', 'public');
    // a period entirely outside the data, for an outside role: nothing to answer
    await inject('/api/v1/flows?from=2030-01-01&to=2030-12-31', 'public');
    expect(calls.flows).toBe(0);
    expect(cache.size).toBe(0);
    // an allowed one is cached
    await inject('/api/v1/flows?from=2019-01-01&to=2019-01-31', 'public');
    expect(cache.size).toBe(1);
  });
});
