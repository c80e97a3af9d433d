/**
 * The admin import panel's words, English and French (same keys, enforced by the type). Kept local so the feature
 * is self-contained; `importStringsFor(lang)` picks one, defaulting to `<html lang>`.
 */
import type { ImportDatasetName, ImportWarning } from '../../../shared/api';

type Range = { min: string; max: string };
type State = { dateRange: Range; dataAsOf: string };

export interface ImportStrings {
  title: string;
  intro: string;
  dataset: string;
  datasets: Record<ImportDatasetName, string>;
  /** The expected header or format, per dataset. */
  formats: Record<ImportDatasetName, string>;
  file: string;
  validate: string;
  validating: string;
  import: string;
  importing: string;
  importHint: string;
  valid: (rows: number, replaced: number) => string;
  invalid: (errors: number, rows: number) => string;
  moreErrors: (n: number) => string;
  line: string;
  field: string;
  problem: string;
  done: (rows: number, replaced: number) => string;
  dataAsOf: (date: string, version: string) => string;
  failed: (detail: string) => string;
  network: string;
  /** What the import changes (the server's dry run): rows added and replaced, the extent, "data as of". */
  changes: (added: number, replaced: number, dryRun: boolean) => string;
  extent: (after: Range, before: Range, dryRun: boolean) => string;
  asOfMoves: (from: string, to: string, dryRun: boolean) => string;
  warningsTitle: string;
  warning: (code: ImportWarning['code'], before: State, after: State) => string;
  history: HistoryStrings;
}

export interface HistoryStrings {
  title: string;
  intro: string;
  loading: string;
  empty: string;
  failed: (detail: string) => string;
  number: string;
  dataset: string;
  when: string;
  rows: string;
  dates: string;
  action: string;
  rowsCell: (rows: number, replaced: number) => string;
  undo: string;
  /** The accessible name of a row's Undo button. */
  undoLabel: (id: number, dataset: string) => string;
  undoneOn: (when: string) => string;
  confirm: (id: number, dataset: string, rows: number) => string;
  confirmYes: (id: number) => string;
  cancel: string;
  undoing: (id: number) => string;
  undone: (id: number, dataAsOf: string, version: string) => string;
  undoFailed: (detail: string) => string;
}

const en: ImportStrings = {
  title: 'Import data',
  intro: 'Load counts from a file. It is checked first; nothing is written until you confirm, and a file with any error is never written.',
  dataset: 'Dataset',
  datasets: { flows: 'Flows (monitoring points)', assistance: 'Assistance (centres)', returns: 'Assisted returns', places: 'Places (GeoJSON)' },
  formats: {
    flows: 'CSV with the header date,point,direction,nationality,sex,age_group,count (an optional transport column may follow age_group).',
    assistance: 'CSV with the header date,centre,service,nationality,sex,age_group,count.',
    returns: 'CSV with the header date,centre,destination,count.',
    places: 'GeoJSON FeatureCollection of points with the places properties (id, name, kind, countryIso3, admin1Pcode, …).',
  },
  file: 'File',
  validate: 'Validate',
  validating: 'Validating…',
  import: 'Import',
  importing: 'Importing…',
  importHint: 'Validate the file first; Import is available once it has no errors.',
  valid: (rows, replaced) =>
    `The file is valid: ${rows} ${rows === 1 ? 'row' : 'rows'}${replaced > 0 ? `, replacing ${replaced} stored ${replaced === 1 ? 'row' : 'rows'} with the same key` : ''}.`,
  invalid: (errors, rows) => `${errors} ${errors === 1 ? 'error' : 'errors'} in ${rows} ${rows === 1 ? 'row' : 'rows'}. Nothing was written.`,
  moreErrors: (n) => `… and ${n} more not listed.`,
  line: 'Line',
  field: 'Field',
  problem: 'Problem',
  done: (rows, replaced) => `Imported ${rows} ${rows === 1 ? 'row' : 'rows'} (${replaced} replaced).`,
  dataAsOf: (date, version) => `Data as of ${date} (version ${version}).`,
  failed: (detail) => `The server refused the file: ${detail}`,
  network: 'The server could not be reached. Check the connection and try again.',
  changes: (added, replaced, dryRun) =>
    `${dryRun ? 'Would add' : 'Added'} ${added} new ${added === 1 ? 'row' : 'rows'} and ${dryRun ? 'replace' : 'replaced'} ${replaced} stored ${replaced === 1 ? 'row' : 'rows'}.`,
  extent: (after, before, dryRun) =>
    after.min === before.min && after.max === before.max
      ? `The data ${dryRun ? 'would still cover' : 'still covers'} ${after.min} to ${after.max}.`
      : `The data ${dryRun ? 'would then cover' : 'now covers'} ${after.min} to ${after.max} (${dryRun ? 'now' : 'was'} ${before.min} to ${before.max}).`,
  asOfMoves: (from, to, dryRun) => `“Data as of” ${dryRun ? 'would move' : 'moved'} from ${from} to ${to}.`,
  warningsTitle: 'Check the file’s dates before importing:',
  warning: (code, before, after) =>
    code === 'extent-end-jump'
      ? `The data would end on ${after.dateRange.max}, more than a year after its current end (${before.dateRange.max})${after.dataAsOf !== before.dataAsOf ? `, and “data as of” would move to ${after.dataAsOf} for every visitor` : ''}.`
      : `The data would start on ${after.dateRange.min}, before its current start (${before.dateRange.min}).`,
  history: {
    title: 'Import history',
    intro: 'Every committed import, newest first. Undo makes the data exactly as if that import had never been made.',
    loading: 'Loading the import history…',
    empty: 'No imports yet.',
    failed: (detail) => `The import history could not be loaded: ${detail}`,
    number: 'No.',
    dataset: 'Dataset',
    when: 'Imported',
    rows: 'Rows',
    dates: 'Dates',
    action: 'Action',
    rowsCell: (rows, replaced) => `${rows} (${replaced} replaced)`,
    undo: 'Undo',
    undoLabel: (id, dataset) => `Undo import ${id} (${dataset})`,
    undoneOn: (when) => `Undone ${when}`,
    confirm: (id, dataset, rows) =>
      `Undo import ${id} (${dataset}, ${rows} ${rows === 1 ? 'row' : 'rows'})? The data will be exactly as if it had never been made; imports made after it stay.`,
    confirmYes: (id) => `Undo import ${id}`,
    cancel: 'Cancel',
    undoing: (id) => `Undoing import ${id}…`,
    undone: (id, dataAsOf, version) => `Import ${id} undone. Data as of ${dataAsOf} (version ${version}).`,
    undoFailed: (detail) => `The import could not be undone: ${detail}`,
  },
};

const fr: ImportStrings = {
  title: 'Importer des données',
  intro:
    'Chargez des effectifs depuis un fichier. Il est d’abord vérifié ; rien n’est écrit avant votre confirmation, et un fichier comportant une erreur n’est jamais écrit.',
  dataset: 'Jeu de données',
  datasets: { flows: 'Flux (points de suivi)', assistance: 'Assistance (centres)', returns: 'Retours assistés', places: 'Lieux (GeoJSON)' },
  formats: {
    flows: 'CSV avec l’en-tête date,point,direction,nationality,sex,age_group,count (une colonne transport peut suivre age_group).',
    assistance: 'CSV avec l’en-tête date,centre,service,nationality,sex,age_group,count.',
    returns: 'CSV avec l’en-tête date,centre,destination,count.',
    places: 'FeatureCollection GeoJSON de points avec les propriétés des lieux (id, name, kind, countryIso3, admin1Pcode, …).',
  },
  file: 'Fichier',
  validate: 'Vérifier',
  validating: 'Vérification…',
  import: 'Importer',
  importing: 'Import…',
  importHint: 'Vérifiez d’abord le fichier ; l’import est possible dès qu’il ne comporte aucune erreur.',
  valid: (rows, replaced) =>
    `Le fichier est valide : ${rows} ${rows <= 1 ? 'ligne' : 'lignes'}${replaced > 0 ? `, qui remplacent ${replaced} ${replaced <= 1 ? 'ligne enregistrée' : 'lignes enregistrées'} de même clé` : ''}.`,
  invalid: (errors, rows) => `${errors} ${errors <= 1 ? 'erreur' : 'erreurs'} sur ${rows} ${rows <= 1 ? 'ligne' : 'lignes'}. Rien n’a été écrit.`,
  moreErrors: (n) => `… et ${n} autres non listées.`,
  line: 'Ligne',
  field: 'Champ',
  problem: 'Problème',
  done: (rows, replaced) => `${rows} ${rows <= 1 ? 'ligne importée' : 'lignes importées'} (${replaced} ${replaced <= 1 ? 'remplacée' : 'remplacées'}).`,
  dataAsOf: (date, version) => `Données au ${date} (version ${version}).`,
  failed: (detail) => `Le serveur a refusé le fichier : ${detail}`,
  network: 'Le serveur est injoignable. Vérifiez la connexion et réessayez.',
  changes: (added, replaced, dryRun) =>
    `${dryRun ? 'Ajouterait' : 'Ajout de'} ${added} ${added <= 1 ? 'nouvelle ligne' : 'nouvelles lignes'} et ${dryRun ? 'remplacerait' : 'remplacement de'} ${replaced} ${replaced <= 1 ? 'ligne enregistrée' : 'lignes enregistrées'}.`,
  extent: (after, before, dryRun) =>
    after.min === before.min && after.max === before.max
      ? `Les données ${dryRun ? 'couvriraient toujours' : 'couvrent toujours'} la période du ${after.min} au ${after.max}.`
      : `Les données ${dryRun ? 'couvriraient alors' : 'couvrent désormais'} la période du ${after.min} au ${after.max} (${dryRun ? 'actuellement' : 'auparavant'} du ${before.min} au ${before.max}).`,
  asOfMoves: (from, to, dryRun) => `La date « données au » ${dryRun ? 'passerait' : 'est passée'} du ${from} au ${to}.`,
  warningsTitle: 'Vérifiez les dates du fichier avant d’importer :',
  warning: (code, before, after) =>
    code === 'extent-end-jump'
      ? `Les données se termineraient le ${after.dateRange.max}, plus d’un an après leur fin actuelle (${before.dateRange.max})${after.dataAsOf !== before.dataAsOf ? `, et la date « données au » passerait au ${after.dataAsOf} pour tous les visiteurs` : ''}.`
      : `Les données commenceraient le ${after.dateRange.min}, avant leur début actuel (${before.dateRange.min}).`,
  history: {
    title: 'Historique des imports',
    intro: 'Chaque import enregistré, du plus récent au plus ancien. Annuler rend les données exactement telles qu’elles seraient sans cet import.',
    loading: 'Chargement de l’historique des imports…',
    empty: 'Aucun import pour l’instant.',
    failed: (detail) => `L’historique des imports n’a pas pu être chargé : ${detail}`,
    number: 'N°',
    dataset: 'Jeu de données',
    when: 'Importé le',
    rows: 'Lignes',
    dates: 'Dates',
    action: 'Action',
    rowsCell: (rows, replaced) => `${rows} (${replaced} ${replaced <= 1 ? 'remplacée' : 'remplacées'})`,
    undo: 'Annuler',
    undoLabel: (id, dataset) => `Annuler l’import ${id} (${dataset})`,
    undoneOn: (when) => `Annulé le ${when}`,
    confirm: (id, dataset, rows) =>
      `Annuler l’import ${id} (${dataset}, ${rows} ${rows <= 1 ? 'ligne' : 'lignes'}) ? Les données seront exactement telles qu’elles seraient sans lui ; les imports faits après lui sont conservés.`,
    confirmYes: (id) => `Annuler l’import ${id}`,
    cancel: 'Ne pas annuler',
    undoing: (id) => `Annulation de l’import ${id}…`,
    undone: (id, dataAsOf, version) => `Import ${id} annulé. Données au ${dataAsOf} (version ${version}).`,
    undoFailed: (detail) => `L’import n’a pas pu être annulé : ${detail}`,
  },
};

export const importStrings = { en, fr } as const;

/** `lang` ("fr", "fr-NE", "en-GB"…) → "en" or "fr"; defaults to `<html lang>`, then English. */
export function importLang(lang?: string | null): 'en' | 'fr' {
  const l = (lang ?? (typeof document !== 'undefined' ? document.documentElement.lang : '') ?? '').toLowerCase();
  return l.startsWith('fr') ? 'fr' : 'en';
}

/** `lang` ("fr", "fr-NE", "en-GB"…) → its dictionary; defaults to `<html lang>`, then English. */
export function importStringsFor(lang?: string | null): ImportStrings {
  return importStrings[importLang(lang)];
}
