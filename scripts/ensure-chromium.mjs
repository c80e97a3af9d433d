#!/usr/bin/env node
// Makes sure a Chromium for the browser tests exists. Order: $CHROME_PATH, /usr/bin/chromium,
// then (as root with apt-get) installs Debian's `chromium` package; otherwise fails naming what to install.
import { existsSync } from 'node:fs';
import { ensureTool } from './ensure-tool.mjs';

process.exit(
  ensureTool({
    name: 'chromium',
    pkg: 'chromium',
    find: () => [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => p && existsSync(p)) ?? null,
    hint:
      'Install it (Debian/Ubuntu: `sudo apt-get install chromium`) or set CHROME_PATH to a Chromium/Chrome binary.\n' +
      '  Playwright browser downloads are not used by this project.',
  }),
);
