/** Hotspots: the query hook against msw, the ranked table (accessible, bilingual, never colour alone) and the legend. */
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { hotspotsResponse, type HotspotsResponse } from '../../src/shared/api';
import { hotspotsQueryOptions, useHotspots } from '../../src/client/features/hotspots/api';
import { HotspotsLegend } from '../../src/client/features/hotspots/HotspotsLegend';
import { HotspotsTable } from '../../src/client/features/hotspots/HotspotsTable';
import { hotspotsStrings } from '../../src/client/features/hotspots/strings';
import { CHANGE_COLOURS, FLOW_COLOURS, NO_DATA_COLOUR } from '../../src/client/map/layers/hotspots';
import { renderWithClient } from './render';
import { server } from './setup';

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
    region('NE008', 'Niamey', { assisted: 1_230 }),
    region('NE006', 'Tillabéri', { flows: null, flowsSuppressed: true, previousFlows: null, previousFlowsSuppressed: true }),
  ],
  disclosure: { k: 10, rounding: 10 },
});

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
      <HotspotsTable data={q.data} selected={selected} onSelect={setSelected} lang="en" />
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
    renderWithClient(<HotspotsTable data={answer} selected={null} onSelect={noop} lang="en" />);
    const table = screen.getByRole('table');
    expect(within(table).getByText(/Hotspot regions, .*ranked by people counted/)).toBeInTheDocument();
    const headers = within(table).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(['Rank', 'Region', 'People counted', 'Change vs previous period', 'People assisted', 'Anomaly']);
    const rows = screen.getAllByTestId('hotspots-row');
    expect(rows.map((r) => r.getAttribute('data-pcode'))).toEqual(answer.regions.map((r) => r.pcode));
    expect(within(rows[0]!).getAllByRole('cell')[0]).toHaveTextContent('1');
    expect(within(rows[0]!).getByRole('rowheader')).toHaveTextContent('Agadez');
    expect(within(rows[0]!).getByTestId('hotspots-flows')).toHaveTextContent('152,340');
    expect(within(rows[0]!).getByTestId('hotspots-assisted')).toHaveTextContent('9,580');
  });

  it('writes change with a sign, an arrow and words, not colour alone', () => {
    renderWithClient(<HotspotsTable data={answer} selected={null} onSelect={noop} lang="en" />);
    const change = (pcode: string) => screen.getAllByTestId('hotspots-row').find((r) => r.dataset.pcode === pcode)!.querySelector('[data-testid="hotspots-change"]')!;
    expect(change('NE001')).toHaveTextContent('▲ +50% (up)');
    expect(change('NE005')).toHaveTextContent('▼ -25% (down)');
    expect(change('NE007')).toHaveTextContent('0% (no change)');
    expect(change('NE004')).toHaveTextContent('— No previous flows to compare with');
  });

  it('flags unusual rises and falls with an icon and text', () => {
    renderWithClient(<HotspotsTable data={answer} selected={null} onSelect={noop} lang="en" />);
    const anomalies = screen.getAllByTestId('hotspots-anomaly').map((c) => c.textContent);
    expect(anomalies[0]).toBe('⚠ Unusual rise');
    expect(anomalies[1]).toBe('⚠ Unusual fall');
    const byRow = (pcode: string) => screen.getAllByTestId('hotspots-row').find((r) => r.dataset.pcode === pcode)!;
    expect(within(byRow('NE002')).getByTestId('hotspots-anomaly')).toHaveTextContent('— no score');
    expect(screen.getAllByTestId('hotspots-row').filter((r) => !['NE001', 'NE005', 'NE002'].includes(r.dataset.pcode!)).map((r) => within(r).getByTestId('hotspots-anomaly').textContent)).toEqual(Array(5).fill('None'));
  });

  it('says "not monitored" where no monitoring point reported, never 0, and keeps a counted zero', () => {
    renderWithClient(<HotspotsTable data={answer} selected={null} onSelect={noop} lang="en" />);
    const row = (pcode: string) => screen.getAllByTestId('hotspots-row').find((r) => r.dataset.pcode === pcode)!;
    const diffa = row('NE002');
    expect(within(diffa).getByTestId('hotspots-flows')).toHaveTextContent(/^not monitored$/);
    expect(within(diffa).getByTestId('hotspots-flows').firstElementChild).toHaveAttribute('title', hotspotsStrings.en.notMonitoredTitle);
    expect(within(diffa).getByTestId('hotspots-change')).toHaveTextContent('— not monitored');
    expect(within(row('NE003')).getByTestId('hotspots-flows')).toHaveTextContent(/^0$/);
  });

  it('shows withheld counts as "<10" with an explanation', () => {
    renderWithClient(<HotspotsTable data={answer} selected={null} onSelect={noop} lang="en" />);
    const tillaberi = screen.getAllByTestId('hotspots-row').find((r) => r.dataset.pcode === 'NE006')!;
    expect(within(tillaberi).getByTestId('hotspots-flows')).toHaveTextContent('<10');
    expect(within(tillaberi).getByTitle(hotspotsStrings.en.suppressedTitle)).toBeInTheDocument();
    const zinder = screen.getAllByTestId('hotspots-row').find((r) => r.dataset.pcode === 'NE007')!;
    expect(within(zinder).getByTestId('hotspots-assisted')).toHaveTextContent('<10');
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

  it('speaks French', () => {
    renderWithClient(<HotspotsTable data={answer} selected={null} onSelect={noop} lang="fr" />);
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'Rang',
      'Région',
      'Personnes comptées',
      'Évolution',
      'Personnes assistées',
      'Anomalie',
    ]);
    expect(screen.getAllByTestId('hotspots-anomaly')[0]).toHaveTextContent('Hausse inhabituelle');
    expect(screen.getAllByTestId('hotspots-flows')[0]!.textContent!.replace(/\s/g, ' ')).toBe('152 340');
  });

  it('has the same keys in both languages', () => {
    expect(Object.keys(hotspotsStrings.fr).sort()).toEqual(Object.keys(hotspotsStrings.en).sort());
  });
});

function SelectHarness() {
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <>
      <HotspotsTable data={answer} selected={selected} onSelect={setSelected} lang="en" />
      <output data-testid="selected">{selected ?? ''}</output>
    </>
  );
}

describe('HotspotsLegend', () => {
  it('lists the change classes, no data and both anomaly outlines', () => {
    renderWithClient(<HotspotsLegend metric="change" maxFlows={1000} lang="en" />);
    const classes = screen.getAllByTestId('hotspots-legend-class');
    expect(classes.map((c) => c.dataset.colour)).toEqual([...CHANGE_COLOURS]);
    expect(classes[0]).toHaveTextContent('below -50%');
    expect(classes[3]).toHaveTextContent('-5% to +5%');
    expect(classes.at(-1)).toHaveTextContent('+50% and above');
    expect(screen.getByTestId('hotspots-legend-nodata')).toHaveAttribute('data-colour', NO_DATA_COLOUR);
    expect(screen.getAllByTestId('hotspots-legend-anomaly').map((a) => a.textContent)).toEqual([' ⚠ Unusual rise', ' ⚠ Unusual fall']);
    expect(screen.getByRole('heading', { name: 'Change in people counted vs previous period' })).toBeInTheDocument();
  });

  it('labels the flows classes in people', () => {
    renderWithClient(<HotspotsLegend metric="flows" maxFlows={150_000} lang="en" />);
    const classes = screen.getAllByTestId('hotspots-legend-class');
    expect(classes.map((c) => c.dataset.colour)).toEqual([...FLOW_COLOURS]);
    expect(classes[0]).toHaveTextContent('0 to 30,000');
    expect(classes.at(-1)).toHaveTextContent('120,000 to 150,000');
  });
});
