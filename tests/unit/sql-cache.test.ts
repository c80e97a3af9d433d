/** The aggregate result cache (pure): LRU eviction, shared pending work, no caching of failures, key normalisation. */
import { describe, expect, it } from 'vitest';
import { cacheKey, LruCache } from '../../src/server/lib/cache';

describe('LruCache', () => {
  it('computes once per key', async () => {
    const cache = new LruCache<number>(10);
    let n = 0;
    const compute = async () => ++n;
    expect(await cache.getOrCompute('a', compute)).toBe(1);
    expect(await cache.getOrCompute('a', compute)).toBe(1);
    expect(await cache.getOrCompute('b', compute)).toBe(2);
    expect(n).toBe(2);
    expect(cache.hits).toBe(1);
    expect(cache.misses).toBe(2);
  });

  it('evicts the least recently used entry', async () => {
    const cache = new LruCache<string>(2);
    const calls: string[] = [];
    const get = (k: string) => cache.getOrCompute(k, async () => (calls.push(k), k));
    await get('a');
    await get('b');
    await get('a'); // a is now the most recent
    await get('c'); // evicts b
    expect(cache.size).toBe(2);
    await get('a');
    await get('b');
    expect(calls).toEqual(['a', 'b', 'c', 'b']);
  });

  it('shares a pending computation and forgets failures', async () => {
    const cache = new LruCache<number>(10);
    let n = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const p1 = cache.getOrCompute('k', async () => (await gate, ++n));
    const p2 = cache.getOrCompute('k', async () => ++n);
    release();
    expect(await Promise.all([p1, p2])).toEqual([1, 1]);

    await expect(cache.getOrCompute('bad', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await cache.getOrCompute('bad', async () => 7)).toBe(7);
  });
});

describe('cacheKey', () => {
  const period = { from: '2019-01-01', to: '2019-12-31' };
  it('ignores filter list order, undefined keys and format; keeps groupBy order', () => {
    const a = cacheKey('/flows', 'v1', { nationality: ['NGA', 'MLI'], groupBy: ['point', 'sex'], format: 'json', sex: undefined }, period, 'public');
    const b = cacheKey('/flows', 'v1', { format: 'csv', groupBy: ['point', 'sex'], nationality: ['MLI', 'NGA'] }, period, 'public');
    expect(a).toBe(b);
    expect(cacheKey('/flows', 'v1', { groupBy: ['sex', 'point'] }, period, 'public')).not.toBe(
      cacheKey('/flows', 'v1', { groupBy: ['point', 'sex'] }, period, 'public'),
    );
  });
  it('differs by route, data version, period and role', () => {
    const base = cacheKey('/flows', 'v1', {}, period, 'public');
    expect(cacheKey('/returns', 'v1', {}, period, 'public')).not.toBe(base);
    expect(cacheKey('/flows', 'v2', {}, period, 'public')).not.toBe(base);
    expect(cacheKey('/flows', 'v1', {}, { ...period, to: '2019-06-30' }, 'public')).not.toBe(base);
    expect(cacheKey('/flows', 'v1', {}, period, 'programme')).not.toBe(base);
  });
});
