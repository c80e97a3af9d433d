/** Identical aggregate queries are answered from the in-memory cache, not the store. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/server/db/store';
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
  const calls = { flows: 0, assistance: 0, returns: 0 };
  const wrapped: Store = {
    info: () => store.info(),
    places: () => store.places(),
    routes: () => store.routes(),
    regions: () => store.regions(),
    aggregateFlows: (q) => (calls.flows++, store.aggregateFlows(q)),
    aggregateAssistance: (q) => (calls.assistance++, store.aggregateAssistance(q)),
    aggregateReturns: (q) => (calls.returns++, store.aggregateReturns(q)),
    hotspots: (q) => store.hotspots(q),
    close: async () => {},
  };
  return { wrapped, calls };
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
    expect(calls.flows).toBe(1);

    // A different query (groupBy order names the columns) is computed.
    await inject('/api/v1/flows?groupBy=point,sex');
    await inject('/api/v1/flows?groupBy=sex,point');
    expect(calls.flows).toBe(3);
    await inject('/api/v1/returns');
    await inject('/api/v1/returns');
    await inject('/api/v1/assistance?groupBy=service');
    await inject('/api/v1/assistance?groupBy=service');
    expect(calls).toEqual({ flows: 3, assistance: 1, returns: 1 });
  });

  it('the role is part of the key: each role gets its own answer, computed once per role', async () => {
    const { wrapped, calls } = counting(t.store);
    const { inject } = t.another({ store: wrapped });
    const programme = await inject('/api/v1/flows?groupBy=region', 'programme');
    const publicAnswer = await inject('/api/v1/flows?groupBy=region', 'public');
    const programmeAgain = await inject('/api/v1/flows?groupBy=region', 'programme');
    const publicAgain = await inject('/api/v1/flows?groupBy=region', 'public');
    expect(calls.flows).toBe(2);
    expect(programmeAgain.body).toBe(programme.body);
    expect(publicAgain.body).toBe(publicAnswer.body);
    expect(publicAnswer.json().disclosure).toEqual({ k: 10, rounding: 10 });
    expect(programme.json().disclosure).toBeUndefined();
    // The admin role sees what programme sees, but from its own cache entry.
    await inject('/api/v1/flows?groupBy=region', 'admin');
    expect(calls.flows).toBe(3);
  });

  it('concurrent identical queries share one computation', async () => {
    const { wrapped, calls } = counting(t.store);
    const { inject } = t.another({ store: wrapped });
    await inject('/api/v1/session'); // sign in before the burst
    const answers = await Promise.all(Array.from({ length: 5 }, () => inject('/api/v1/assistance?groupBy=centre')));
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(calls.assistance).toBe(1);
  });

  it('rejected queries are not cached, and invalid queries never reach the store', async () => {
    const { wrapped, calls } = counting(t.store);
    const cache = new LruCache<PublishedResult>(10);
    const { inject } = t.another({ store: wrapped, cache });
    await inject('/api/v1/flows?point=nowhere');
    await inject('/api/v1/flows?from=2016-02-30');
    // Refused by the policy: never reaches the store either.
    await inject('/api/v1/flows?groupBy=point', 'public');
    await inject('/api/v1/flows?from=2019-01-02', 'public');
    expect(calls.flows).toBe(0);
    expect(cache.size).toBe(0);
  });
});
