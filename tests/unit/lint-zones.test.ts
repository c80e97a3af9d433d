/**
 * The client's import zones (eslint.config.js) are enforced, not only written down: ESLint's Node API lints
 * synthetic files placed in src/client (never written to disk) and must report each forbidden import.
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const cwd = path.resolve(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd });

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(cwd, filePath) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

describe('client lint zones', { timeout: 60_000 }, () => {
  it('a feature importing another feature fails', async () => {
    const ids = await ruleIds('src/client/features/flows/__probe.ts', "export { useHotspots } from '../hotspots/api';\n");
    expect(ids).toContain('import-x/no-restricted-paths');
  });

  it('map/ importing app/ fails, and so does a shared component importing a feature', async () => {
    expect(await ruleIds('src/client/map/__probe.ts', "export { parseUrlState } from '../app/url';\n")).toContain('import-x/no-restricted-paths');
    expect(await ruleIds('src/client/components/__probe.ts', "export { FlowPanel } from '../features/flows/FlowPanel';\n")).toContain(
      'import-x/no-restricted-paths',
    );
  });

  it('an import cycle fails', async () => {
    // state/view.ts is imported by api/view-filters.ts; importing it back from state closes a cycle.
    const ids = await ruleIds('src/client/state/view.ts', "import { useViewFilters } from '../api/view-filters';\nexport const probe = useViewFilters;\n");
    expect(ids).toContain('import-x/no-cycle');
  });

  it('allowed imports (own feature, components, lib, state, api) pass', async () => {
    const code = [
      "export { useFlowBreakdowns } from './api';",
      "export { ExportBar } from '../../components/ExportBar';",
      "export { totalOf } from '../../lib/suppressed';",
      "export { useSelection } from '../../state/filters';",
      "export { useMeta } from '../../api/queries';",
      '',
    ].join('\n');
    expect(await ruleIds('src/client/features/flows/__probe.ts', code)).toEqual([]);
  });
});

describe('server lint zones: the store seam', { timeout: 60_000 }, () => {
  it('a route, access or analytics module importing an engine folder fails', async () => {
    expect(await ruleIds('src/server/routes/__probe.ts', "export { DuckDbStore } from '../store/duckdb/duckdb-store';\n")).toContain(
      'import-x/no-restricted-paths',
    );
    expect(await ruleIds('src/server/access/__probe.ts', "export { PgStore } from '../store/postgres/pg-store';\n")).toContain('import-x/no-restricted-paths');
    expect(await ruleIds('src/server/analytics/__probe.ts', "export { buildDatabase } from '../store/duckdb/seed';\n")).toContain(
      'import-x/no-restricted-paths',
    );
  });

  it('depending on the seam passes', async () => {
    const code = "export type { Store } from '../store/types';\nexport { openStore } from '../store/open-store';\n";
    expect(await ruleIds('src/server/routes/__probe.ts', code)).toEqual([]);
  });
});
