/**
 * `npm run screenshots`: every view, as each audience sees it, at 1440×900 and on a 375×812 phone, in English and
 * French, written to docs/screenshots/ (the README shows them). Starts the real server over the real data/ (a
 * temporary database and accounts), builds the SPA first when there is no build in dist/. Offline like the app.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launch, signIn } from '../tests/e2e/browser';
import { startServer } from '../src/server/start';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'docs/screenshots');
const PASSWORD = 'screenshots password, long enough';

/** [name, role, path]: the view each audience lands on, and the question it came with. */
export const SHOTS: ReadonlyArray<[string, 'public' | 'donor' | 'government' | 'programme', string]> = [
  ['signed-out', 'public', '/'],
  ['programme-route', 'programme', '/?view=flows&from=2016-01-01&to=2016-12-31&select=route:R5'],
  ['donor', 'donor', '/?view=donor&from=2017-01-01&to=2017-12-31'],
  ['government-hotspots', 'government', '/?view=hotspots&from=2019-12-01&to=2019-12-31&select=region:NE005'],
];
const SIZES = [
  ['desktop', { width: 1440, height: 900 }],
  ['phone', { width: 375, height: 812 }],
] as const;

async function main() {
  const dist = join(ROOT, 'dist');
  if (!existsSync(join(dist, 'index.html'))) execFileSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'inherit' });
  const tmp = mkdtempSync(join(tmpdir(), 'atlas-shots-'));
  const server = await startServer({ port: 0, dataDir: join(ROOT, 'data'), dbPath: join(tmp, 'atlas.duckdb'), staticDir: dist, onSetupToken: () => {} });
  for (const role of ['donor', 'government', 'programme'] as const) await server.users.add(role, role, PASSWORD);
  mkdirSync(OUT, { recursive: true });
  const browser = await launch();
  try {
    for (const [name, role, path] of SHOTS) {
      for (const [size, viewport] of SIZES) {
        for (const lang of ['en', 'fr'] as const) {
          const context = await browser.newContext({ viewport, locale: lang === 'fr' ? 'fr-FR' : 'en-GB', deviceScaleFactor: 1 });
          if (role !== 'public') await signIn(context, server.url, role, PASSWORD);
          const page = await context.newPage();
          await page.goto(`${server.url}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
          await page.waitForSelector('main[data-view]', { timeout: 60_000 });
          // The map's idle and the deferred side content (no test hooks in a production build): a settled page.
          await page.waitForLoadState('networkidle', { timeout: 60_000 }).catch(() => {});
          await page.waitForTimeout(2500);
          const file = join(OUT, `${name}-${size}-${lang}.png`);
          await page.screenshot({ path: file });
          console.log(file);
          await context.close();
        }
      }
    }
  } finally {
    await browser.close();
    await server.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

void main();
