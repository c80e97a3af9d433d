/** Writes a large, valid flows import file (distinct natural keys) for the import benchmark and the kill -9 test. */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { addDays } from '../src/shared/calendar';
import { csvHeader } from '../src/shared/dataset-schema';
import { DIRECTIONS, SEXES, AGE_GROUPS, TRANSPORTS } from '../src/shared/enums';

/**
 * `rows` flow rows from `start` on, for these monitoring points and nationalities: every combination of
 * point × direction × nationality × sex × age group × transport per day, then the next day. Counts are a cheap
 * deterministic function of the row number (`salt` shifts them, so two files can differ in values only).
 */
export async function writeFlowsImport(path: string, rows: number, opts: { points: string[]; nationalities: string[]; start?: string; salt?: number }) {
  const out = createWriteStream(path);
  const start = opts.start ?? '2020-01-01';
  const perDay = opts.points.length * DIRECTIONS.length * opts.nationalities.length * SEXES.length * AGE_GROUPS.length * TRANSPORTS.length;
  let buf = `${csvHeader('flows')}\n`;
  let day = -1;
  let date = '';
  for (let i = 0; i < rows; i++) {
    const d = Math.floor(i / perDay);
    if (d !== day) {
      day = d;
      date = addDays(start, d);
    }
    let r = i % perDay;
    const t = TRANSPORTS[r % TRANSPORTS.length];
    r = Math.floor(r / TRANSPORTS.length);
    const a = AGE_GROUPS[r % AGE_GROUPS.length];
    r = Math.floor(r / AGE_GROUPS.length);
    const s = SEXES[r % SEXES.length];
    r = Math.floor(r / SEXES.length);
    const n = opts.nationalities[r % opts.nationalities.length];
    r = Math.floor(r / opts.nationalities.length);
    const dir = DIRECTIONS[r % DIRECTIONS.length];
    r = Math.floor(r / DIRECTIONS.length);
    const p = opts.points[r];
    buf += `${date},${p},${dir},${n},${s},${a},${t},${(i * 7 + (opts.salt ?? 0)) % 97}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await once(out, 'drain');
      buf = '';
    }
  }
  out.end(buf);
  await once(out, 'finish');
}
