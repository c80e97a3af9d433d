/**
 * Place names as the reference data gives them are English ("Agadez transit centre"). Where a table or a map label
 * already says what kind of place it lists, the town alone is shown, which reads the same in both languages.
 */

/** "Agadez transit centre" → "Agadez" ("Niamey transit centres" → "Niamey"); any other name unchanged. */
export function shortCentreName(name: string): string {
  return name.replace(/\s+(transit centres?|centres? de transit)$/i, '') || name;
}
