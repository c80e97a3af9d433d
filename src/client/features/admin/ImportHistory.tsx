/**
 * The admin dialog's import history: every committed import, newest first, with an Undo button each. Undo asks
 * first (inline confirmation; Escape or Cancel keep the import, focus goes back to its button), then the server
 * rebuilds the data without that import (POST /api/v1/imports/{id}/undo): a new data version, so every cached
 * answer is invalidated, as after an import. Undone imports stay listed, marked as such. Keyboard: every control is
 * a native button; the confirmation takes the focus when it opens.
 *
 * Self-contained like ImportPanel (own catalogue, own API calls); must sit inside the app's QueryClientProvider.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { ImportHistoryEntryItem, ImportUndoResponse } from '../../../shared/api';
import { ApiError } from '../../api/client';
import { fetchImportHistory, IMPORT_HISTORY_KEY, undoImport } from './api';
import { useTranslation } from '../../i18n/i18n';
import { formatDateTime } from '../../i18n/format';
import './i18n';
import './import.css';

export interface ImportHistoryProps {
  /** Called after an undo with the server's answer (new dataVersion, dataAsOf, dateRange). */
  onUndone?: (result: ImportUndoResponse) => void;
}

type UndoState =
  | { kind: 'idle' }
  | { kind: 'busy'; id: number }
  | { kind: 'done'; response: ImportUndoResponse }
  /** Worded at render, in the language of the moment. */
  | { kind: 'failed'; network: boolean; detail: string };

/** A moment of the history in local time, in the interface language ("4 Dec 2026, 14:05"). */
function formatWhen(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : formatDateTime(d);
}

export function ImportHistory({ onUndone }: ImportHistoryProps) {
  const { t } = useTranslation('admin');
  const id = useId();
  const client = useQueryClient();
  const history = useQuery({ queryKey: IMPORT_HISTORY_KEY, queryFn: ({ signal }) => fetchImportHistory(signal) });
  const [confirming, setConfirming] = useState<number | null>(null);
  const [undo, setUndo] = useState<UndoState>({ kind: 'idle' });
  const undoButtons = useRef(new Map<number, HTMLButtonElement>());
  const cancelRef = useRef<HTMLButtonElement>(null);
  const resultRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (confirming !== null) cancelRef.current?.focus();
  }, [confirming]);
  useEffect(() => {
    if (undo.kind === 'done' || undo.kind === 'failed') resultRef.current?.focus();
  }, [undo.kind]);

  const entries = history.data?.imports ?? [];
  const target = confirming === null ? undefined : entries.find((e) => e.id === confirming);
  const busy = undo.kind === 'busy';

  const cancel = () => {
    const back = confirming;
    setConfirming(null);
    if (back !== null) undoButtons.current.get(back)?.focus();
  };
  const onConfirmKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'Escape') return;
    // Escape closes the confirmation only, not the whole dialog (its default would cancel the modal <dialog>).
    e.preventDefault();
    e.stopPropagation();
    e.nativeEvent.stopImmediatePropagation();
    cancel();
  };
  const confirm = async (entry: ImportHistoryEntryItem) => {
    setConfirming(null);
    setUndo({ kind: 'busy', id: entry.id });
    try {
      const response = await undoImport(entry.id);
      setUndo({ kind: 'done', response });
      // A new data version: every cached answer (the map, the charts, this history) is stale.
      void client.invalidateQueries();
      onUndone?.(response);
    } catch (e) {
      setUndo({ kind: 'failed', network: e instanceof ApiError && e.kind === 'network', detail: e instanceof ApiError ? e.detail : String(e) });
      void client.invalidateQueries({ queryKey: IMPORT_HISTORY_KEY });
    }
  };

  const datasetName = (e: ImportHistoryEntryItem) => t(`datasets.${e.dataset}`);

  return (
    <section className="import-history" aria-labelledby={`${id}-title`} data-testid="import-history">
      <h3 id={`${id}-title`} className="import-history__title">
        {t('history.title')}
      </h3>
      <p className="import-panel__intro">{t('history.intro')}</p>
      {history.isPending && <p>{t('history.loading')}</p>}
      {history.isError && (
        <p role="alert" className="import-panel__error">
          {t('history.failed', { detail: history.error instanceof ApiError ? history.error.detail : String(history.error) })}
        </p>
      )}
      {history.isSuccess && entries.length === 0 && <p data-testid="import-history-empty">{t('history.empty')}</p>}
      {entries.length > 0 && (
        <table className="import-panel__errors import-history__table" aria-labelledby={`${id}-title`}>
          <thead>
            <tr>
              <th scope="col">{t('history.number')}</th>
              <th scope="col">{t('history.dataset')}</th>
              <th scope="col">{t('history.when')}</th>
              <th scope="col">{t('history.rows')}</th>
              <th scope="col">{t('history.dates')}</th>
              <th scope="col">{t('history.action')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} data-testid={`import-history-${e.id}`} className={e.undone ? 'import-history__undone' : undefined}>
                <td>{e.id}</td>
                <td>{datasetName(e)}</td>
                <td>{formatWhen(e.importedAt)}</td>
                <td>{t('history.rowsCell', { rows: e.rows, replaced: e.replaced })}</td>
                <td>{e.dateRange ? `${e.dateRange.min} – ${e.dateRange.max}` : '—'}</td>
                <td>
                  {e.undone ? (
                    <span>{t('history.undoneOn', { when: e.undoneAt ? formatWhen(e.undoneAt) : '' })}</span>
                  ) : (
                    <button
                      ref={(el) => {
                        if (el) undoButtons.current.set(e.id, el);
                        else undoButtons.current.delete(e.id);
                      }}
                      type="button"
                      className="btn"
                      aria-label={t('history.undoLabel', { id: e.id, dataset: datasetName(e) })}
                      aria-expanded={confirming === e.id}
                      aria-controls={confirming === e.id ? `${id}-confirm` : undefined}
                      disabled={busy}
                      onClick={() => setConfirming(e.id)}
                      data-testid={`import-undo-${e.id}`}
                    >
                      {t('history.undo')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {target && (
        <div
          id={`${id}-confirm`}
          role="group"
          aria-labelledby={`${id}-confirm-text`}
          className="import-history__confirm"
          onKeyDown={onConfirmKey}
          data-testid="import-undo-confirm"
        >
          <p id={`${id}-confirm-text`}>{t('history.confirm', { id: target.id, dataset: datasetName(target), rows: target.rows })}</p>
          <div className="import-panel__actions">
            <button type="button" className="btn btn--primary" onClick={() => void confirm(target)} data-testid="import-undo-yes">
              {t('history.confirmYes', { id: target.id })}
            </button>
            <button ref={cancelRef} type="button" className="btn" onClick={cancel} data-testid="import-undo-cancel">
              {t('history.cancel')}
            </button>
          </div>
        </div>
      )}
      <div aria-live="polite" aria-busy={busy || undefined} className="import-panel__result">
        {busy && <p role="status">{t('history.undoing', { id: undo.id })}</p>}
        {undo.kind === 'done' && (
          <p role="status" tabIndex={-1} ref={resultRef} data-testid="import-undo-done">
            {t('history.undone', { id: undo.response.id, dataAsOf: undo.response.dataAsOf, version: undo.response.dataVersion })}
          </p>
        )}
        {undo.kind === 'failed' && (
          <p role="alert" tabIndex={-1} ref={resultRef} className="import-panel__error" data-testid="import-undo-failed">
            {t('history.undoFailed', { detail: undo.network ? t('network') : undo.detail })}
          </p>
        )}
      </div>
    </section>
  );
}
