import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config';
import { storeConfigOf } from '../../src/server/store/open-store';

const PG = 'postgres://atlas@db.internal:5432/atlas';

describe('the store a configuration names', () => {
  it('is the DuckDB file without DATABASE_URL, whatever the pool size says', () => {
    const c = storeConfigOf(loadConfig({ DATABASE_POOL_SIZE: '4' }, '/srv/atlas'));
    expect(c).toMatchObject({ engine: 'duckdb', dbPath: '/srv/atlas/var/atlas.duckdb' });
    expect(c).not.toHaveProperty('connections');
  });

  it('is PostgreSQL with DATABASE_URL, with 10 connections per process unless DATABASE_POOL_SIZE says otherwise', () => {
    expect(storeConfigOf(loadConfig({ DATABASE_URL: PG }, '/srv/atlas'))).toMatchObject({ engine: 'postgres', url: PG, connections: 10 });
    expect(storeConfigOf(loadConfig({ DATABASE_URL: PG, DATABASE_POOL_SIZE: '5' }, '/srv/atlas'))).toMatchObject({ connections: 5 });
  });

  it.each(['0', '201', 'ten', '2.5'])('refuses DATABASE_POOL_SIZE=%s, naming it', (v) => {
    expect(() => loadConfig({ DATABASE_URL: PG, DATABASE_POOL_SIZE: v })).toThrow(/DATABASE_POOL_SIZE/);
  });
});
