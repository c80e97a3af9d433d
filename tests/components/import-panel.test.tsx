/** The admin import panel: validate (dry run) → report → import only after a clean validation → result, with msw. */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { File as NodeFile } from 'node:buffer';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ImportPanel } from '../../src/client/features/admin/ImportPanel';
import { importProblem, importResponse, PROBLEM_CONTENT_TYPE, type ImportResponse } from '../../src/shared/api';
import { setLanguage } from '../../src/client/i18n/i18n';
import { renderWithClient } from './render';
import { server } from './setup';

afterEach(() => setLanguage('en'));

interface Seen {
  dataset: string;
  dryRun: string | null;
  type: string | null;
  body: string;
}

const GOOD = 'date,centre,destination,count\n2019-03-04,agadez-tc,GIN,17\n';
const BAD = 'date,centre,destination,count\n2019-13-04,agadez-tc,GIN,17\n2019-03-04,agadez-tc,ZZZ,-1\n';

const answer = (dataset: string, dryRun: boolean): ImportResponse =>
  importResponse.parse({
    dataset,
    dryRun,
    rows: 1,
    replaced: dryRun ? 0 : 0,
    inserted: 1,
    dataVersion: dryRun ? 'test-1' : 'test-1-1',
    dataAsOf: dryRun ? '2019-12-31' : '2020-01-05',
    dateRange: { min: '2015-01-01', max: dryRun ? '2019-12-31' : '2020-01-05' },
    generation: dryRun ? 0 : 1,
  });

/** A server that finds errors in files containing "ZZZ" (three of them, two listed) and accepts the rest. */
function fakeServer(): Seen[] {
  const seen: Seen[] = [];
  server.use(
    http.post('/api/v1/imports/:dataset', async ({ request, params }) => {
      const url = new URL(request.url);
      const body = await request.text();
      const dataset = String(params.dataset);
      seen.push({ dataset, dryRun: url.searchParams.get('dryRun'), type: request.headers.get('content-type'), body });
      if (body.includes('ZZZ')) {
        return HttpResponse.json(
          importProblem.parse({
            type: 'urn:transit-atlas:problem:invalid-import',
            title: 'Bad Request',
            status: 400,
            detail: '3 errors in 2 returns rows; nothing was written',
            errors: [
              { line: 2, field: 'date', message: "'2019-13-04' is not a real calendar date" },
              { line: 3, field: 'destination', message: "'ZZZ' is not in the countries table (data/countries.csv)" },
            ],
            errorCount: 3,
            rows: 2,
          }),
          { status: 400, headers: { 'Content-Type': PROBLEM_CONTENT_TYPE } },
        );
      }
      return HttpResponse.json(answer(dataset, url.searchParams.get('dryRun') === 'true'));
    }),
  );
  return seen;
}

/**
 * Node's File, not jsdom's: the component sends the File itself as the fetch body (streamed by the browser), and
 * Node's fetch, which msw intercepts here, only knows its own Blob class.
 */
const file = (text: string, name = 'returns.csv', type = 'text/csv') => new NodeFile([text], name, { type }) as unknown as File;

async function choose(dataset: string, f: File) {
  await userEvent.selectOptions(screen.getByTestId('import-dataset'), dataset);
  await userEvent.upload(screen.getByTestId('import-file'), f);
}

describe('ImportPanel', () => {
  it('shows the validation report with line, field and message; Import stays disabled; nothing is committed', async () => {
    const seen = fakeServer();
    renderWithClient(<ImportPanel />);
    expect(screen.getByRole('heading', { name: 'Import data' })).toBeInTheDocument();
    expect(screen.getByTestId('import-validate')).toBeDisabled();
    expect(screen.getByTestId('import-commit')).toBeDisabled();

    await choose('returns', file(BAD));
    expect(screen.getByText(/date,centre,destination,count/)).toBeInTheDocument();
    await userEvent.click(screen.getByTestId('import-validate'));

    const report = await screen.findByTestId('import-report');
    expect(within(report).getByRole('alert')).toHaveTextContent('3 errors in 2 rows. Nothing was written.');
    const rows = within(report).getAllByRole('row').slice(1);
    expect(
      rows.map((r) =>
        within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      ),
    ).toEqual([
      ['2', 'date', "'2019-13-04' is not a real calendar date"],
      ['3', 'destination', "'ZZZ' is not in the countries table (data/countries.csv)"],
    ]);
    expect(within(report).getByText('… and 1 more not listed.')).toBeInTheDocument();
    expect(screen.getByTestId('import-commit')).toBeDisabled();
    expect(seen).toEqual([{ dataset: 'returns', dryRun: 'true', type: 'text/csv', body: BAD }]);
  });

  it('after a clean validation, Import commits the same file and shows the new data-as-of', async () => {
    const seen = fakeServer();
    const onImported = vi.fn();
    renderWithClient(<ImportPanel onImported={onImported} />);
    await choose('returns', file(GOOD));
    await userEvent.click(screen.getByTestId('import-validate'));
    expect(await screen.findByTestId('import-valid')).toHaveTextContent('The file is valid: 1 row.');
    expect(screen.getByTestId('import-commit')).toBeEnabled();

    await userEvent.click(screen.getByTestId('import-commit'));
    expect(await screen.findByTestId('import-done')).toHaveTextContent('Imported 1 row (0 replaced). Data as of 2020-01-05 (version test-1-1).');
    expect(seen.map((r) => [r.dataset, r.dryRun, r.body])).toEqual([
      ['returns', 'true', GOOD],
      ['returns', null, GOOD],
    ]);
    expect(onImported).toHaveBeenCalledWith(expect.objectContaining({ dataAsOf: '2020-01-05', dataVersion: 'test-1-1' }));
  });

  it('a new file or dataset needs a new validation; places go as GeoJSON', async () => {
    const seen = fakeServer();
    renderWithClient(<ImportPanel />);
    await choose('returns', file(GOOD));
    await userEvent.click(screen.getByTestId('import-validate'));
    await screen.findByTestId('import-valid');
    await userEvent.upload(screen.getByTestId('import-file'), file(GOOD, 'other.csv'));
    expect(screen.getByTestId('import-commit')).toBeDisabled();
    expect(screen.queryByTestId('import-valid')).not.toBeInTheDocument();

    await choose('places', file('{"type":"FeatureCollection","features":[]}', 'places.geojson', 'application/geo+json'));
    await userEvent.click(screen.getByTestId('import-validate'));
    await screen.findByTestId('import-valid');
    expect(seen.at(-1)).toMatchObject({ dataset: 'places', dryRun: 'true', type: 'application/geo+json' });
  });

  it('shows a refusal (403, 413 …) as an alert', async () => {
    server.use(
      http.post('/api/v1/imports/:dataset', () =>
        HttpResponse.json(
          {
            type: 'urn:transit-atlas:problem:import-too-large',
            title: 'Content Too Large',
            status: 413,
            detail: 'The file is larger than the import limit of 2000 bytes',
          },
          { status: 413, headers: { 'Content-Type': PROBLEM_CONTENT_TYPE } },
        ),
      ),
    );
    renderWithClient(<ImportPanel />);
    await choose('flows', file(GOOD, 'flows.csv'));
    await userEvent.click(screen.getByTestId('import-validate'));
    expect(await screen.findByTestId('import-failed')).toHaveTextContent('The server refused the file: The file is larger than the import limit of 2000 bytes');
    expect(screen.getByTestId('import-commit')).toBeDisabled();
  });

  it('links the template of the dataset chosen (CSV datasets; places have none)', async () => {
    fakeServer();
    renderWithClient(<ImportPanel initialDataset="returns" />);
    expect(screen.getByRole('link', { name: 'Download the template' })).toHaveAttribute('href', '/api/v1/imports/templates/returns.csv');
    await userEvent.selectOptions(screen.getByTestId('import-dataset'), 'assistance');
    expect(screen.getByTestId('import-template')).toHaveAttribute('href', '/api/v1/imports/templates/assistance.csv');
    await userEvent.selectOptions(screen.getByTestId('import-dataset'), 'places');
    expect(screen.queryByTestId('import-template')).toBeNull();
  });

  it('speaks French', async () => {
    fakeServer();
    await setLanguage('fr');
    renderWithClient(<ImportPanel initialDataset="returns" />);
    expect(screen.getByRole('heading', { name: 'Importer des données' })).toBeInTheDocument();
    await userEvent.upload(screen.getByTestId('import-file'), file(BAD));
    await userEvent.click(screen.getByRole('button', { name: 'Vérifier' }));
    await waitFor(() => expect(screen.getByTestId('import-report')).toHaveTextContent('3 erreurs sur 2 lignes. Rien n’a été écrit.'));
    expect(screen.getByRole('columnheader', { name: 'Ligne' })).toBeInTheDocument();
  });
});
