/** Moved to src/client/i18n/dataset-text.ts; kept for the call sites not yet converted (remove with them). */
export * from '../i18n/dataset-text';
