/**
 * The import template of a metric dataset: its CSV header, the HXL hashtag row and one illustrative row, all from the
 * dataset schema (src/shared/dataset-schema.ts) and the one hashtag table (src/shared/hxl.ts) that exports and
 * imports read — so a template, filled in, imports as it is. The example row names a real place and country of the
 * stored data and a date inside it, so it passes the import's checks.
 */
import { monthStart, weekStart } from '../../shared/calendar';
import { columnsOf, type Column, type MetricDatasetName } from '../../shared/dataset-schema';
import type { PlaceKind } from '../../shared/enums';
import { datasetCountKind } from '../../shared/hxl';
import { toCsv } from '../lib/csv';

export interface TemplateData {
  /** The stored data's latest date. */
  latest: string;
  places: ReadonlyArray<{ id: string; kind: PlaceKind; region: string | null }>;
  countries: readonly string[];
}

function exampleValue(dataset: MetricDatasetName, c: Column, data: TemplateData): string {
  if (c.type === 'date') return dataset === 'returns' ? monthStart(data.latest) : weekStart(data.latest);
  if (c.type === 'integer') return '12';
  if (c.values) return c.values[0]!;
  if (c.placeKinds) {
    const kinds = c.placeKinds;
    return data.places.find((p) => kinds.includes(p.kind) && p.region !== null)?.id ?? '';
  }
  if (c.country) return data.countries.includes('NGA') ? 'NGA' : (data.countries[0] ?? '');
  return '';
}

/** The template's text: header, HXL hashtags, one example row (RFC 4180, CRLF). */
export function importTemplate(dataset: MetricDatasetName, data: TemplateData): string {
  const columns = columnsOf(dataset);
  return toCsv(
    columns.map((c) => c.name),
    [columns.map((c) => exampleValue(dataset, c, data))],
    datasetCountKind(dataset),
  );
}
