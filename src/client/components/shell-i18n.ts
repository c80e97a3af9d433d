/**
 * Words of the pieces that load after the first map (namespace `shell`): export buttons and their context, the
 * copy-link button, the skip links. English and French with the same keys. Importing this module registers it.
 */
import { registerCatalogue, type CatalogueOf } from '../i18n/i18n';

export const en = {
  exports: {
    /** Visible on each CSV button: what the file holds. */
    csvOf: 'CSV: {{what}}',
    csvTitle: 'Download {{what}} as CSV (with place, filters, period and protection in the file)',
    geojsonOf: 'Map layer (GeoJSON)',
    pngOf: 'Map image (PNG)',
    failed: 'The download failed. Try again.',
    copyLink: 'Copy link to this view',
    copied: 'Link copied',
    copyFailed: 'Could not copy: the link is in the address bar',
    protectedText: 'perturbed counts (each cell within ±{{maxNoise}}); small counts withheld',
    exactText: 'exact counts',
    whole: 'all places',
  },
  legend: {
    routeWidth: 'Routes: line width by people counted, up to {{max}}',
    centreSize: 'Transit centres: circle size by people assisted, up to {{max}}',
    points: 'Monitoring points (yellow)',
    filters: 'Filters: {{filters}}',
    noFilters: 'No filters',
  },
  skip: {
    label: 'Skip links',
    map: 'Skip to the map',
    tables: 'Skip to the tables',
  },
};

export const fr: CatalogueOf<typeof en> = {
  exports: {
    csvOf: 'CSV : {{what}}',
    csvTitle: 'Télécharger {{what}} en CSV (avec lieu, filtres, période et protection dans le fichier)',
    geojsonOf: 'Couche de la carte (GeoJSON)',
    pngOf: 'Image de la carte (PNG)',
    failed: 'Le téléchargement a échoué. Réessayez.',
    copyLink: 'Copier le lien de cette vue',
    copied: 'Lien copié',
    copyFailed: 'Copie impossible : le lien est dans la barre d’adresse',
    protectedText: 'comptes perturbés (chaque cellule à ±{{maxNoise}} près) ; petits comptes masqués',
    exactText: 'comptes exacts',
    whole: 'tous les lieux',
  },
  legend: {
    routeWidth: 'Routes : épaisseur selon les personnes comptées, jusqu’à {{max}}',
    centreSize: 'Centres de transit : taille selon les personnes assistées, jusqu’à {{max}}',
    points: 'Points de suivi (jaune)',
    filters: 'Filtres : {{filters}}',
    noFilters: 'Aucun filtre',
  },
  skip: {
    label: 'Liens d’évitement',
    map: 'Aller à la carte',
    tables: 'Aller aux tableaux',
  },
};

registerCatalogue('shell', { en, fr });
