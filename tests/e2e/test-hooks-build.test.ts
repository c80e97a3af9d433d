/**
 * The test hooks (`window.__atlasMap`, `window.__atlasReady`) exist only in a test build: the production build
 * (`npm start`'s) has neither the names nor the code that sets them.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { buildSpa } from './build-spa';

const baseUrl = inject('baseUrl');
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
  it('are compiled into the test build only', async () => {
    // The browser tests' build (global-setup.ts) has them: one of its served scripts sets __atlasReady.
    const html = await (await fetch(baseUrl)).text();
    const served = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
    const texts = await Promise.all(served.map(async (path) => (await fetch(new URL(path, baseUrl))).text()));
    expect(texts.join('\n')).toContain('__atlasReady');
    const production = scriptsOf(false);
    expect(production).not.toContain('__atlasMap');
    expect(production).not.toContain('__atlasReady');
  });
});
