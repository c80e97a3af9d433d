/**
 * The admin dialog's import history with Undo (asks first; Cancel or Escape keep the import, focus back on its
 * button; keyboard only works), in English and French; and the import panel's dry-run report of what an import would
 * change, with the warning when the extent jumps. msw plays the server.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { File as NodeFile } from 'node:buffer';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ImportHistory } from '../../src/client/features/admin/ImportHistory';
import { ImportPanel } from '../../src/client/features/admin/ImportPanel';
import {
  importHistoryResponse,
  importResponse,
  importUndoResponse,
  PROBLEM_CONTENT_TYPE,
  type ImportHistoryEntryItem,
  type ImportHistoryResponse,
} from '../../src/shared/api';
import { setLanguage } from '../../src/client/i18n/i18n';
import { renderWithClient } from './render';
import { server } from './setup';

afterEach(() => setLanguage('en'));

const entry = (id: number, over: Partial<ImportHistoryEntryItem> = {}): ImportHistoryEntryItem => ({
  id,
  dataset: 'flows',
  journal: `${String(id).padStart(6, '0')}-flows.csv`,
  importedAt: '2026-12-01T10:00:00.000Z',
  rows: 3,
  replaced: 1,
  inserted: 3,
  dateRange: { min: '2019-03-04', max: '2019-03-05' },
  undone: false,
  undoneAt: null,
  ...over,
});

/** A server holding imports 1 (undone), 2 and 3 (returns); undo marks one undone, or answers `refuse` for id 3. */
function fakeServer(opts: { refuse?: { status: number; detail: string } } = {}) {
  let list: ImportHistoryEntryItem[] = [
    entry(3, { dataset: 'returns', journal: '000003-returns.csv', rows: 1, replaced: 0, dateRange: { min: '2019-04-01', max: '2019-04-01' } }),
    entry(2),
    entry(1, { undone: true, undoneAt: '2026-12-02T09:30:00.000Z' }),
  ];
  const undos: string[] = [];
  const historyGets = { n: 0 };
  server.use(
    http.get('/api/v1/imports', () => {
      historyGets.n++;
      const body: ImportHistoryResponse = importHistoryResponse.parse({ imports: list, dataVersion: 'v-2' });
      return HttpResponse.json(body);
    }),
    http.post('/api/v1/imports/:id/undo', ({ params, request }) => {
      undos.push(`${String(params.id)} ${request.headers.get('content-type') ?? '(no body)'}`);
      const id = Number(params.id);
      if (opts.refuse && id === 3) {
        return HttpResponse.json(
          { type: 'urn:transit-atlas:problem:undo-refused', title: 'Conflict', status: opts.refuse.status, detail: opts.refuse.detail },
          { status: opts.refuse.status, headers: { 'Content-Type': PROBLEM_CONTENT_TYPE } },
        );
      }
      list = list.map((e) => (e.id === id ? { ...e, undone: true, undoneAt: '2026-12-04T12:00:00.000Z' } : e));
      const e = list.find((x) => x.id === id)!;
      return HttpResponse.json(
        importUndoResponse.parse({
          id,
          dataset: e.dataset,
          journal: e.journal,
          undone: true,
          dataVersion: 'v-1',
          dataAsOf: '2019-03-01',
          dateRange: { min: '2018-12-01', max: '2019-02-28' },
          generation: 1,
        }),
      );
    }),
  );
  return { undos, historyGets };
}

const rowOf = (id: number) => screen.getByTestId(`import-history-${id}`);

describe('ImportHistory', () => {
  it('lists every import, newest first, with an Undo button for those not undone', async () => {
    fakeServer();
    renderWithClient(<ImportHistory />);
    expect(screen.getByRole('heading', { name: 'Import history' })).toBeInTheDocument();
    await screen.findByTestId('import-history-3');
    const table = screen.getByRole('table', { name: 'Import history' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell')[0]!.textContent)).toEqual(['3', '2', '1']);
    expect(within(rowOf(3)).getByText('Assisted returns')).toBeInTheDocument();
    expect(within(rowOf(3)).getByText('1 (0 replaced)')).toBeInTheDocument();
    expect(within(rowOf(2)).getByText('2019-03-04 – 2019-03-05')).toBeInTheDocument();
    expect(within(rowOf(2)).getByRole('button', { name: 'Undo import 2 (Flows (monitoring points))' })).toBeEnabled();
    expect(within(rowOf(1)).queryByRole('button')).not.toBeInTheDocument();
    expect(within(rowOf(1)).getByText(/^Undone /)).toBeInTheDocument();
  });

  it('Undo asks first; Cancel keeps the import and puts the focus back on its button; nothing is sent', async () => {
    const { undos } = fakeServer();
    renderWithClient(<ImportHistory />);
    await userEvent.click(await screen.findByTestId('import-undo-2'));
    const confirm = screen.getByTestId('import-undo-confirm');
    expect(confirm).toHaveTextContent('Undo import 2 (Flows (monitoring points), 3 rows)? The data will be exactly as if it had never been made');
    expect(screen.getByTestId('import-undo-2')).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByTestId('import-undo-cancel')).toHaveFocus();
    await userEvent.click(screen.getByTestId('import-undo-cancel'));
    expect(screen.queryByTestId('import-undo-confirm')).not.toBeInTheDocument();
    expect(screen.getByTestId('import-undo-2')).toHaveFocus();
    expect(undos).toEqual([]);
  });

  it('Escape closes the confirmation only (the dialog around it stays open)', async () => {
    const { undos } = fakeServer();
    const outer = vi.fn();
    document.addEventListener('keydown', outer);
    try {
      renderWithClient(<ImportHistory />);
      await userEvent.click(await screen.findByTestId('import-undo-3'));
      await userEvent.keyboard('{Escape}');
      expect(screen.queryByTestId('import-undo-confirm')).not.toBeInTheDocument();
      expect(screen.getByTestId('import-undo-3')).toHaveFocus();
      expect(outer).not.toHaveBeenCalled();
      expect(undos).toEqual([]);
    } finally {
      document.removeEventListener('keydown', outer);
    }
  });

  it('with the keyboard alone: Undo, confirm → the server undoes it (no body), the new data-as-of is said, the history refreshes', async () => {
    const { undos, historyGets } = fakeServer();
    const onUndone = vi.fn();
    const { client } = renderWithClient(<ImportHistory onUndone={onUndone} />);
    const invalidate = vi.spyOn(client, 'invalidateQueries');
    (await screen.findByTestId('import-undo-2')).focus();
    await userEvent.keyboard('{Enter}');
    expect(screen.getByTestId('import-undo-cancel')).toHaveFocus();
    await userEvent.tab({ shift: true });
    expect(screen.getByTestId('import-undo-yes')).toHaveFocus();
    expect(screen.getByTestId('import-undo-yes')).toHaveTextContent('Undo import 2');
    await userEvent.keyboard('{Enter}');
    const done = await screen.findByTestId('import-undo-done');
    expect(done).toHaveTextContent('Import 2 undone. Data as of 2019-03-01 (version v-1).');
    expect(done).toHaveFocus();
    expect(undos).toEqual(['2 (no body)']);
    expect(invalidate).toHaveBeenCalledWith(); // every cached answer: a new data version
    expect(onUndone).toHaveBeenCalledWith(expect.objectContaining({ id: 2, dataVersion: 'v-1' }));
    await waitFor(() => expect(within(rowOf(2)).queryByRole('button')).not.toBeInTheDocument());
    expect(within(rowOf(2)).getByText(/^Undone /)).toBeInTheDocument();
    expect(historyGets.n).toBeGreaterThanOrEqual(2);
  });

  it('a refusal (409) is shown as an alert with the server’s reason; the import stays', async () => {
    const detail = "Import 3 cannot be undone on its own: line 2, point: 'tillia-fmp' is not a known place id";
    fakeServer({ refuse: { status: 409, detail } });
    renderWithClient(<ImportHistory />);
    await userEvent.click(await screen.findByTestId('import-undo-3'));
    await userEvent.click(screen.getByTestId('import-undo-yes'));
    expect(await screen.findByTestId('import-undo-failed')).toHaveTextContent(`The import could not be undone: ${detail}`);
    expect(within(rowOf(3)).getByRole('button', { name: /Undo import 3/ })).toBeEnabled();
  });

  it('speaks French', async () => {
    fakeServer();
    await setLanguage('fr');
    renderWithClient(<ImportHistory />);
    expect(screen.getByRole('heading', { name: 'Historique des imports' })).toBeInTheDocument();
    await userEvent.click(await screen.findByRole('button', { name: 'Annuler l’import 2 (Flux (points de suivi))' }));
    expect(screen.getByTestId('import-undo-confirm')).toHaveTextContent('Annuler l’import 2 (Flux (points de suivi), 3 lignes) ?');
    expect(screen.getByRole('button', { name: 'Ne pas annuler' })).toHaveFocus();
    await userEvent.click(screen.getByRole('button', { name: 'Annuler l’import 2' }));
    expect(await screen.findByTestId('import-undo-done')).toHaveTextContent('Import 2 annulé. Données au 2019-03-01 (version v-1).');
    expect(within(rowOf(1)).getByText(/^Annulé le /)).toBeInTheDocument();
  });

  it('says so when there are no imports', async () => {
    server.use(http.get('/api/v1/imports', () => HttpResponse.json({ imports: [], dataVersion: 'v' })));
    renderWithClient(<ImportHistory />);
    expect(await screen.findByTestId('import-history-empty')).toHaveTextContent('No imports yet.');
  });
});

describe('ImportPanel: what the import would change', () => {
  const file = (text: string) => new NodeFile([text], 'returns.csv', { type: 'text/csv' }) as unknown as File;

  it('reports rows added and replaced, the new extent and data-as-of, and warns when the extent jumps', async () => {
    server.use(
      http.post('/api/v1/imports/:dataset', () =>
        HttpResponse.json(
          importResponse.parse({
            dataset: 'returns',
            dryRun: true,
            rows: 2,
            replaced: 1,
            inserted: 2,
            added: 1,
            dataVersion: 'v',
            dataAsOf: '2019-03-01',
            dateRange: { min: '2018-12-01', max: '2019-02-28' },
            generation: 0,
            fileDateRange: { min: '2019-02-01', max: '2091-01-07' },
            before: { dateRange: { min: '2018-12-01', max: '2019-02-28' }, dataAsOf: '2019-03-01' },
            after: { dateRange: { min: '2018-12-01', max: '2021-01-07' }, dataAsOf: '2021-01-07' },
            dataAsOfMoves: true,
            warnings: [{ code: 'extent-end-jump', message: 'The data would then end on 2021-01-07 …' }],
          }),
        ),
      ),
    );
    renderWithClient(<ImportPanel initialDataset="returns" />);
    await userEvent.upload(screen.getByTestId('import-file'), file('date,centre,destination,count\n2021-01-07,agadez-tc,GIN,3\n'));
    await userEvent.click(screen.getByTestId('import-validate'));
    const changes = await screen.findByTestId('import-changes');
    expect(changes).toHaveTextContent('Would add 1 new row and replace 1 stored row.');
    expect(changes).toHaveTextContent('The data would then cover 2018-12-01 to 2021-01-07 (now 2018-12-01 to 2019-02-28).');
    expect(changes).toHaveTextContent('“Data as of” would move from 2019-03-01 to 2021-01-07.');
    const warning = screen.getByTestId('import-warnings');
    expect(warning).toHaveAttribute('role', 'alert');
    expect(warning).toHaveTextContent(
      'The data would end on 2021-01-07, more than a year after its current end (2019-02-28), and “data as of” would move to 2021-01-07 for every visitor.',
    );
    expect(screen.getByTestId('import-commit')).toBeEnabled(); // a warning, not an error
  });
});
