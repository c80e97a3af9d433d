/**
 * The admin import panel's words, English and French (same keys, enforced by the type). Kept local so the feature
 * is self-contained; `importStringsFor(lang)` picks one, defaulting to `<html lang>`.
 */
import type { ImportDatasetName } from '../../../shared/api';

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
};

export const importStrings = { en, fr } as const;

/** `lang` ("fr", "fr-NE", "en-GB"…) → its dictionary; defaults to `<html lang>`, then English. */
export function importStringsFor(lang?: string | null): ImportStrings {
  const l = (lang ?? (typeof document !== 'undefined' ? document.documentElement.lang : '') ?? '').toLowerCase();
  return l.startsWith('fr') ? importStrings.fr : importStrings.en;
}
