// One way to make sure a system tool the tests need is present: find it; otherwise, as root with apt-get, install
// Debian's package (without starting any service it ships: the tests start their own); otherwise fail naming what to
// install. Never a silent skip. Used by ensure-chromium.mjs, ensure-postgres.mjs and ensure-nginx.mjs.
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';

/**
 * @param {{ name: string, pkg: string, find: () => string | null, hint: string }} tool
 * @returns {number} the process exit code
 */
export function ensureTool({ name, pkg, find, hint }) {
  const found = find();
  if (found) {
    console.log(`${name}: ${found}`);
    return 0;
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log(`${name}: not found, installing Debian package "${pkg}" with apt-get…`);
    // Debian's policy-rc.d convention: exit 101 = "do not start services" (a package's postinst would otherwise start
    // its daemon, e.g. nginx on port 80). Only when none exists; removed again afterwards.
    const policy = '/usr/sbin/policy-rc.d';
    const ownPolicy = !existsSync(policy);
    if (ownPolicy) writeFileSync(policy, '#!/bin/sh\nexit 101\n', { mode: 0o755 });
    try {
      execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
      execFileSync('apt-get', ['install', '-y', '-qq', pkg], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    } catch (err) {
      console.error(`${name}: apt-get install failed (${err.message}).`);
      return 1;
    } finally {
      if (ownPolicy) rmSync(policy, { force: true });
    }
    const now = find();
    if (now) {
      console.log(`${name}: installed at ${now}`);
      return 0;
    }
  }
  console.error(`${name}: not found.\n  ${hint}`);
  return 1;
}
