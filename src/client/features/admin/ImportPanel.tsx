/**
 * Admin data import: choose the dataset, pick a file, Validate (a dry run on the server) → the report (rows, and the
 * errors with line, field and message; or what the import would change: rows added and replaced, the data's extent,
 * "data as of", and a warning when the extent jumps) → Import, enabled only after a clean validation of that same
 * file and dataset → the result and the new data-as-of. Every check is the server's; the file is sent as it is.
 *
 * Self-contained (own catalogue, the `admin` namespace; own API call). Must sit inside the app's QueryClientProvider: after an import every
 * cached answer is invalidated (the data version changed). The server allows this to admins only.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type ChangeEvent } from 'react';
import { IMPORT_DATASETS, type ImportDatasetName, type ImportProblem, type ImportResponse } from '../../../shared/api';
import { ApiError } from '../../api/client';
import { uploadImport } from './api';
import { useTranslation } from '../../i18n/i18n';
import './i18n';
import './import.css';

export interface ImportPanelProps {
  /** Dataset selected at first (default flows). */
  initialDataset?: ImportDatasetName;
  /** Called after a committed import with the server's answer (new dataVersion, dataAsOf, dateRange). */
  onImported?: (result: ImportResponse) => void;
}

type Phase =
  | { kind: 'idle' }
  | { kind: 'busy'; step: 'validate' | 'import' }
  | { kind: 'valid'; response: ImportResponse }
  | { kind: 'invalid'; report: ImportProblem }
  | { kind: 'imported'; response: ImportResponse }
  /** Worded at render, in the language of the moment. */
  | { kind: 'failed'; network: boolean; detail: string };

const ACCEPT: Record<ImportDatasetName, string> = {
  flows: '.csv,text/csv',
  assistance: '.csv,text/csv',
  returns: '.csv,text/csv',
  places: '.geojson,.json,application/geo+json,application/json',
};

const sameExtent = (a: { min: string; max: string }, b: { min: string; max: string }) => a.min === b.min && a.max === b.max;

/** What the import changes (would change, for a dry run): rows added and replaced, the extent, "data as of", warnings. */
function Changes({ response: r }: { response: ImportResponse }) {
  const { t } = useTranslation('admin');
  const context = r.dryRun ? 'dryRun' : undefined;
  const before = r.before;
  const after = r.after;
  const warnings = r.warnings ?? [];
  return (
    <>
      {(r.added !== undefined || (before && after)) && (
        <ul className="import-panel__changes" data-testid="import-changes">
          {r.added !== undefined && <li>{t('changes', { context, added: r.added, replaced: r.replaced })}</li>}
          {before && after && (
            <li>
              {t(sameExtent(after.dateRange, before.dateRange) ? 'extent.same' : 'extent.changed', {
                context,
                min: after.dateRange.min,
                max: after.dateRange.max,
                beforeMin: before.dateRange.min,
                beforeMax: before.dateRange.max,
              })}
            </li>
          )}
          {before && after && r.dataAsOfMoves && <li>{t('asOfMoves', { context, from: before.dataAsOf, to: after.dataAsOf })}</li>}
        </ul>
      )}
      {r.dryRun && before && after && warnings.length > 0 && (
        <div role="alert" className="import-panel__warning" data-testid="import-warnings">
          <p>{t('warningsTitle')}</p>
          <ul>
            {warnings.map((w) => (
              <li key={w.code}>
                {w.code === 'extent-end-jump'
                  ? t('warning.extent-end-jump', {
                      context: after.dataAsOf !== before.dataAsOf ? 'asOfMoves' : undefined,
                      max: after.dateRange.max,
                      currentMax: before.dateRange.max,
                      dataAsOf: after.dataAsOf,
                    })
                  : t('warning.extent-start-earlier', { min: after.dateRange.min, currentMin: before.dateRange.min })}
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

export function ImportPanel({ initialDataset = 'flows', onImported }: ImportPanelProps) {
  const { t } = useTranslation('admin');
  const id = useId();
  const client = useQueryClient();
  const [dataset, setDataset] = useState<ImportDatasetName>(initialDataset);
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const fileInput = useRef<HTMLInputElement>(null);
  // Bumped whenever the dataset or file changes: a late answer for an earlier choice is ignored.
  const generation = useRef(0);

  const reset = () => {
    generation.current++;
    setPhase({ kind: 'idle' });
  };
  const onDataset = (e: ChangeEvent<HTMLSelectElement>) => {
    setDataset(e.target.value as ImportDatasetName);
    setFile(null);
    if (fileInput.current) fileInput.current.value = '';
    reset();
  };
  const onFile = (e: ChangeEvent<HTMLInputElement>) => {
    setFile(e.target.files?.[0] ?? null);
    reset();
  };

  const send = async (step: 'validate' | 'import') => {
    if (!file) return;
    const mine = ++generation.current;
    setPhase({ kind: 'busy', step });
    try {
      const r = await uploadImport(dataset, file, { dryRun: step === 'validate' });
      if (mine !== generation.current) return;
      if (!r.ok) setPhase({ kind: 'invalid', report: r.report });
      else if (step === 'validate') setPhase({ kind: 'valid', response: r.response });
      else {
        setPhase({ kind: 'imported', response: r.response });
        void client.invalidateQueries();
        onImported?.(r.response);
      }
    } catch (e) {
      if (mine !== generation.current) return;
      setPhase({ kind: 'failed', network: e instanceof ApiError && e.kind === 'network', detail: e instanceof ApiError ? e.detail : String(e) });
    }
  };

  const busy = phase.kind === 'busy';
  const canImport = phase.kind === 'valid' && file !== null;
  const report = phase.kind === 'invalid' ? phase.report : null;
  const errors = report?.errors ?? [];
  const more = report ? (report.errorCount ?? errors.length) - errors.length : 0;

  return (
    <section className="import-panel" aria-labelledby={`${id}-title`} data-testid="import-panel">
      <h2 id={`${id}-title`} className="import-panel__title">
        {t('title')}
      </h2>
      <p className="import-panel__intro">{t('intro')}</p>
      <div className="import-panel__fields">
        <label className="import-panel__field">
          <span>{t('dataset')}</span>
          <select value={dataset} onChange={onDataset} disabled={busy} data-testid="import-dataset">
            {IMPORT_DATASETS.map((d) => (
              <option key={d} value={d}>
                {t(`datasets.${d}`)}
              </option>
            ))}
          </select>
        </label>
        <p id={`${id}-format`} className="import-panel__format">
          {t(`formats.${dataset}`)}
          {dataset !== 'places' && (
            <>
              {' '}
              {t('hxl')}{' '}
              <a href={`/api/v1/imports/templates/${dataset}.csv`} download data-testid="import-template">
                {t('template')}
              </a>
            </>
          )}
        </p>
        <label className="import-panel__field">
          <span>{t('file')}</span>
          <input
            ref={fileInput}
            type="file"
            accept={ACCEPT[dataset]}
            onChange={onFile}
            disabled={busy}
            aria-describedby={`${id}-format`}
            data-testid="import-file"
          />
        </label>
      </div>
      <div className="import-panel__actions">
        <button type="button" className="btn" onClick={() => void send('validate')} disabled={!file || busy} data-testid="import-validate">
          {busy && phase.step === 'validate' ? t('validating') : t('validate')}
        </button>
        <button
          type="button"
          className="btn btn--primary"
          onClick={() => void send('import')}
          disabled={!canImport || busy}
          aria-describedby={canImport ? undefined : `${id}-hint`}
          data-testid="import-commit"
        >
          {busy && phase.step === 'import' ? t('importing') : t('import')}
        </button>
      </div>
      {!canImport && phase.kind !== 'imported' && (
        <p id={`${id}-hint`} className="import-panel__hint">
          {t('importHint')}
        </p>
      )}
      <div aria-live="polite" aria-busy={busy || undefined} className="import-panel__result">
        {phase.kind === 'valid' && (
          <p role="status" data-testid="import-valid">
            {t('valid', {
              context: phase.response.replaced > 0 ? 'replacing' : undefined,
              rows: phase.response.rows,
              replaced: phase.response.replaced,
            })}
          </p>
        )}
        {phase.kind === 'imported' && (
          <p role="status" data-testid="import-done">
            {t('done', { count: phase.response.rows, replaced: phase.response.replaced })}{' '}
            {t('dataAsOf', { date: phase.response.dataAsOf, version: phase.response.dataVersion })}
          </p>
        )}
        {(phase.kind === 'valid' || phase.kind === 'imported') && <Changes response={phase.response} />}
        {phase.kind === 'failed' && (
          <p role="alert" className="import-panel__error" data-testid="import-failed">
            {phase.network ? t('network') : t('failed', { detail: phase.detail })}
          </p>
        )}
      </div>
      {report && (
        <div className="import-panel__report" data-testid="import-report">
          <p role="alert" className="import-panel__error">
            {t('invalid', { errors: report.errorCount ?? errors.length, rows: report.rows ?? 0 })}
          </p>
          <table className="import-panel__errors">
            <thead>
              <tr>
                <th scope="col">{t('line')}</th>
                <th scope="col">{t('field')}</th>
                <th scope="col">{t('problem')}</th>
              </tr>
            </thead>
            <tbody>
              {errors.map((e, i) => (
                <tr key={`${e.line ?? ''}-${e.field}-${i}`}>
                  <td>{e.line ?? '—'}</td>
                  <td>
                    <code>{e.field}</code>
                  </td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {more > 0 && <p className="import-panel__more">{t('moreErrors', { count: more })}</p>}
        </div>
      )}
    </section>
  );
}
