/**
 * The donor view's centre × service matrix: every number is the API's (cells, "All centres" from groupBy=service,
 * "All services" from groupBy=centre, the corner from its `total`), with the protection marks; the change on a year
 * earlier is worked out from the published numbers and marked "≈"; services are never added up into people.
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { AggregateResponse, DisclosureInfo } from '../../src/shared/api';
import { buildMatrix, changeOf, previousYear } from '../../src/client/features/donor/matrix';
import { ServiceMatrix, ServiceMatrixTable } from '../../src/client/features/donor/ServiceMatrix';
import type { MapMetrics } from '../../src/client/map/useMapMetrics';
import { useFilters } from '../../src/client/state/filters';
import { expectAssistance, refused, requests, signInAs } from './handlers';
import { renderWithClient } from './render';
import { setLanguage } from '../../src/client/i18n/i18n';

afterEach(() => setLanguage('en'));

const disclosure: DisclosureInfo = { method: 'cell-key', k: 10, maxNoise: 3, resolution: 'month' };

type Row = Record<string, string | number | boolean | null>;
const answer = (groupBy: string[], rows: Row[], total: number | null, opts: { protectedAnswer?: boolean; from?: string } = {}): AggregateResponse =>
  ({
    groupBy,
    rows,
    total,
    from: opts.from ?? '2017-01-01',
    to: opts.from ? `${opts.from.slice(0, 4)}-12-31` : '2017-12-31',
    dataVersion: 't',
    ...(opts.protectedAnswer === false ? {} : { disclosure }),
  }) as AggregateResponse;

const p = (count: number | null, more: Row = {}): Row => (count === null ? { count: null, suppressed: true, ...more } : { count, perturbed: true, ...more });

// 2017: two centres. The "All services" answer is each centre's own published margin, NOT the sum of its column
// (11_000 ≠ the column's sum), and the corner is that answer's total: the table must show these, not add up cells.
const current = {
  cells: answer(
    ['centre', 'service'],
    [
      { centre: 'agadez-tc', service: 'shelter_food', ...p(4983) },
      { centre: 'agadez-tc', service: 'health', ...p(3261) },
      { centre: 'agadez-tc', service: 'family_tracing', ...p(null) },
      { centre: 'niamey-tc', service: 'shelter_food', ...p(1975, { partial: true }) },
      { centre: 'niamey-tc', service: 'health', ...p(1337) },
    ],
    10_556,
  ),
  byService: answer(
    ['service'],
    [
      { service: 'shelter_food', ...p(6958, { partial: true }) },
      { service: 'health', ...p(4598) },
      { service: 'family_tracing', ...p(null) },
    ],
    11_556,
  ),
  byCentre: answer(
    ['centre'],
    [
      { centre: 'agadez-tc', ...p(11_000) },
      { centre: 'niamey-tc', ...p(4_002) },
    ],
    15_002,
  ),
};
const previous = {
  cells: answer(
    ['centre', 'service'],
    [
      { centre: 'agadez-tc', service: 'shelter_food', ...p(8000) },
      { centre: 'agadez-tc', service: 'health', ...p(3261) },
      { centre: 'niamey-tc', service: 'shelter_food', ...p(1000) },
    ],
    12_261,
    { from: '2016-01-01' },
  ),
  byService: answer(['service'], [{ service: 'shelter_food', ...p(9000) }], 9000, { from: '2016-01-01' }),
  byCentre: answer(['centre'], [{ centre: 'agadez-tc', ...p(10_000) }], 10_000, { from: '2016-01-01' }),
};
const centres = [
  { id: 'agadez-tc', name: 'Agadez' },
  { id: 'niamey-tc', name: 'Niamey' },
];
const period = { from: '2017-01-01', to: '2017-12-31' };
const prevPeriod = { from: '2016-01-01', to: '2016-12-31' };

const text = (testId: string) => screen.getByTestId(testId).textContent;

describe('matrix model', () => {
  it('the same months a year earlier, none before the data', () => {
    expect(previousYear({ from: '2017-01-01', to: '2017-12-31' }, '2015-01-01')).toEqual({ from: '2016-01-01', to: '2016-12-31' });
    expect(previousYear({ from: '2016-03-01', to: '2016-05-31' }, '2015-01-01')).toEqual({ from: '2015-03-01', to: '2015-05-31' });
    // A period ending on Feb 29 compares with the whole February a year earlier.
    expect(previousYear({ from: '2016-01-01', to: '2016-02-29' }, '2015-01-01')).toEqual({ from: '2015-01-01', to: '2015-02-28' });
    expect(previousYear({ from: '2015-06-01', to: '2015-12-31' }, '2015-01-01')).toBeNull();
  });

  it('change from published numbers; none against 0 or a withheld number; approximate when either is perturbed or partial', () => {
    expect(changeOf({ count: 110 }, { count: 100 })).toEqual({ change: 0.1, approximate: false });
    expect(changeOf({ count: 110, perturbed: true }, { count: 100 }).approximate).toBe(true);
    expect(changeOf({ count: 110 }, { count: 100, partial: true }).approximate).toBe(true);
    expect(changeOf({ count: 110 }, { count: 0 }).change).toBeNull();
    expect(changeOf({ count: 110 }, { count: null, suppressed: true }).change).toBeNull();
    expect(changeOf({ count: null, suppressed: true }, { count: 100 }).change).toBeNull();
  });

  it('takes every count from the answers as they are, people assisted first', () => {
    const m = buildMatrix(current, previous, ['agadez-tc', 'niamey-tc']);
    expect(m.services[0]).toBe('shelter_food');
    expect(m.cell('shelter_food', 'agadez-tc').count).toEqual({ count: 4983, suppressed: false, perturbed: true, partial: false });
    expect(m.centreTotal('agadez-tc').count?.count).toBe(11_000);
    expect(m.serviceTotal('health').count?.count).toBe(4598);
    expect(m.grandTotal.count).toEqual({ count: 15_002, perturbed: true, partial: false });
    // Nothing in the answer for a centre × service: nothing counted (0), not withheld.
    expect(m.cell('counselling', 'niamey-tc').count).toEqual({ count: 0 });
    expect(m.cell('shelter_food', 'agadez-tc').change).toBeCloseTo((4983 - 8000) / 8000);
  });
});

describe('ServiceMatrixTable', () => {
  it('shows the API’s cells and totals with their marks, never a client-side sum', () => {
    render(
      <ServiceMatrixTable
        model={buildMatrix(current, previous, ['agadez-tc', 'niamey-tc'])}
        centres={centres}
        period={period}
        previous={prevPeriod}
        disclosure={disclosure}
      />,
    );
    const table = screen.getByRole('table', { name: /People assisted per service and transit centre, Jan 1, 2017 – Dec 31, 2017/ });
    const heads = within(table)
      .getAllByRole('columnheader')
      .map((h) => h.textContent);
    expect(heads).toEqual(['Service', 'Agadez', 'Niamey', 'All centres']);
    const rowHeads = within(table)
      .getAllByRole('rowheader')
      .map((h) => h.textContent);
    expect(rowHeads[0]).toBe('Shelter and food');
    expect(rowHeads.at(-1)).toBe('All services (services delivered)');
    expect(text('matrix-shelter_food-agadez-tc-count')).toBe('≈4,983');
    expect(text('matrix-shelter_food-niamey-tc-count')).toBe('≈1,975†');
    expect(text('matrix-family_tracing-agadez-tc-count')).toBe('withheld');
    expect(text('matrix-counselling-niamey-tc-count')).toBe('0');
    // Totals: the API's rows, not sums of what is on screen.
    expect(text('matrix-shelter_food-total-count')).toBe('≈6,958†');
    expect(text('matrix-health-total-count')).toBe('≈4,598');
    expect(text('matrix-total-agadez-tc-count')).toBe('≈11,000');
    expect(text('matrix-total-total-count')).toBe('≈15,002');
    // Change on 2016, from the published numbers, "≈" because they are perturbed.
    expect(text('matrix-shelter_food-agadez-tc-change')).toBe('≈-38%');
    expect(text('matrix-health-agadez-tc-change')).toBe('≈0%');
    expect(text('matrix-total-agadez-tc-change')).toBe('≈+10%');
    expect(text('matrix-health-niamey-tc-change')).toBe('—');
    expect(screen.getByTestId('matrix-change-note')).toHaveTextContent('Jan 1, 2016 – Dec 31, 2016');
    expect(screen.getByTestId('matrix-totals-note')).toHaveTextContent('perturbed on its own');
    expect(screen.getByTestId('donor-matrix-protection')).toBeInTheDocument();
    expect(screen.getByTestId('protection-note-partial')).toBeInTheDocument();
    expect(screen.getByTestId('protection-note-withheld')).toBeInTheDocument();
  });

  it('exact answers (programme staff): no marks, no protection note; no change before the data', () => {
    const exact = {
      cells: answer(['centre', 'service'], [{ centre: 'agadez-tc', service: 'shelter_food', count: 4990 }], 4990, { protectedAnswer: false }),
      byService: answer(['service'], [{ service: 'shelter_food', count: 4990 }], 4990, { protectedAnswer: false }),
      byCentre: answer(['centre'], [{ centre: 'agadez-tc', count: 9000 }], 9000, { protectedAnswer: false }),
    };
    render(
      <ServiceMatrixTable
        model={buildMatrix(exact, null, ['agadez-tc'])}
        centres={centres.slice(0, 1)}
        period={period}
        previous={null}
        disclosure={undefined}
      />,
    );
    expect(text('matrix-shelter_food-agadez-tc-count')).toBe('4,990');
    expect(text('matrix-total-total-count')).toBe('9,000');
    expect(screen.queryByTestId('matrix-shelter_food-agadez-tc-change')).toBeNull();
    expect(screen.getByTestId('matrix-change-note')).toHaveTextContent('No data a year earlier');
    expect(screen.queryByTestId('donor-matrix-protection')).toBeNull();
  });

  it('names the filters it does not apply, and reads in French', async () => {
    await setLanguage('fr');
    render(
      <ServiceMatrixTable
        model={buildMatrix(current, previous, ['agadez-tc', 'niamey-tc'])}
        centres={centres}
        period={period}
        previous={prevPeriod}
        disclosure={disclosure}
        notApplied={['nationality', 'sex']}
      />,
    );
    expect(screen.getByRole('table', { name: /Personnes assistées par service et centre de transit/ })).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: 'Tous les centres' })).toBeInTheDocument();
    expect(text('matrix-total-total-count')).toBe('≈15\u202f002');
    expect(screen.getByTestId('matrix-not-applied')).toHaveTextContent(/Nationalité et Sexe/);
  });
});

describe('ServiceMatrix: what it asks the API', () => {
  const centresOfTest = [
    { id: 'agadez-tc', name: 'Agadez' },
    { id: 'arlit-tc', name: 'Arlit' },
  ];
  const assistance = () => requests.filter((u) => u.pathname === '/api/v1/assistance');
  const filters = { from: '2019-01-01', to: '2019-12-31', direction: null, nationality: 'NGA', sex: null, ageGroup: null };
  const metrics = { filters } as unknown as MapMetrics;

  it('donor: cells, both totals, and the same three a year earlier; a filter it cannot carry is named, not sent', async () => {
    signInAs('donor');
    useFilters.getState().patch(filters as never);
    renderWithClient(<ServiceMatrix metrics={metrics} centres={centresOfTest} />);
    await screen.findByTestId('donor-matrix');
    await waitFor(() => expect(assistance().length).toBe(6));
    const asked = assistance().map((u) => `${u.searchParams.get('from')}…${u.searchParams.get('to')} ${u.searchParams.get('groupBy')}`);
    expect(asked.sort()).toEqual(
      [
        '2018-01-01…2018-12-31 centre',
        '2018-01-01…2018-12-31 centre,service',
        '2018-01-01…2018-12-31 service',
        '2019-01-01…2019-12-31 centre',
        '2019-01-01…2019-12-31 centre,service',
        '2019-01-01…2019-12-31 service',
      ].sort(),
    );
    for (const u of assistance()) expect(u.searchParams.get('nationality')).toBeNull();
    expect(refused).toEqual([]);
    expect(screen.getByTestId('matrix-not-applied')).toHaveTextContent('Nationality');
    // The cell is the answer's row as it came.
    const want = expectAssistance({ from: '2019-01-01', to: '2019-12-31', groupBy: ['centre', 'service'] }).rows.find(
      (r) => r['centre'] === 'agadez-tc' && r['service'] === 'shelter_food',
    )!;
    await waitFor(() => expect(screen.getByTestId('matrix-shelter_food-agadez-tc-count').textContent).toBe(want.count!.toLocaleString('en-US')));
    const total = expectAssistance({ from: '2019-01-01', to: '2019-12-31', groupBy: ['centre'] }).total!;
    expect(screen.getByTestId('matrix-total-total-count').textContent).toBe(total.toLocaleString('en-US'));
  });

  it('programme staff: the nationality filter applies to every request', async () => {
    signInAs('programme');
    useFilters.getState().patch(filters as never);
    renderWithClient(<ServiceMatrix metrics={metrics} centres={centresOfTest} />);
    await screen.findByTestId('donor-matrix');
    await waitFor(() => expect(assistance().length).toBe(6));
    for (const u of assistance()) expect(u.searchParams.get('nationality')).toBe('NGA');
    expect(screen.queryByTestId('matrix-not-applied')).toBeNull();
    expect(refused).toEqual([]);
  });
});
