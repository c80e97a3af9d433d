/**
 * A small in-memory LRU for aggregate results (DESIGN §8: DuckDB answers a hot identical query slowly,
 * so identical queries are answered from memory). Keys combine route, normalised query and data version.
 * Pending computations are shared; a failed computation is not cached.
 */
export class LruCache<V> {
  private readonly map = new Map<string, Promise<V>>();
  hits = 0;
  misses = 0;

  constructor(private readonly maxEntries = 500) {}

  get size(): number {
    return this.map.size;
  }

  async getOrCompute(key: string, compute: () => Promise<V>): Promise<V> {
    const found = this.map.get(key);
    if (found) {
      this.hits++;
      // Refresh recency: Map iterates in insertion order, so re-insert at the end.
      this.map.delete(key);
      this.map.set(key, found);
      return found;
    }
    this.misses++;
    const pending = compute();
    this.map.set(key, pending);
    while (this.map.size > this.maxEntries) {
      const oldest = this.map.keys().next().value;
      if (oldest === undefined) break;
      this.map.delete(oldest);
    }
    try {
      return await pending;
    } catch (e) {
      if (this.map.get(key) === pending) this.map.delete(key);
      throw e;
    }
  }

  clear() {
    this.map.clear();
  }
}

/**
 * A stable key for a parsed query: keys sorted, filter lists sorted (their order does not change the answer),
 * groupBy kept in order (it names the columns), `format` left out (JSON and CSV share one result).
 * The role is part of the key: cached answers are the role's answers (after disclosure control).
 */
export function cacheKey(route: string, dataVersion: string, query: Record<string, unknown>, period: { from: string; to: string }, role: string): string {
  const norm: Record<string, unknown> = {};
  for (const k of Object.keys(query).sort()) {
    const v = query[k];
    if (v === undefined || k === 'format' || k === 'from' || k === 'to') continue;
    norm[k] = Array.isArray(v) && k !== 'groupBy' ? [...v].map(String).sort() : v;
  }
  return `${role}|${route}|${dataVersion}|${period.from}|${period.to}|${JSON.stringify(norm)}`;
}
