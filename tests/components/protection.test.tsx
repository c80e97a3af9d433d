/**
 * Protection shown honestly: counts of outside roles (cell-key method) are marked perturbed (≈), partial (†) or
 * withheld in panels, tables, tooltips and exports, with a footnote and a methodology note in both languages carrying
 * the answer's parameters; exact answers (programme staff) carry no mark and no note.
 */
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { aggregateResponse, assistanceQuery, flowsQuery, returnsQuery, type AggregateResponse } from '../../src/shared/api';
import { ProtectionNote } from '../../src/client/components/ProtectionNote';
import { Count } from '../../src/client/components/Count';
import { DonorOverview } from '../../src/client/features/donor/DonorOverview';
import { Overview } from '../../src/client/features/flows/Overview';
import { SidePanel } from '../../src/client/app/SidePanel';
import { setLanguage } from '../../src/client/i18n/i18n';
import { describePlace, describeRoute } from '../../src/client/map/describe-features';
import { footerHeight } from '../../src/client/lib/export-image';
import { placeStates, routeStates } from '../../src/client/map/metrics';
import { Tooltip } from '../../src/client/map/Tooltip';
import type { MapMetrics } from '../../src/client/map/useMapMetrics';
import { useSelection } from '../../src/client/state/filters';
import { assistanceRecords, flowRecords, aggregate, meta, places, returnRecords, routes } from './handlers';
import { renderWithClient, setDefaultPeriod } from './render';
import { server } from './setup';

const downloads = vi.hoisted(() => [] as Array<{ blob: Blob; filename: string }>);
vi.mock('../../src/client/lib/download', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/client/lib/download')>()),
  downloadBlob: (blob: Blob, filename: string) => downloads.push({ blob, filename }),
}));

const disclosure = { method: 'cell-key', k: 10, maxNoise: 3, resolution: 'month' } as const;

type Row = AggregateResponse['rows'][number];

/**
 * An exact answer as the server would protect it for an outside role: every published count perturbed (the fixture's
 * numbers stand in for the noisy ones), rows matching `withhold` withheld, rows matching `partial` partial.
 */
function protect(res: AggregateResponse, withhold: (r: Row) => boolean = () => false, partial: (r: Row) => boolean = () => false): AggregateResponse {
  let withheld = false;
  const rows = res.rows.map((r) => {
    if (withhold(r)) {
      withheld = true;
      return { ...r, count: null, suppressed: true };
    }
    return { ...r, perturbed: true, ...(partial(r) ? { partial: true } : {}) };
  });
  const total = rows.reduce((s, r) => s + (r.count ?? 0), 0);
  return aggregateResponse.parse({ ...res, rows, total, ...(withheld ? { totalPartial: true } : {}), disclosure });
}

const params = (url: string) => Object.fromEntries(new URL(url).searchParams);
type Q = Record<string, string | string[] | undefined> & { groupBy?: string[] };

/** The API as an outside role sees it: Senegalese cells withheld, car cells partial. */
function useProtectedApi() {
  server.use(
    http.get('*/api/v1/flows', ({ request }) => {
      const q = flowsQuery.parse(params(request.url)) as Q;
      return HttpResponse.json(
        protect(
          aggregate(flowRecords, q),
          (r) => r['nationality'] === 'SEN',
          (r) => r['transport'] === 'car',
        ),
      );
    }),
    http.get('*/api/v1/assistance', ({ request }) => {
      const q = assistanceQuery.parse(params(request.url)) as Q;
      return HttpResponse.json(
        protect(
          aggregate(assistanceRecords, q),
          (r) => r['nationality'] === 'SEN',
          (r) => r['centre'] === 'arlit-tc',
        ),
      );
    }),
    http.get('*/api/v1/returns', ({ request }) => {
      const q = returnsQuery.parse(params(request.url)) as Q;
      return HttpResponse.json(protect(aggregate(returnRecords, q), (r) => r['centre'] === 'arlit-tc' && r['destination'] === 'SEN'));
    }),
  );
}

beforeEach(() => {
  downloads.length = 0;
});
// Components given lang="fr" read the French catalogue, which loads on the first switch to French: load it first.
beforeAll(async () => {
  await setLanguage('fr');
  await setLanguage('en');
});
afterEach(() => setLanguage('en'));

describe('Count', () => {
  it('marks perturbed and partial counts with accessible labels, says "withheld", and leaves exact counts bare', () => {
    render(
      <>
        <Count testId="exact" value={{ count: 1234 }} />
        <Count testId="perturbed" value={{ count: 1234, perturbed: true }} disclosure={disclosure} />
        <Count testId="partial" value={{ count: 1234, perturbed: true, partial: true }} />
        <Count testId="withheld" value={{ count: null, suppressed: true }} />
      </>,
    );
    expect(screen.getByTestId('exact').textContent).toBe('1,234');
    expect(screen.getByTestId('exact').querySelector('[role="img"]')).toBeNull();
    expect(screen.getByTestId('perturbed').textContent).toBe('≈1,234');
    expect(within(screen.getByTestId('perturbed')).getByRole('img', { name: 'perturbed to protect individuals' })).toHaveTextContent('≈');
    expect(screen.getByTestId('perturbed')).toHaveAttribute('title', 'Perturbed to protect individuals: each published cell is within ±3 of the true count');
    expect(screen.getByTestId('partial').textContent).toBe('≈1,234†');
    expect(within(screen.getByTestId('partial')).getByRole('img', { name: 'some cells withheld' })).toHaveTextContent('†');
    expect(screen.getByTestId('withheld').textContent).toBe('withheld');
    expect(screen.getByTestId('withheld')).toHaveAttribute('title', 'Withheld to protect individuals: not published');
  });

  it('speaks French', () => {
    render(
      <>
        <Count testId="perturbed" lang="fr" value={{ count: 1234, perturbed: true, partial: true }} />
        <Count testId="withheld" lang="fr" value={null} />
      </>,
    );
    expect(screen.getByTestId('perturbed').textContent!.replace(/\s/g, ' ')).toBe('≈1 234†');
    expect(screen.getByRole('img', { name: 'perturbé pour protéger les personnes' })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'cellules masquées non comptées' })).toBeInTheDocument();
    expect(screen.getByTestId('withheld').textContent).toBe('masqué');
  });
});

describe('ProtectionNote', () => {
  it('renders nothing for exact answers', () => {
    const { container } = render(<ProtectionNote disclosure={undefined} counts={[{ count: 5 }]} />);
    expect(container).toBeEmptyDOMElement();
  });

  it('says how counts are counted, with † and "withheld" lines only when the table has such counts', () => {
    const { unmount } = render(<ProtectionNote disclosure={disclosure} counts={[{ count: 5, perturbed: true }]} />);
    expect(screen.getByTestId('protection-note')).toHaveTextContent(
      'Counts are perturbed by up to ±3 and counts of 1–9 are withheld to protect individuals; totals add up published cells.',
    );
    expect(screen.queryByTestId('protection-note-partial')).toBeNull();
    expect(screen.queryByTestId('protection-note-withheld')).toBeNull();
    unmount();
    render(
      <ProtectionNote
        disclosure={disclosure}
        counts={[
          { count: 5, perturbed: true, partial: true },
          { count: null, suppressed: true },
        ]}
      />,
    );
    expect(screen.getByTestId('protection-note-partial')).toHaveTextContent('some cells withheld: they are not in this count.');
    expect(screen.getByTestId('protection-note-withheld')).toHaveTextContent('“withheld”: not published, to protect individuals.');
  });

  it('opens the methodology note with the answer’s parameters, in English', async () => {
    render(<ProtectionNote disclosure={{ ...disclosure, k: 20, maxNoise: 5 }} />);
    const details = screen.getByTestId('protection-method');
    expect(details).not.toHaveAttribute('open');
    await userEvent.click(screen.getByText('How counts are protected'));
    expect(details).toHaveAttribute('open');
    expect(details).toHaveTextContent('cell-key method');
    expect(details).toHaveTextContent('between −5 and +5');
    expect(details).toHaveTextContent('A cell whose true count is 1–19 is withheld');
    expect(details).toHaveTextContent('within ±n × 5');
    expect(details).toHaveTextContent('leaves out cells that were withheld');
    expect(details).toHaveTextContent('Programme staff, signed in with a programme account, see exact counts');
    expect(screen.getByTestId('protection-parameters')).toHaveTextContent('threshold k = 20, largest noise ±5');
  });

  it('opens the methodology note in French', async () => {
    render(<ProtectionNote disclosure={disclosure} lang="fr" />);
    expect(screen.getByTestId('protection-note')).toHaveTextContent('Les effectifs sont perturbés de ±3 au plus et les effectifs de 1–9 sont masqués');
    await userEvent.click(screen.getByText('Comment les effectifs sont protégés'));
    const details = screen.getByTestId('protection-method');
    expect(details).toHaveAttribute('open');
    expect(details).toHaveTextContent('clé de cellule');
    expect(details).toHaveTextContent('entre −3 et +3');
    expect(details).toHaveTextContent('voit les effectifs exacts');
    expect(screen.getByTestId('protection-parameters')).toHaveTextContent('seuil k = 10, bruit maximal ±3');
  });

  it('follows the app language', async () => {
    await setLanguage('fr');
    render(<ProtectionNote disclosure={disclosure} />);
    expect(screen.getByText('Comment les effectifs sont protégés')).toBeInTheDocument();
  });
});

describe('side panel', () => {
  function open(type: 'place' | 'route', id: string) {
    setDefaultPeriod();
    useSelection.getState().select({ type, id });
    return renderWithClient(<SidePanel />);
  }
  const number = (testId: string, key: string) =>
    within(screen.getByTestId(testId))
      .getAllByRole('row')
      .find((r) => r.getAttribute('data-key') === key)!
      .querySelector('.bars__number')!.textContent;

  it('protected flows: the total and bars are marked, withheld bars say so, and the panel explains it', async () => {
    useProtectedApi();
    open('place', 'arlit-fmp');
    await waitFor(() => expect(screen.getByTestId('panel-total').textContent).toMatch(/^≈[\d,]+$/));
    expect(within(screen.getByTestId('panel-total')).getByRole('img', { name: 'perturbed to protect individuals' })).toBeInTheDocument();
    await waitFor(() => expect(number('bars-nationality', 'SEN')).toBe('withheld'));
    expect(number('bars-nationality', 'NGA')).toMatch(/^≈[\d,]+$/);
    await waitFor(() => expect(number('bars-transport', 'car')).toMatch(/^≈[\d,]+†$/));
    expect(number('bars-direction', 'incoming')).toMatch(/^≈/);
    // The weekly series' table marks its counts too.
    const weekly = screen.getByRole('table', { name: /People observed per week/ });
    expect(within(weekly).getAllByRole('img', { name: 'perturbed to protect individuals' }).length).toBeGreaterThan(0);
    expect(screen.getAllByTestId('chart-note')[0]).toHaveTextContent('Counts perturbed to protect individuals.');
    const note = screen.getByTestId('protection-note');
    expect(note).toHaveTextContent('Counts are perturbed by up to ±3');
    expect(within(note).getByTestId('protection-note-partial')).toBeInTheDocument();
    expect(within(note).getByTestId('protection-note-withheld')).toBeInTheDocument();
    expect(within(note).getByText('How counts are protected')).toBeInTheDocument();
  });

  it('exact flows (programme staff): no mark, no note', async () => {
    open('place', 'arlit-fmp');
    await waitFor(() => expect(screen.getByTestId('panel-total').textContent).toMatch(/^[\d,]+$/));
    await waitFor(() => expect(number('bars-nationality', 'SEN')).toMatch(/^[\d,]+$/));
    expect(screen.queryByRole('img', { name: /perturbed|some cells withheld|approximate/ })).toBeNull();
    expect(screen.queryByTestId('protection-note')).toBeNull();
    expect(screen.queryByText('withheld')).toBeNull();
  });

  it('protected transit centre: occupancy from a perturbed count is approximate', async () => {
    useProtectedApi();
    open('place', 'agadez-tc');
    await waitFor(() => expect(screen.getByTestId('panel-total').textContent).toMatch(/^≈/));
    const occupancy = screen.getByTestId('occupancy');
    expect(occupancy.textContent).toMatch(/^≈\d+%$/);
    expect(within(occupancy).getByRole('img', { name: 'approximate: worked out from perturbed counts' })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('protection-note')).toBeInTheDocument());
  });

  it('exact transit centre: occupancy is not marked', async () => {
    open('place', 'agadez-tc');
    await waitFor(() => expect(screen.getByTestId('occupancy').textContent).toMatch(/^\d+%$/));
    expect(screen.getByTestId('occupancy')).not.toHaveAttribute('data-perturbed');
  });
});

/** What useMapMetrics would hand the side tables, from answers given here. */
function metricsOf(
  answers: { routeFlows?: AggregateResponse; pointFlows?: AggregateResponse; assisted?: AggregateResponse; returns?: AggregateResponse },
  view: MapMetrics['view'],
): MapMetrics {
  return {
    view,
    scaleMode: 'auto',
    filters: { from: meta.defaultPeriod.from, to: meta.defaultPeriod.to, direction: null, nationality: null, sex: null, ageGroup: null },
    routeFlows: { data: answers.routeFlows },
    pointFlows: { data: answers.pointFlows },
    assisted: { data: answers.assisted },
    returns: { data: answers.returns, isError: false, error: null, isPending: false },
    settled: true,
    error: null,
    stale: false,
    asOf: 0,
    isFetching: false,
    isEmpty: false,
    maxFlow: 0,
    maxAssisted: 0,
    maxReturns: 0,
    routeChange: new Map(),
    pointChange: new Map(),
    previous: { from: null, to: null },
    refetch: () => undefined,
  } as unknown as MapMetrics;
}

const period = { from: meta.defaultPeriod.from, to: meta.defaultPeriod.to };
const routeFlows = aggregate(flowRecords, { ...period, groupBy: ['route'] });
const pointFlows = aggregate(flowRecords, { ...period, groupBy: ['point'] });
const assisted = aggregate(assistanceRecords, { ...period, service: 'shelter_food', groupBy: ['centre'] });
const returns = aggregate(returnRecords, { ...period, groupBy: ['centre', 'destination'] });

async function exportedGeoJson() {
  await userEvent.click(screen.getByTestId('export-geojson'));
  await waitFor(() => expect(downloads).toHaveLength(1));
  return JSON.parse(await downloads[0]!.blob.text()) as {
    disclosure?: unknown;
    dataAsOf?: string;
    features: Array<{ properties: Record<string, unknown> }>;
  };
}

describe('overview tables', () => {
  const protectedMetrics = () =>
    metricsOf(
      {
        routeFlows: protect(routeFlows, (r) => r['route'] === 'R5'),
        pointFlows: protect(
          pointFlows,
          () => false,
          (r) => r['point'] === 'arlit-fmp',
        ),
        assisted: protect(assisted),
      },
      'flows',
    );

  it('marks protected counts and explains them under each table', async () => {
    setDefaultPeriod();
    renderWithClient(<Overview metrics={protectedMetrics()} />);
    const routesTable = await screen.findByTestId('overview-routes');
    await waitFor(() => expect(within(routesTable).getByRole('button', { name: /R5/ })).toBeInTheDocument());
    const cell = (table: HTMLElement, name: RegExp) => within(table).getByRole('button', { name }).closest('tr')!.querySelectorAll('td')[0]!.textContent;
    expect(cell(routesTable, /R5/)).toBe('withheld');
    expect(cell(routesTable, /R4/)).toMatch(/^≈[\d,]+$/);
    expect(cell(screen.getByTestId('overview-points'), /Arlit/)).toMatch(/^≈[\d,]+†$/);
    expect(cell(screen.getByTestId('overview-centres'), /Agadez/)).toMatch(/^≈[\d,]+$/);
    for (const id of ['overview-routes-protection', 'overview-points-protection', 'overview-centres-protection']) {
      expect(screen.getByTestId(id)).toHaveTextContent('Counts are perturbed by up to ±3 and counts of 1–9 are withheld');
      expect(within(screen.getByTestId(id)).getByText('How counts are protected')).toBeInTheDocument();
    }
    expect(within(screen.getByTestId('overview-points-protection')).getByTestId('protection-note-partial')).toBeInTheDocument();
  });

  it('GeoJSON export carries suppressed / perturbed / partial beside each count, and the disclosure parameters', async () => {
    setDefaultPeriod();
    renderWithClient(<Overview metrics={protectedMetrics()} />);
    await screen.findByTestId('overview-routes');
    await waitFor(() => expect(within(screen.getByTestId('overview-routes')).getByRole('button', { name: /R5/ })).toBeInTheDocument());
    const fc = await exportedGeoJson();
    expect(fc.disclosure).toEqual(disclosure);
    // The file states what it rests on: the data-as-of date (a foreign member, as the CSV's Data-As-Of header).
    expect(fc.dataAsOf).toBe(meta.dataAsOf);
    const byId = (id: string) => fc.features.find((f) => f.properties['id'] === id)!.properties;
    expect(byId('R5')).toMatchObject({ peopleObserved: null, suppressed: true, perturbed: false, partial: false });
    expect(byId('R4')).toMatchObject({ suppressed: false, perturbed: true, partial: false });
    expect(byId('R4')['peopleObserved']).toBeGreaterThan(0);
    expect(byId('arlit-fmp')).toMatchObject({ suppressed: false, perturbed: true, partial: true });
    expect(byId('agadez-tc')).toMatchObject({ suppressed: false, perturbed: true, partial: false });
    expect(byId('agadez-tc')['peopleAssisted']).toBeGreaterThan(0);
  });

  it('exact answers: bare numbers, no note, flags false, no disclosure in the export', async () => {
    setDefaultPeriod();
    renderWithClient(<Overview metrics={metricsOf({ routeFlows, pointFlows, assisted }, 'flows')} />);
    const routesTable = await screen.findByTestId('overview-routes');
    await waitFor(() => expect(within(routesTable).getByRole('button', { name: /R5/ })).toBeInTheDocument());
    expect(screen.queryByTestId('protection-note')).toBeNull();
    expect(screen.queryByTestId('overview-routes-protection')).toBeNull();
    expect(screen.queryByRole('img', { name: /perturbed|approximate/ })).toBeNull();
    const fc = await exportedGeoJson();
    expect(fc.disclosure).toBeUndefined();
    expect(fc.features.find((f) => f.properties['id'] === 'R5')!.properties).toMatchObject({ suppressed: false, perturbed: false, partial: false });
  });
});

describe('donor impact', () => {
  it('centres: perturbed counts, approximate occupancy; returns: partial sums; export flags; a note under each table', async () => {
    setDefaultPeriod();
    // The returns bars read GET /returns?groupBy=destination (the server's own published sums): here Senegal's is partial.
    server.use(
      http.get('/api/v1/returns', ({ request }) => {
        if (new URL(request.url).searchParams.get('groupBy') !== 'destination') return undefined;
        return HttpResponse.json(
          aggregateResponse.parse({
            groupBy: ['destination'],
            rows: [
              { destination: 'SEN', count: 250, perturbed: true, partial: true },
              { destination: 'MLI', count: 120, perturbed: true },
            ],
            total: 370,
            totalPartial: true,
            from: meta.defaultPeriod.from,
            to: meta.defaultPeriod.to,
            dataVersion: meta.dataVersion,
            disclosure,
          }),
        );
      }),
    );
    renderWithClient(
      <DonorOverview
        metrics={metricsOf(
          { assisted: protect(assisted), returns: protect(returns, (r) => r['centre'] === 'arlit-tc' && r['destination'] === 'SEN') },
          'donor',
        )}
      />,
    );
    const centres = await screen.findByTestId('donor-centres');
    await waitFor(() => expect(within(centres).getByRole('button', { name: 'Agadez' })).toBeInTheDocument());
    const row = within(centres).getByRole('button', { name: 'Agadez' }).closest('tr')!;
    expect(row.querySelectorAll('td')[0]!.textContent).toMatch(/^≈[\d,]+$/);
    expect(within(row).getByTestId('occupancy').textContent).toMatch(/^≈\d+%$/);
    expect(within(row).getByRole('img', { name: 'approximate: worked out from perturbed counts' })).toBeInTheDocument();
    const returnsTable = screen.getByTestId('donor-returns');
    await waitFor(() => expect(within(returnsTable).getByRole('rowheader', { name: 'Senegal' })).toBeInTheDocument());
    const senegal = within(returnsTable).getByRole('rowheader', { name: 'Senegal' }).closest('tr')!;
    expect(senegal.querySelector('td')!.textContent).toMatch(/^≈[\d,]+†$/);
    expect(within(senegal).getByRole('img', { name: 'some cells withheld' })).toBeInTheDocument();
    expect(screen.getByTestId('donor-centres-protection')).toHaveTextContent('Counts are perturbed by up to ±3');
    expect(within(screen.getByTestId('donor-returns-protection')).getByTestId('protection-note-partial')).toBeInTheDocument();

    const fc = await exportedGeoJson();
    expect(fc.disclosure).toEqual(disclosure);
    const agadez = fc.features.find((f) => f.properties['id'] === 'agadez-tc')!.properties;
    expect(agadez).toMatchObject({ suppressed: false, perturbed: true, partial: false });
    expect(fc.features.find((f) => f.properties['id'] === 'arlit-tc>SEN')!.properties).toMatchObject({ count: null, suppressed: true, perturbed: false });
    expect(fc.features.find((f) => f.properties['id'] === 'agadez-tc>SEN')!.properties).toMatchObject({ perturbed: true, suppressed: false });
  });
});

describe('tooltip', () => {
  it('a perturbed count reads "≈…" with a note saying why; a withheld one says "withheld"', () => {
    const states = placeStates(
      places.features.map((f) => f.properties),
      protect(
        pointFlows,
        () => false,
        (r) => r['point'] === 'arlit-fmp',
      ),
      protect(assisted, (r) => r['centre'] === 'arlit-tc'),
      period,
    );
    const arlit = places.features.find((f) => f.properties.id === 'arlit-fmp')!.properties;
    const { unmount } = render(<Tooltip {...describePlace(arlit, states.get('arlit-fmp'))} x={0} y={0} />);
    expect(screen.getByRole('tooltip')).toHaveTextContent(/≈[\d,]+† people observed/);
    expect(screen.getByTestId('map-tooltip-note')).toHaveTextContent('≈ perturbed to protect individuals · † some cells withheld');
    unmount();
    const arlitTc = places.features.find((f) => f.properties.id === 'arlit-tc')!.properties;
    render(<Tooltip {...describePlace(arlitTc, states.get('arlit-tc'))} x={0} y={0} />);
    expect(screen.getByRole('tooltip')).toHaveTextContent('people assisted: withheld');
    expect(screen.getByTestId('map-tooltip-note')).toHaveTextContent('Withheld to protect individuals: not published');
  });

  it('an exact count has no mark and no note', () => {
    const states = routeStates(
      routes.features.map((f) => f.properties),
      routeFlows,
    );
    const r4 = routes.features.find((f) => f.properties.id === 'R4')!.properties;
    render(<Tooltip {...describeRoute(r4, states.get('R4'))} x={0} y={0} />);
    expect(screen.getByRole('tooltip')).toHaveTextContent(/\d people observed/);
    expect(screen.getByRole('tooltip')).not.toHaveTextContent('≈');
    expect(screen.queryByTestId('map-tooltip-note')).toBeNull();
  });
});

describe('PNG export', () => {
  it('makes room for the line on protection', () => {
    expect(footerHeight(3, 2, true)).toBeGreaterThan(footerHeight(3, 2, false));
  });
});
