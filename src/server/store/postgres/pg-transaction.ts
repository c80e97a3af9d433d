import type pg from 'pg';

/**
 * Runs `fn` in one transaction on a client of `pool`, holding advisory locks until it ends (one such transaction at
 * a time across every process on the database): `lock`, a number, or text keys (hashed; taken sorted, so that two
 * processes never deadlock). Commits, unless `commit` is false (a dry run: what `fn` did is rolled back); rolls back
 * when `fn` throws.
 */
export async function inLockedTransaction<T>(
  pool: pg.Pool,
  lock: number | readonly string[],
  fn: (c: pg.PoolClient) => Promise<T>,
  opts: { commit?: boolean } = {},
): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    try {
      if (typeof lock === 'number') await c.query('SELECT pg_advisory_xact_lock($1)', [lock]);
      else for (const k of [...lock].sort()) await c.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [k]);
      const result = await fn(c);
      await c.query(opts.commit === false ? 'ROLLBACK' : 'COMMIT');
      return result;
    } catch (e) {
      await c.query('ROLLBACK').catch(() => {});
      throw e;
    }
  } finally {
    c.release();
  }
}
