/** CSV output as RFC 4180 describes it: CRLF line ends, fields with comma, quote or line break quoted, quotes doubled. */
import type { AggregateResponse, RouteCounting } from '../../shared/api';
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
  const base = protectedAnswer ? [...res.groupBy, 'count', ...FLAGS] : [...res.groupBy, 'count'];
  // groupBy=route: a last row, `route` = "total", holds the people counted once each, and a `note` column says why
  // the route rows add up to something else (ROUTE_COUNTING_NOTE, as the JSON's routeCounting).
  const header = res.routeCounting ? [...base, 'note'] : base;
  const cell = (r: Record<string, unknown>, h: string) => ((FLAGS as readonly string[]).includes(h) ? String(r[h] === true) : r[h]);
  const rows = res.rows.map((r) => header.map((h) => cell(r as Record<string, unknown>, h)));
  if (res.routeCounting) {
    const total: Record<string, unknown> = {
      route: 'total',
      count: res.total,
      suppressed: res.total === null,
      perturbed: res.disclosure !== undefined,
      partial: res.totalPartial === true,
      note: routeCountingText(res.routeCounting),
    };
    rows.push(header.map((h) => cell(total, h)));
  }
  return toCsv(header, rows, hxl);
}

/** The note of a groupBy=route CSV: the rule, then the points it concerns. */
export function routeCountingText(c: RouteCounting): string {
  const several = c.pointsOnSeveralRoutes.map((p) => `${p.point} (${p.routes.join(', ')})`).join('; ');
  return `${c.note} On several routes: ${several || 'none'}. On no route: ${c.pointsOnNoRoute.join(', ') || 'none'}.`;
}

export function csvFilename(resource: string, res: Pick<AggregateResponse, 'from' | 'to' | 'groupBy'>, hxl = false): string {
  const by = res.groupBy.length ? `_by-${res.groupBy.join('-')}` : '';
  return `transit-atlas_${resource}_${res.from}_${res.to}${by}${hxl ? '_hxl' : ''}.csv`;
}
