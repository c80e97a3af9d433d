#!/usr/bin/env node
// Makes sure a Chromium for the browser tests exists. Order: $CHROME_PATH, /usr/bin/chromium,
// then (as root with apt-get) installs Debian's `chromium` package; otherwise fails naming what to install.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
const found = candidates.find((p) => existsSync(p));
if (found) {
  console.log(`chromium: ${found}`);
  process.exit(0);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = existsSync('/usr/bin/apt-get');
if (isRoot && hasApt) {
  console.log('chromium: not found, installing Debian package "chromium" with apt-get…');
  try {
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  } catch (err) {
    console.error(`chromium: apt-get install failed (${err.message}).`);
    process.exit(1);
  }
  if (existsSync('/usr/bin/chromium')) {
    console.log('chromium: installed at /usr/bin/chromium');
    process.exit(0);
  }
}
console.error(
  'chromium: no Chromium found for the browser tests.\n' +
    '  Install it (Debian/Ubuntu: `sudo apt-get install chromium`) or set CHROME_PATH to a Chromium/Chrome binary.\n' +
    '  Playwright browser downloads are not used by this project.',
);
process.exit(1);
