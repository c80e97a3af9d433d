/** Hotspots: the query hook against msw, the ranked table (accessible, bilingual, never colour alone) and the legend. */
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { anomalyMethod } from '../../src/shared/anomaly-method';
import { hotspotsResponse, type HotspotsResponse } from '../../src/shared/api';
import { hotspotsQueryOptions, useHotspots } from '../../src/client/features/hotspots/api';
import { HotspotsLegend } from '../../src/client/features/hotspots/HotspotsLegend';
import { HotspotsTable } from '../../src/client/features/hotspots/HotspotsTable';
import { HotspotsOverview } from '../../src/client/features/hotspots/HotspotsOverview';
import type { UseQueryResult } from '@tanstack/react-query';
import { i18n, setLanguage } from '../../src/client/i18n/i18n';
import { formatSignedDecimal } from '../../src/client/i18n/format';
import { CHANGE_COLOURS, FLOW_COLOURS, NO_DATA_COLOUR } from '../../src/client/map/layers/hotspots';
import { renderWithClient } from './render';
import { server } from './setup';

afterEach(() => setLanguage('en'));

const region = (pcode: string, name: string, o: Partial<HotspotsResponse['regions'][number]> = {}) => ({
  pcode,
  name,
  monitored: true,
  flows: 0,
  previousFlows: 0,
  change: null,
  assisted: 0,
  anomaly: { score: 0, flag: false },
  ...o,
});

const answer: HotspotsResponse = hotspotsResponse.parse({
  from: '2016-01-01',
  to: '2016-12-31',
  previousFrom: '2015-01-01',
  previousTo: '2015-12-31',
  dataVersion: 'test-1',
  method: 'Robust z-score',
  regions: [
    region('NE001', 'Agadez', { flows: 152_340, previousFlows: 101_560, change: 0.5, assisted: 9_580, anomaly: { score: 6.2, flag: true } }),
    region('NE005', 'Tahoua', { flows: 12_000, previousFlows: 16_000, change: -0.25, assisted: 0, anomaly: { score: -4.1, flag: true } }),
    region('NE007', 'Zinder', { flows: 3_000, previousFlows: 3_000, change: 0, assisted: null, assistedSuppressed: true }),
    region('NE004', 'Maradi', { flows: 20, previousFlows: 0 }),
    region('NE002', 'Diffa', { monitored: false, flows: null, previousFlows: null, anomaly: { score: null, flag: false } }),
    region('NE003', 'Dosso'),
    region('NE008', 'Niamey', { assisted: 1_230, assistedPartial: true }),
    region('NE006', 'Tillabéri', { flows: null, flowsSuppressed: true, previousFlows: null, previousFlowsSuppressed: true }),
  ],
  disclosure: { method: 'cell-key', k: 10, maxNoise: 3, resolution: 'month' },
});

/** The same answer as programme staff get it: exact, no disclosure. */
const exactAnswer: HotspotsResponse = hotspotsResponse.parse({ ...answer, disclosure: undefined });

function useHotspotsHandler(requests: URL[], body: unknown = answer, status = 200) {
  server.use(
    http.get('*/api/v1/hotspots', ({ request }) => {
      requests.push(new URL(request.url));
      return HttpResponse.json(body as object, {
        status,
        headers: status >= 400 ? { 'Content-Type': 'application/problem+json' } : {},
      });
    }),
  );
}

function Harness({ from, to }: { from: string | null; to: string | null }) {
  const q = useHotspots({ from, to });
  const [selected, setSelected] = useState<string | null>(null);
  if (q.isError) return <p role="alert">{q.error.message}</p>;
  if (!q.data) return <p>loading</p>;
  return (
    <>
      <HotspotsTable data={q.data} selected={selected} onSelect={setSelected} />
      <output data-testid="selected">{selected ?? ''}</output>
    </>
  );
}

describe('useHotspots', () => {
  it('asks /api/v1/hotspots for the period and validates the answer', async () => {
    const requests: URL[] = [];
    useHotspotsHandler(requests);
    renderWithClient(<Harness from="2016-01-01" to="2016-12-31" />);
    expect(await screen.findByTestId('hotspots-table')).toBeInTheDocument();
    expect(requests).toHaveLength(1);
    expect(Object.fromEntries(requests[0]!.searchParams)).toEqual({ from: '2016-01-01', to: '2016-12-31' });
  });

  it('without a period asks for the server default', async () => {
    const requests: URL[] = [];
    useHotspotsHandler(requests);
    renderWithClient(<Harness from={null} to={null} />);
    await screen.findByTestId('hotspots-table');
    expect(requests[0]!.search).toBe('');
  });

  it('keys the query by the normalised period', () => {
    expect(hotspotsQueryOptions({ from: '2016-01-01', to: '2016-12-31' }).queryKey).toEqual(['hotspots', { from: '2016-01-01', to: '2016-12-31' }]);
    expect(hotspotsQueryOptions({}).queryKey).toEqual(['hotspots', {}]);
  });

  it('surfaces a problem+json answer as an error with its detail', async () => {
    useHotspotsHandler([], { type: 'about:blank', title: 'Bad Request', status: 400, detail: "Invalid parameter 'to': must not be before from" }, 400);
    renderWithClient(<Harness from="2016-12-31" to="2016-01-01" />);
    expect(await screen.findByRole('alert')).toHaveTextContent("Invalid parameter 'to'");
  });

  it('rejects an answer that does not match the shared schema', async () => {
    useHotspotsHandler([], { ...answer, regions: [{ pcode: 'NE001' }] });
    renderWithClient(<Harness from="2016-01-01" to="2016-12-31" />);
    expect(await screen.findByRole('alert')).toHaveTextContent(/Unexpected answer/);
  });
});

describe('HotspotsTable', () => {
  const noop = () => {};

  it('is a ranked table with a caption and header cells', () => {
    renderWithClient(<HotspotsTable data={answer} selected={null} onSelect={noop} />);
    const table = screen.getByRole('table');
    expect(within(table).getByText(/Hotspot regions, .*ranked by people counted/)).toBeInTheDocument();
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(headers).toEqual(['Rank', 'Region', 'People counted', 'Change vs previous period', 'People assisted', 'Anomaly']);
    const rows = screen.getAllByTestId('hotspots-row');
    expect(rows.map((r) => r.getAttribute('data-pcode'))).toEqual(answer.regions.map((r) => r.pcode));
    expect(within(rows[0]!).getAllByRole('cell')[0]).toHaveTextContent('1');
    expect(within(rows[0]!).getByRole('rowheader')).toHaveTextContent('Agadez');
    expect(within(rows[0]!).getByTestId('hotspots-flows')).toHaveTextContent('≈152,340');
    expect(within(rows[0]!).getByTestId('hotspots-assisted')).toHaveTextContent('9,580');
  });

  it('writes change with a sign, an arrow and words, not colour alone', () => {
    renderWithClient(<HotspotsTable data={exactAnswer} selected={null} onSelect={noop} />);
    const change = (pcode: string) =>
      screen
        .getAllByTestId('hotspots-row')
        .find((r) => r.dataset.pcode === pcode)!
        .querySelector('[data-testid="hotspots-change"]')!;
    expect(change('NE001')).toHaveTextContent('▲ +50% (up)');
    expect(change('NE005')).toHaveTextContent('▼ -25% (down)');
    expect(change('NE007')).toHaveTextContent('0% (no change)');
    expect(change('NE004')).toHaveTextContent('— No previous flows to compare with');
  });

  it('flags unusual rises and falls with an icon and text', () => {
    renderWithClient(<HotspotsTable data={answer} selected={null} onSelect={noop} />);
    const anomalies = screen.getAllByTestId('hotspots-anomaly').map((c) => c.textContent);
    // the score shows beside the words (it was only in the CSV)
    expect(anomalies[0]).toBe(`⚠ Unusual rise (z ${formatSignedDecimal(answer.regions[0]!.anomaly.score!, 'en')})`);
    expect(anomalies[1]).toMatch(/^⚠ Unusual fall \(z -\d/);
    const byRow = (pcode: string) => screen.getAllByTestId('hotspots-row').find((r) => r.dataset.pcode === pcode)!;
    expect(within(byRow('NE002')).getByTestId('hotspots-anomaly')).toHaveTextContent('— no score');
    expect(
      screen
        .getAllByTestId('hotspots-row')
        .filter((r) => !['NE001', 'NE005', 'NE002'].includes(r.dataset.pcode!))
        .map((r) =>
          within(r)
            .getByTestId('hotspots-anomaly')
            .textContent?.replace(/ \(z [^)]*\)$/, ''),
        ),
    ).toEqual(Array(5).fill('None'));
  });

  it('says "not monitored" where no monitoring point reported, never 0, and keeps a counted zero', () => {
    renderWithClient(<HotspotsTable data={exactAnswer} selected={null} onSelect={noop} />);
    const row = (pcode: string) => screen.getAllByTestId('hotspots-row').find((r) => r.dataset.pcode === pcode)!;
    const diffa = row('NE002');
    expect(within(diffa).getByTestId('hotspots-flows')).toHaveTextContent(/^not monitored$/);
    expect(within(diffa).getByTestId('hotspots-flows').firstElementChild).toHaveAttribute('title', i18n.t('hotspots:notMonitoredTitle'));
    expect(within(diffa).getByTestId('hotspots-change')).toHaveTextContent('— not monitored');
    expect(within(row('NE003')).getByTestId('hotspots-flows')).toHaveTextContent(/^0$/);
  });

  it('shows withheld counts as "withheld" with an explanation, never a range', () => {
    renderWithClient(<HotspotsTable data={answer} selected={null} onSelect={noop} />);
    const tillaberi = screen.getAllByTestId('hotspots-row').find((r) => r.dataset.pcode === 'NE006')!;
    expect(within(tillaberi).getByTestId('hotspots-flows')).toHaveTextContent(/^withheld$/);
    expect(within(tillaberi).getByTitle('Withheld to protect individuals: not published')).toBeInTheDocument();
    const zinder = screen.getAllByTestId('hotspots-row').find((r) => r.dataset.pcode === 'NE007')!;
    expect(within(zinder).getByTestId('hotspots-assisted')).toHaveTextContent(/^withheld$/);
    expect(screen.getByTestId('hotspots-table')).not.toHaveTextContent('<');
  });

  it('marks perturbed counts "≈", partial ones "†", and a change from them as approximate', () => {
    renderWithClient(<HotspotsTable data={answer} selected={null} onSelect={noop} />);
    const row = (pcode: string) => screen.getAllByTestId('hotspots-row').find((r) => r.dataset.pcode === pcode)!;
    expect(within(row('NE001')).getByTestId('hotspots-flows').textContent).toBe('≈152,340');
    expect(within(row('NE001')).getByTestId('hotspots-flows')).toContainElement(
      within(row('NE001')).getAllByRole('img', { name: 'perturbed to protect individuals' })[0]!,
    );
    expect(within(row('NE001')).getByTestId('hotspots-change')).toHaveTextContent('≈+50%');
    expect(within(row('NE001')).getByRole('img', { name: 'approximate: worked out from perturbed counts' })).toBeInTheDocument();
    expect(within(row('NE008')).getByTestId('hotspots-assisted').textContent).toBe('≈1,230†');
    expect(within(row('NE008')).getByRole('img', { name: 'some cells withheld' })).toBeInTheDocument();
  });

  it('shows exact counts (programme staff) without any mark', () => {
    renderWithClient(<HotspotsTable data={exactAnswer} selected={null} onSelect={noop} />);
    const agadez = screen.getAllByTestId('hotspots-row')[0]!;
    expect(within(agadez).getByTestId('hotspots-flows').textContent).toBe('152,340');
    expect(within(agadez).getByTestId('hotspots-change').textContent).not.toContain('≈');
    expect(screen.queryByRole('img', { name: /perturbed|approximate/ })).toBeNull();
  });

  it('selects a region by keyboard or click, through buttons at least 24 px', async () => {
    const user = userEvent.setup();
    renderWithClient(<SelectHarness />);
    const buttons = screen.getAllByRole('button');
    expect(buttons).toHaveLength(8);
    for (const b of buttons) {
      expect(Number.parseInt(b.style.minHeight, 10)).toBeGreaterThanOrEqual(24);
      expect(b).toHaveAttribute('aria-pressed', 'false');
    }
    await user.tab();
    expect(screen.getByRole('button', { name: 'Show Agadez on the map' })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(screen.getByTestId('selected')).toHaveTextContent('NE001');
    expect(screen.getByRole('button', { name: 'Show Agadez on the map' })).toHaveAttribute('aria-pressed', 'true');
    await user.click(screen.getAllByTestId('hotspots-row')[1]!.querySelector('td')!);
    expect(screen.getByTestId('selected')).toHaveTextContent('NE005');
    expect(screen.getAllByTestId('hotspots-row')[1]).toHaveAttribute('data-selected', 'true');
  });

  it('speaks French', async () => {
    await setLanguage('fr');
    renderWithClient(<HotspotsTable data={answer} selected={null} onSelect={noop} />);
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'Rang',
      'Région',
      'Personnes comptées',
      'Évolution',
      'Personnes assistées',
      'Anomalie',
    ]);
    expect(screen.getAllByTestId('hotspots-anomaly')[0]).toHaveTextContent('Hausse inhabituelle');
    expect(screen.getAllByTestId('hotspots-flows')[0]!.textContent!.replace(/\s/g, ' ')).toBe('≈152 340');
    expect(screen.getAllByRole('img', { name: 'perturbé pour protéger les personnes' }).length).toBeGreaterThan(0);
    const tillaberi = screen.getAllByTestId('hotspots-row').find((r) => r.dataset.pcode === 'NE006')!;
    expect(within(tillaberi).getByTestId('hotspots-flows')).toHaveTextContent(/^masqué$/);
    expect(within(tillaberi).getByTitle('Masqué pour protéger les personnes : non publié')).toBeInTheDocument();
  });

  it('follows a change of language at once', async () => {
    renderWithClient(<HotspotsTable data={answer} selected={null} onSelect={noop} />);
    expect(screen.getAllByRole('columnheader')[0]).toHaveTextContent('Rank');
    await act(() => setLanguage('fr'));
    expect(screen.getAllByRole('columnheader')[0]).toHaveTextContent('Rang');
    expect(screen.getByRole('table')).toHaveTextContent('1 janv. 2016');
  });
});

function SelectHarness() {
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <>
      <HotspotsTable data={answer} selected={selected} onSelect={setSelected} />
      <output data-testid="selected">{selected ?? ''}</output>
    </>
  );
}

describe('HotspotsOverview', () => {
  const query = (data: HotspotsResponse) =>
    ({ data, dataUpdatedAt: 1, isError: false, isPending: false, error: null, refetch: () => undefined }) as unknown as UseQueryResult<HotspotsResponse>;

  it('explains protected counts under the table, with the methodology note', async () => {
    renderWithClient(<HotspotsOverview query={query(answer)} />);
    const note = screen.getByTestId('hotspots-protection');
    expect(note).toHaveTextContent('Counts are perturbed by up to ±3 and counts of 1–9 are withheld to protect individuals');
    expect(within(note).getByTestId('protection-note-withheld')).toBeInTheDocument();
    expect(within(note).getByTestId('protection-note-partial')).toBeInTheDocument();
    await userEvent.click(within(note).getByText('How counts are protected'));
    expect(within(note).getByTestId('protection-method')).toHaveAttribute('open');
  });

  it('has no protection note for exact answers', () => {
    renderWithClient(<HotspotsOverview query={query(exactAnswer)} />);
    expect(screen.getByTestId('hotspots-table')).toBeInTheDocument();
    expect(screen.queryByTestId('hotspots-protection')).toBeNull();
  });

  it("states the method in the reader's language: the same text as the shared method, on weeks or published months", async () => {
    const { unmount } = renderWithClient(<HotspotsOverview query={query(exactAnswer)} />);
    expect(screen.getByTestId('hotspots-method').textContent).toBe(anomalyMethod('en', 'week'));
    unmount();
    await setLanguage('fr');
    renderWithClient(<HotspotsOverview query={query(answer)} />);
    expect(screen.getByTestId('hotspots-method').textContent).toBe(anomalyMethod('fr', 'month'));
  });
});

describe('HotspotsLegend', () => {
  it('lists the change classes, no data and both anomaly outlines', () => {
    renderWithClient(<HotspotsLegend metric="change" maxFlows={1000} />);
    const classes = screen.getAllByTestId('hotspots-legend-class');
    expect(classes.map((c) => c.dataset.colour)).toEqual([...CHANGE_COLOURS]);
    expect(classes[0]).toHaveTextContent('below -50%');
    expect(classes[3]).toHaveTextContent('-5% to +5%');
    expect(classes.at(-1)).toHaveTextContent('+50% and above');
    expect(screen.getByTestId('hotspots-legend-nodata')).toHaveAttribute('data-colour', NO_DATA_COLOUR);
    expect(screen.getAllByTestId('hotspots-legend-anomaly').map((a) => a.textContent)).toEqual([' ⚠ Unusual rise', ' ⚠ Unusual fall']);
    expect(screen.getByRole('heading', { name: 'Change in people counted vs previous period' })).toBeInTheDocument();
  });

  it('says counts are perturbed when the answer passed disclosure control, and not otherwise', () => {
    const { unmount } = renderWithClient(<HotspotsLegend metric="change" maxFlows={1000} perturbed />);
    expect(screen.getByTestId('hotspots-legend-perturbed')).toHaveTextContent('Counts perturbed to protect individuals (≈)');
    unmount();
    renderWithClient(<HotspotsLegend metric="change" maxFlows={1000} />);
    expect(screen.queryByTestId('hotspots-legend-perturbed')).toBeNull();
  });

  it('labels the flows classes in people', () => {
    renderWithClient(<HotspotsLegend metric="flows" maxFlows={150_000} />);
    const classes = screen.getAllByTestId('hotspots-legend-class');
    expect(classes.map((c) => c.dataset.colour)).toEqual([...FLOW_COLOURS]);
    expect(classes[0]).toHaveTextContent('0 to 30,000');
    expect(classes.at(-1)).toHaveTextContent('120,000 to 150,000');
  });

  it('speaks French', async () => {
    await setLanguage('fr');
    renderWithClient(<HotspotsLegend metric="flows" maxFlows={150_000} />);
    expect(screen.getByRole('heading', { name: 'Personnes comptées sur la période' })).toBeInTheDocument();
    expect(screen.getAllByTestId('hotspots-legend-class')[0]!.textContent!.replace(/\s/g, ' ').trim()).toBe('de 0 à 30 000');
  });
});

describe('partly monitored regions', () => {
  it('a region whose points did not count all the period is marked with the share (the msw coverage has gaps), in French too', async () => {
    useHotspotsHandler([]);
    renderWithClient(<Harness from="2016-01-01" to="2016-12-31" />);
    const row = (await screen.findAllByTestId('hotspots-row')).find((r) => r.getAttribute('data-pcode') === 'NE001')!;
    // Agadez: Arlit and Séguédine from 2016-02-01, Séguédine silent all 2016 — never "normal" from weeks nobody counted.
    const mark = await within(row).findByTestId('hotspots-partly');
    expect(mark.textContent!.replace(/\s/g, ' ')).toMatch(/^partly monitored \(\d+%\)$/);
    expect(mark).toHaveAttribute('data-monitoring', 'partly');
    // Diffa has no monitoring point: "not monitored" in its cells, no share mark.
    const diffa = screen.getAllByTestId('hotspots-row').find((r) => r.getAttribute('data-pcode') === 'NE002')!;
    expect(within(diffa).queryByTestId('hotspots-partly')).toBeNull();
    await act(() => setLanguage('fr'));
    expect(within(row).getByTestId('hotspots-partly').textContent!.replace(/\s/g, ' ')).toMatch(/^suivi partiel \(\d+ %\)$/);
  });
});
