/**
 * The test hooks (`window.__atlasMap`, `window.__atlasReady`) exist only in a test build: the production build
 * (`npm start`'s) has neither the names nor the code that sets them.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSpa } from './build-spa';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function scriptsOf(testHooks: boolean): string {
  const out = mkdtempSync(join(tmpdir(), 'atlas-hooks-'));
  dirs.push(out);
  buildSpa(out, {}, { testHooks });
  const assets = join(out, 'assets');
  return readdirSync(assets)
    .filter((f) => /\.m?js$/.test(f))
    .map((f) => readFileSync(join(assets, f), 'utf8'))
    .join('\n');
}

describe('test hooks', () => {
  it('are compiled into the test build only', () => {
    expect(scriptsOf(true)).toContain('__atlasReady');
    const production = scriptsOf(false);
    expect(production).not.toContain('__atlasMap');
    expect(production).not.toContain('__atlasReady');
  });
});
