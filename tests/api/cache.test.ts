/** Identical aggregate queries are answered from the in-memory cache, not the store. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app';
import type { Store } from '../../src/server/db/store';
import { LruCache } from '../../src/server/lib/cache';
import { startTestApp, type TestServer } from './helpers';

let t: TestServer;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

function counting(store: Store) {
  const calls = { flows: 0, assistance: 0, returns: 0 };
  const wrapped: Store = {
    info: () => store.info(),
    places: () => store.places(),
    routes: () => store.routes(),
    regions: () => store.regions(),
    aggregateFlows: (q) => (calls.flows++, store.aggregateFlows(q)),
    aggregateAssistance: (q) => (calls.assistance++, store.aggregateAssistance(q)),
    aggregateReturns: (q) => (calls.returns++, store.aggregateReturns(q)),
    close: async () => {},
  };
  return { wrapped, calls };
}

describe('result cache', () => {
  it('a second identical query does not hit the store', async () => {
    const { wrapped, calls } = counting(t.store);
    const app = buildApp({ store: wrapped });
    const a = await app.inject('/api/v1/flows?groupBy=point&nationality=NGA,MLI');
    const b = await app.inject('/api/v1/flows?groupBy=point&nationality=NGA,MLI');
    expect(a.statusCode).toBe(200);
    expect(b.body).toBe(a.body);
    expect(calls.flows).toBe(1);

    // Same query written differently: list order, repeated keys, explicit default period, CSV format.
    const { min, max } = t.store.info().dateRange;
    await app.inject('/api/v1/flows?nationality=MLI&nationality=NGA&groupBy=point');
    await app.inject(`/api/v1/flows?groupBy=point&nationality=MLI,NGA&from=${min}&to=${max}`);
    const csv = await app.inject('/api/v1/flows?groupBy=point&nationality=NGA,MLI&format=csv');
    expect(csv.statusCode).toBe(200);
    expect(calls.flows).toBe(1);

    // A different query (groupBy order names the columns) is computed.
    await app.inject('/api/v1/flows?groupBy=point,sex');
    await app.inject('/api/v1/flows?groupBy=sex,point');
    expect(calls.flows).toBe(3);
    await app.inject('/api/v1/returns');
    await app.inject('/api/v1/returns');
    await app.inject('/api/v1/assistance?groupBy=service');
    await app.inject('/api/v1/assistance?groupBy=service');
    expect(calls).toEqual({ flows: 3, assistance: 1, returns: 1 });
    await app.close();
  });

  it('concurrent identical queries share one computation', async () => {
    const { wrapped, calls } = counting(t.store);
    const app = buildApp({ store: wrapped });
    const answers = await Promise.all(Array.from({ length: 5 }, () => app.inject('/api/v1/assistance?groupBy=centre')));
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(calls.assistance).toBe(1);
    await app.close();
  });

  it('rejected queries are not cached, and invalid queries never reach the store', async () => {
    const { wrapped, calls } = counting(t.store);
    const cache = new LruCache<Awaited<ReturnType<Store['aggregateFlows']>>>(10);
    const app = buildApp({ store: wrapped, cache });
    await app.inject('/api/v1/flows?point=nowhere');
    await app.inject('/api/v1/flows?from=2016-02-30');
    expect(calls.flows).toBe(0);
    expect(cache.size).toBe(0);
    await app.close();
  });
});
