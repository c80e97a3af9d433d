/** A row's values as every engine's driver hands them back (DuckDB values, pg's parsed text), read the same way. */
export type Row = Record<string, unknown>;

export const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
export const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
export const num = (v: unknown): number => Number(v ?? 0);
