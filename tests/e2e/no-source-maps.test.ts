/**
 * The real build, as served: its bundles carry no sourceMappingURL (maps are built `hidden` and moved out of the
 * served folder, vite.config.ts), and asking for a map gets a 404 problem (the server refuses `*.map`, app.ts).
 */
import { describe, expect, inject, it } from 'vitest';

const baseUrl = inject('baseUrl');

describe('source maps', () => {
  it('are neither referenced by the served bundles nor served', async () => {
    const html = await (await fetch(baseUrl)).text();
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) {
      const text = await (await fetch(`${baseUrl}${asset}`)).text();
      expect(text, asset).not.toMatch(/[#@] sourceMappingURL=/);
      const map = await fetch(`${baseUrl}${asset}.map`);
      expect(map.status, `${asset}.map`).toBe(404);
      expect(map.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await map.text()).not.toContain('sourcesContent');
    }
  });
});
