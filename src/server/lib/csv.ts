/** CSV output as RFC 4180 describes it: CRLF line ends, fields with comma, quote or line break quoted, quotes doubled. */
import type { AggregateResponse } from '../../shared/api';
import { hxlRow, type CountKind } from '../../shared/hxl';

export function csvField(value: unknown): string {
  const s = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** With `hxl`, an HXL hashtag row follows the header (the count column tagged as that kind of count). */
export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<unknown>>, hxl?: CountKind): string {
  const lines = hxl ? [header, hxlRow(header, hxl), ...rows] : [header, ...rows];
  return lines.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** People counted on the move are `#affected`, people given a service `#reached` (src/shared/hxl.ts). */
export const countKindOf = (resource: string): CountKind => (resource === 'assistance' ? 'reached' : 'affected');

const FLAGS = ['suppressed', 'perturbed', 'partial'] as const;

/**
 * An aggregate answer as CSV: one column per groupBy dimension, then `count`. When the answer passed disclosure
 * control, `suppressed` (withheld: empty count), `perturbed` and `partial` (some cells withheld, not in the count)
 * columns follow, `true` or `false`.
 */
export function aggregateToCsv(res: AggregateResponse, hxl?: CountKind): string {
  const protectedAnswer = res.disclosure !== undefined || res.rows.some((r) => r.suppressed === true);
  const header = protectedAnswer ? [...res.groupBy, 'count', ...FLAGS] : [...res.groupBy, 'count'];
  return toCsv(
    header,
    res.rows.map((r) =>
      header.map((h) => ((FLAGS as readonly string[]).includes(h) ? String((r as Record<string, unknown>)[h] === true) : (r as Record<string, unknown>)[h])),
    ),
    hxl,
  );
}

export function csvFilename(resource: string, res: Pick<AggregateResponse, 'from' | 'to' | 'groupBy'>, hxl = false): string {
  const by = res.groupBy.length ? `_by-${res.groupBy.join('-')}` : '';
  return `transit-atlas_${resource}_${res.from}_${res.to}${by}${hxl ? '_hxl' : ''}.csv`;
}
