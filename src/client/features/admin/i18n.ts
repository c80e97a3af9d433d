/**
 * The admin import panel's words (namespace `admin`), English and French with the same keys (was ./strings.ts).
 * A sentence with two counts nests the plural of the second one (`$t(admin:units.rows, {"count": {{rows}} })`);
 * "would …" versions of a sentence are the context `dryRun`; a sentence that depends on the data is one key per
 * case (`extent.same` / `extent.changed`). Importing this module registers the catalogue.
 */
import { registerCatalogue, type CatalogueOf } from '../../i18n/i18n';

export const en = {
  title: 'Import data',
  intro: 'Load counts from a file. It is checked first; nothing is written until you confirm, and a file with any error is never written.',
  close: 'Close',
  dataset: 'Dataset',
  /** Keyed by ImportDatasetName (src/shared/api.ts). */
  datasets: { flows: 'Flows (monitoring points)', assistance: 'Assistance (centres)', returns: 'Assisted returns', places: 'Places (GeoJSON)' },
  /** The expected header or format, per dataset. */
  formats: {
    flows: 'CSV with the header date,point,direction,nationality,sex,age_group,count (an optional transport column may follow age_group).',
    assistance: 'CSV with the header date,centre,service,nationality,sex,age_group,count.',
    returns: 'CSV with the header date,centre,destination,count.',
    places: 'GeoJSON FeatureCollection of points with the places properties (id, name, kind, countryIso3, admin1Pcode, …).',
  },
  /** Link to the dataset's import template (header, HXL hashtags, an example row). */
  hxl: 'A file with a row of HXL hashtags (#date, #loc+name, …) is read by its hashtags, in any column order.',
  template: 'Download the template',
  file: 'File',
  validate: 'Validate',
  validating: 'Validating…',
  import: 'Import',
  importing: 'Importing…',
  importHint: 'Validate the file first; Import is available once it has no errors.',
  /** Counted nouns, nested in the sentences below. */
  units: {
    rows_one: '{{count}} row',
    rows_other: '{{count}} rows',
    newRows_one: '{{count}} new row',
    newRows_other: '{{count}} new rows',
    storedRows_one: '{{count}} stored row',
    storedRows_other: '{{count}} stored rows',
    errors_one: '{{count}} error',
    errors_other: '{{count}} errors',
    replaced_one: '{{count}} replaced',
    replaced_other: '{{count}} replaced',
  },
  /** Context `replacing` when replaced > 0. */
  valid: 'The file is valid: $t(admin:units.rows, {"count": {{rows}} }).',
  valid_replacing:
    'The file is valid: $t(admin:units.rows, {"count": {{rows}} }), replacing $t(admin:units.storedRows, {"count": {{replaced}} }) with the same key.',
  invalid: '$t(admin:units.errors, {"count": {{errors}} }) in $t(admin:units.rows, {"count": {{rows}} }). Nothing was written.',
  moreErrors: '… and {{count}} more not listed.',
  line: 'Line',
  field: 'Field',
  problem: 'Problem',
  /** `count` = rows imported. */
  done_one: 'Imported {{count}} row ($t(admin:units.replaced, {"count": {{replaced}} })).',
  done_other: 'Imported {{count}} rows ($t(admin:units.replaced, {"count": {{replaced}} })).',
  dataAsOf: 'Data as of {{date}} (version {{version}}).',
  failed: 'The server refused the file: {{detail}}',
  network: 'The server could not be reached. Check the connection and try again.',
  /** What the import changes (the server's dry run: context `dryRun`): rows added and replaced, the extent, "data as of". */
  changes: 'Added $t(admin:units.newRows, {"count": {{added}} }) and replaced $t(admin:units.storedRows, {"count": {{replaced}} }).',
  changes_dryRun: 'Would add $t(admin:units.newRows, {"count": {{added}} }) and replace $t(admin:units.storedRows, {"count": {{replaced}} }).',
  /** `same` when the date range does not change; {{min}}–{{max}} after, {{beforeMin}}–{{beforeMax}} before. */
  extent: {
    same: 'The data still covers {{min}} to {{max}}.',
    same_dryRun: 'The data would still cover {{min}} to {{max}}.',
    changed: 'The data now covers {{min}} to {{max}} (was {{beforeMin}} to {{beforeMax}}).',
    changed_dryRun: 'The data would then cover {{min}} to {{max}} (now {{beforeMin}} to {{beforeMax}}).',
  },
  asOfMoves: '“Data as of” moved from {{from}} to {{to}}.',
  asOfMoves_dryRun: '“Data as of” would move from {{from}} to {{to}}.',
  warningsTitle: 'Check the file’s dates before importing:',
  /** Keyed by ImportWarning['code']; context `asOfMoves` when "data as of" would change too. */
  warning: {
    'extent-end-jump': 'The data would end on {{max}}, more than a year after its current end ({{currentMax}}).',
    'extent-end-jump_asOfMoves':
      'The data would end on {{max}}, more than a year after its current end ({{currentMax}}), and “data as of” would move to {{dataAsOf}} for every visitor.',
    'extent-start-earlier': 'The data would start on {{min}}, before its current start ({{currentMin}}).',
  },
  history: {
    title: 'Import history',
    intro: 'Every committed import, newest first. Undo makes the data exactly as if that import had never been made.',
    loading: 'Loading the import history…',
    empty: 'No imports yet.',
    failed: 'The import history could not be loaded: {{detail}}',
    number: 'No.',
    dataset: 'Dataset',
    when: 'Imported',
    rows: 'Rows',
    dates: 'Dates',
    action: 'Action',
    rowsCell: '{{rows}} ($t(admin:units.replaced, {"count": {{replaced}} }))',
    undo: 'Undo',
    /** The accessible name of a row's Undo button. */
    undoLabel: 'Undo import {{id}} ({{dataset}})',
    undoneOn: 'Undone {{when}}',
    confirm:
      'Undo import {{id}} ({{dataset}}, $t(admin:units.rows, {"count": {{rows}} }))? The data will be exactly as if it had never been made; imports made after it stay.',
    confirmYes: 'Undo import {{id}}',
    cancel: 'Cancel',
    undoing: 'Undoing import {{id}}…',
    undone: 'Import {{id}} undone. Data as of {{dataAsOf}} (version {{version}}).',
    undoFailed: 'The import could not be undone: {{detail}}',
  },
};

export const fr: CatalogueOf<typeof en> = {
  title: 'Importer des données',
  intro:
    'Chargez des effectifs depuis un fichier. Il est d’abord vérifié ; rien n’est écrit avant votre confirmation, et un fichier comportant une erreur n’est jamais écrit.',
  close: 'Fermer',
  dataset: 'Jeu de données',
  datasets: { flows: 'Flux (points de suivi)', assistance: 'Assistance (centres)', returns: 'Retours assistés', places: 'Lieux (GeoJSON)' },
  formats: {
    flows: 'CSV avec l’en-tête date,point,direction,nationality,sex,age_group,count (une colonne transport peut suivre age_group).',
    assistance: 'CSV avec l’en-tête date,centre,service,nationality,sex,age_group,count.',
    returns: 'CSV avec l’en-tête date,centre,destination,count.',
    places: 'FeatureCollection GeoJSON de points avec les propriétés des lieux (id, name, kind, countryIso3, admin1Pcode, …).',
  },
  hxl: 'Un fichier avec une ligne de hashtags HXL (#date, #loc+name, …) est lu par ses hashtags, colonnes dans n’importe quel ordre.',
  template: 'Télécharger le modèle',
  file: 'Fichier',
  validate: 'Vérifier',
  validating: 'Vérification…',
  import: 'Importer',
  importing: 'Import…',
  importHint: 'Vérifiez d’abord le fichier ; l’import est possible dès qu’il ne comporte aucune erreur.',
  units: {
    rows_one: '{{count}} ligne',
    rows_other: '{{count}} lignes',
    newRows_one: '{{count}} nouvelle ligne',
    newRows_other: '{{count}} nouvelles lignes',
    storedRows_one: '{{count}} ligne enregistrée',
    storedRows_other: '{{count}} lignes enregistrées',
    errors_one: '{{count}} erreur',
    errors_other: '{{count}} erreurs',
    replaced_one: '{{count}} remplacée',
    replaced_other: '{{count}} remplacées',
  },
  valid: 'Le fichier est valide : $t(admin:units.rows, {"count": {{rows}} }).',
  valid_replacing:
    'Le fichier est valide : $t(admin:units.rows, {"count": {{rows}} }), qui remplacent $t(admin:units.storedRows, {"count": {{replaced}} }) de même clé.',
  invalid: '$t(admin:units.errors, {"count": {{errors}} }) sur $t(admin:units.rows, {"count": {{rows}} }). Rien n’a été écrit.',
  moreErrors: '… et {{count}} autres non listées.',
  line: 'Ligne',
  field: 'Champ',
  problem: 'Problème',
  done_one: '{{count}} ligne importée ($t(admin:units.replaced, {"count": {{replaced}} })).',
  done_other: '{{count}} lignes importées ($t(admin:units.replaced, {"count": {{replaced}} })).',
  dataAsOf: 'Données au {{date}} (version {{version}}).',
  failed: 'Le serveur a refusé le fichier : {{detail}}',
  network: 'Le serveur est injoignable. Vérifiez la connexion et réessayez.',
  changes: 'Ajout de $t(admin:units.newRows, {"count": {{added}} }) et remplacement de $t(admin:units.storedRows, {"count": {{replaced}} }).',
  changes_dryRun: 'Ajouterait $t(admin:units.newRows, {"count": {{added}} }) et remplacerait $t(admin:units.storedRows, {"count": {{replaced}} }).',
  extent: {
    same: 'Les données couvrent toujours la période du {{min}} au {{max}}.',
    same_dryRun: 'Les données couvriraient toujours la période du {{min}} au {{max}}.',
    changed: 'Les données couvrent désormais la période du {{min}} au {{max}} (auparavant du {{beforeMin}} au {{beforeMax}}).',
    changed_dryRun: 'Les données couvriraient alors la période du {{min}} au {{max}} (actuellement du {{beforeMin}} au {{beforeMax}}).',
  },
  asOfMoves: 'La date « données au » est passée du {{from}} au {{to}}.',
  asOfMoves_dryRun: 'La date « données au » passerait du {{from}} au {{to}}.',
  warningsTitle: 'Vérifiez les dates du fichier avant d’importer :',
  warning: {
    'extent-end-jump': 'Les données se termineraient le {{max}}, plus d’un an après leur fin actuelle ({{currentMax}}).',
    'extent-end-jump_asOfMoves':
      'Les données se termineraient le {{max}}, plus d’un an après leur fin actuelle ({{currentMax}}), et la date « données au » passerait au {{dataAsOf}} pour tous les visiteurs.',
    'extent-start-earlier': 'Les données commenceraient le {{min}}, avant leur début actuel ({{currentMin}}).',
  },
  history: {
    title: 'Historique des imports',
    intro: 'Chaque import enregistré, du plus récent au plus ancien. Annuler rend les données exactement telles qu’elles seraient sans cet import.',
    loading: 'Chargement de l’historique des imports…',
    empty: 'Aucun import pour l’instant.',
    failed: 'L’historique des imports n’a pas pu être chargé : {{detail}}',
    number: 'N°',
    dataset: 'Jeu de données',
    when: 'Importé le',
    rows: 'Lignes',
    dates: 'Dates',
    action: 'Action',
    rowsCell: '{{rows}} ($t(admin:units.replaced, {"count": {{replaced}} }))',
    undo: 'Annuler',
    undoLabel: 'Annuler l’import {{id}} ({{dataset}})',
    undoneOn: 'Annulé le {{when}}',
    confirm:
      'Annuler l’import {{id}} ({{dataset}}, $t(admin:units.rows, {"count": {{rows}} })) ? Les données seront exactement telles qu’elles seraient sans lui ; les imports faits après lui sont conservés.',
    confirmYes: 'Annuler l’import {{id}}',
    cancel: 'Ne pas annuler',
    undoing: 'Annulation de l’import {{id}}…',
    undone: 'Import {{id}} annulé. Données au {{dataAsOf}} (version {{version}}).',
    undoFailed: 'L’import n’a pas pu être annulé : {{detail}}',
  },
};

registerCatalogue('admin', { en, fr });
