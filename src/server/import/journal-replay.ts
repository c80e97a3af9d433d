/**
 * Replaying the import journal (engine-neutral): one journal entry, through the same validation as the import it
 * was, applied to a store that takes imports. Used when a database is rebuilt from data/ (its import log is empty)
 * or an undo rebuilds one without the undone entry.
 */
import { createReadStream, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { JOURNAL_NAME, type ImportTarget, type StagedImport } from './types';
import { validateCsv } from './validate-csv';
import { stagePlaces, validatePlacesGeoJson } from './validate-geojson';

/** Validates journal file `name` in `dir` against the data as it stands, then applies it (its journal name kept). */
export async function replayJournalEntry(
  target: ImportTarget & { applyImport(staged: StagedImport, opts: { dryRun: boolean; replayOf?: string; importedAt?: string }): Promise<unknown> },
  dir: string,
  name: string,
  importedAtOf?: string,
): Promise<void> {
  const match = JOURNAL_NAME.exec(name);
  if (!match) throw new Error(`Not a journal entry: ${name}`);
  const dataset = match[2] as StagedImport['dataset'];
  const lookups = await target.importLookups();
  const path = join(dir, name);
  const importedAt = importedAtOf ?? statSync(path).mtime.toISOString();
  let staged: StagedImport | null;
  if (dataset === 'places') {
    const v = validatePlacesGeoJson(await readFile(path, 'utf8'), lookups);
    staged = v.errorCount === 0 ? await stagePlaces(target.stagingPath(dataset), v.features) : null;
    if (!staged)
      throw new Error(
        `Import journal ${path} no longer validates: ${v.errors
          .slice(0, 3)
          .map((e) => `${e.field}: ${e.message}`)
          .join('; ')}`,
      );
  } else {
    const v = await validateCsv(dataset, createReadStream(path), lookups, { stagePath: target.stagingPath(dataset) });
    staged = v.staged;
    if (!staged) {
      throw new Error(
        `Import journal ${path} no longer validates against the data: ` +
          v.errors
            .slice(0, 3)
            .map((e) => `line ${e.line}, ${e.field}: ${e.message}`)
            .join('; ') +
          ' (fix data/ or move the file out of the journal, then start again)',
      );
    }
  }
  await target.applyImport(staged, { dryRun: false, replayOf: name, importedAt });
}
