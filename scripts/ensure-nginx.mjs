#!/usr/bin/env node
// Makes sure nginx exists for the reverse-proxy test (tests/api/proxy.test.ts runs docs/deploy.md's nginx
// configuration in front of two API processes). Order: $NGINX_BIN, /usr/sbin/nginx, then (as root with apt-get)
// installs Debian's `nginx` package without starting its service; otherwise fails naming what to install.
import { existsSync } from 'node:fs';
import { ensureTool } from './ensure-tool.mjs';

export function findNginx() {
  return [process.env.NGINX_BIN, '/usr/sbin/nginx'].find((p) => p && existsSync(p)) ?? null;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exit(
    ensureTool({
      name: 'nginx',
      pkg: 'nginx',
      find: findNginx,
      hint: 'Install it (Debian/Ubuntu: `sudo apt-get install nginx`) or set NGINX_BIN to an nginx binary.',
    }),
  );
}
