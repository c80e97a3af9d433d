/**
 * `npm run openapi:check`: builds the server over the test fixture (tests/fixtures/mini, in a temp dir), fetches
 * /api/v1/openapi.json and validates it with a standard OpenAPI validator (@seriousme/openapi-schema-validator).
 * Exits 1 with the validator's errors when the document is not valid OpenAPI, 0 otherwise. For CI.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { buildApp } from '../src/server/app';
import { UserStore } from '../src/server/access/users';
import { DuckDbStore } from '../src/server/store/duckdb/duckdb-store';

const FIXTURE_DIR = resolve(import.meta.dirname, '../tests/fixtures/mini');
const tmp = mkdtempSync(join(tmpdir(), 'atlas-openapi-'));
let failed = true;
try {
  const store = await DuckDbStore.open({ dataDir: FIXTURE_DIR, dbPath: join(tmp, 'atlas.duckdb') });
  const app = buildApp({ store, users: UserStore.memory() });
  try {
    await app.ready();
    const res = await app.inject('/api/v1/openapi.json');
    if (res.statusCode !== 200) throw new Error(`GET /api/v1/openapi.json answered ${res.statusCode}: ${res.body.slice(0, 300)}`);
    const doc = res.json() as Record<string, unknown>;
    const validator = new Validator();
    const result = await validator.validate(doc);
    const operations = Object.values((doc.paths ?? {}) as Record<string, object>).reduce((n, ops) => n + Object.keys(ops).length, 0);
    if (result.valid) {
      console.log(`openapi:check: /api/v1/openapi.json is valid OpenAPI ${validator.version} (${operations} operations)`);
      failed = false;
    } else {
      console.error(`openapi:check: /api/v1/openapi.json is NOT valid OpenAPI ${validator.version}:`);
      console.error(typeof result.errors === 'string' ? result.errors : JSON.stringify(result.errors, null, 2));
    }
  } finally {
    await app.close();
    await store.close();
  }
} catch (e) {
  console.error('openapi:check:', e);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
