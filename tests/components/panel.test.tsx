/** The side panel shows the API's numbers for a place and for a route, and closes. */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { SidePanel } from '../../src/client/app/SidePanel';
import { formatCount } from '../../src/client/i18n/format';
import { useFilters, useSelection } from '../../src/client/state/filters';
import { expectAssistance, expectFlows, meta, serverError } from './handlers';
import { renderWithClient, setDefaultPeriod } from './render';
import { server } from './setup';

const period = meta.defaultPeriod;

function open(type: 'place' | 'route', id: string) {
  setDefaultPeriod();
  useSelection.getState().select({ type, id });
  return renderWithClient(<SidePanel />);
}

async function expectTitle(text: string) {
  await waitFor(() => expect(screen.getByTestId('panel-title')).toHaveTextContent(text));
}

async function total() {
  const el = await screen.findByTestId('panel-total');
  await waitFor(() => expect(el.textContent).toMatch(/\d/));
  return el.textContent!;
}

function barValue(testId: string, key: string): string {
  const row = within(screen.getByTestId(testId))
    .getAllByRole('row')
    .find((r) => r.getAttribute('data-key') === key);
  if (!row) throw new Error(`no bar ${key} in ${testId}`);
  return row.querySelector('.bars__number')!.textContent!;
}

describe('side panel', () => {
  it('renders nothing when nothing is selected', () => {
    renderWithClient(<SidePanel />);
    expect(screen.queryByTestId('panel')).toBeNull();
  });

  it('transit centre: people assisted = the shelter_food count for the period, services, capacity, breakdowns', async () => {
    open('place', 'agadez-tc');
    const expected = expectAssistance({ ...period, centre: ['agadez-tc'], service: ['shelter_food'] });
    expect(expected.total).toBeGreaterThan(0);

    await expectTitle('Agadez transit centre');
    expect(await total()).toBe(formatCount(expected.total));
    expect(screen.getByTestId('panel')).toHaveTextContent('Transit centre');
    expect(screen.getByTestId('panel')).toHaveTextContent('Capacity: 1,000 places');

    const services = expectAssistance({ ...period, centre: ['agadez-tc'], groupBy: ['service'] });
    await screen.findByTestId('bars-services');
    await waitFor(() => expect(barValue('bars-services', 'voluntary_return')).not.toBe('—'));
    for (const row of services.rows) expect(barValue('bars-services', row['service'] as string)).toBe(formatCount(row.count));
    expect(within(screen.getByTestId('bars-services')).getByText('Assisted voluntary return')).toBeInTheDocument();

    const nat = expectAssistance({ ...period, centre: ['agadez-tc'], service: ['shelter_food'], groupBy: ['nationality'] });
    await waitFor(() => expect(within(screen.getByTestId('bars-nationality')).getByText('Nigeria')).toBeInTheDocument());
    for (const row of nat.rows) expect(barValue('bars-nationality', row['nationality'] as string)).toBe(formatCount(row.count));

    const sexAge = expectAssistance({ ...period, centre: ['agadez-tc'], service: ['shelter_food'], groupBy: ['sex', 'ageGroup'] });
    const women = sexAge.rows.find((r) => r['sex'] === 'f' && r['ageGroup'] === 'adult')!;
    await waitFor(() => expect(barValue('bars-sex-age', 'f|adult')).toBe(formatCount(women.count)));
    expect(within(screen.getByTestId('bars-sex-age')).getByText('Boys')).toBeInTheDocument();

    // The weekly series: an accessible SVG plus a table with the same numbers.
    const chart = await screen.findByTestId('timeseries');
    expect(chart).toHaveAttribute('role', 'img');
    const monthly = expectAssistance({ ...period, centre: ['agadez-tc'], service: ['shelter_food'], groupBy: ['month'] });
    const table = screen.getByRole('table', { name: /People assisted per month/ });
    for (const row of monthly.rows) {
      const tr = within(table)
        .getByRole('rowheader', { name: row['month'] as string })
        .closest('tr')!;
      expect(tr).toHaveTextContent(formatCount(row.count));
    }
    // Occupancy against capacity, with its formula in the tooltip.
    expect(screen.getByTestId('panel-occupancy')).toHaveTextContent(/Occupancy against capacity: \d+%/);
    expect(screen.getByTestId('occupancy')).toHaveAttribute('title', expect.stringMatching(/× 7 days average stay ÷ days in the period/));
  });

  it('monitoring point: people observed, incoming vs outgoing', async () => {
    open('place', 'arlit-fmp');
    const expected = expectFlows({ ...period, point: ['arlit-fmp'] });
    expect(await total()).toBe(formatCount(expected.total));
    const byDir = expectFlows({ ...period, point: ['arlit-fmp'], groupBy: ['direction'] });
    await waitFor(() => expect(barValue('bars-direction', 'incoming')).toBe(formatCount(byDir.rows.find((r) => r['direction'] === 'incoming')!.count)));
    expect(barValue('bars-direction', 'outgoing')).toBe(formatCount(byDir.rows.find((r) => r['direction'] === 'outgoing')!.count));
    expect(screen.getByTestId('panel')).toHaveTextContent('Flow monitoring point');
    expect(screen.getByTestId('panel')).toHaveTextContent('R4');
  });

  it('monitoring point: breakdown by means of transport, and every breakdown as CSV with the same query', async () => {
    open('place', 'arlit-fmp');
    const byTransport = expectFlows({ ...period, point: ['arlit-fmp'], groupBy: ['transport'] });
    await waitFor(() => expect(barValue('bars-transport', 'truck')).toBe(formatCount(byTransport.rows.find((r) => r['transport'] === 'truck')!.count)));
    const links = screen.getAllByTestId('export-csv').map((a) => new URL(a.getAttribute('href')!, 'http://x'));
    expect(links.map((u) => u.searchParams.get('groupBy'))).toEqual(['direction', 'week,direction', 'nationality', 'sex,ageGroup', 'transport']);
    for (const u of links) {
      expect(u.pathname).toBe('/api/v1/flows');
      expect(u.searchParams.get('format')).toBe('csv');
      expect(u.searchParams.get('point')).toBe('arlit-fmp');
      expect(u.searchParams.get('from')).toBe(period.from);
    }
  });

  it('route: flow observed on it, by direction and nationality', async () => {
    open('route', 'R5');
    await expectTitle('R5 Agadez–Dirkou–Séguédine–Sabha');
    const expected = expectFlows({ ...period, route: ['R5'] });
    expect(await total()).toBe(formatCount(expected.total));
    const nat = expectFlows({ ...period, route: ['R5'], groupBy: ['nationality'] });
    await waitFor(() => expect(barValue('bars-nationality', 'SEN')).toBe(formatCount(nat.rows.find((r) => r['nationality'] === 'SEN')!.count)));
    expect(screen.getByTestId('panel')).toHaveTextContent('Séguédine (FMP)');
  });

  it('route without a monitoring point says so and asks for no numbers', async () => {
    open('route', 'R1');
    expect(await screen.findByTestId('not-monitored')).toBeInTheDocument();
    expect(screen.queryByTestId('panel-total')).toBeNull();
  });

  it('a hub shows its facts, no invented numbers', async () => {
    open('place', 'kano');
    await expectTitle('Kano');
    expect(screen.getByText('No figures are recorded for this place.')).toBeInTheDocument();
  });

  it('empty: a period with no observations says so', async () => {
    useFilters.getState().setPeriod('2017-01-01', '2017-12-31');
    useSelection.getState().select({ type: 'place', id: 'arlit-fmp' });
    renderWithClient(<SidePanel />);
    expect(expectFlows({ from: '2017-01-01', to: '2017-12-31', point: ['arlit-fmp'] }).total).toBe(0);
    expect(await screen.findByText('No observations for this period and filter')).toBeInTheDocument();
    expect(screen.getByTestId('panel-total')).toHaveTextContent('0');
    expect(screen.queryByTestId('bars-nationality')).toBeNull();
  });

  it('error: shows the problem detail and retries', async () => {
    let fail = true;
    server.use(
      http.get('*/api/v1/assistance', () => {
        if (fail) return serverError('DuckDB is busy, try again');
        return undefined;
      }),
    );
    open('place', 'agadez-tc');
    expect(await screen.findByTestId('error-detail')).toHaveTextContent('DuckDB is busy, try again');
    fail = false;
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    const expected = expectAssistance({ ...period, centre: ['agadez-tc'], service: ['shelter_food'] });
    expect(await total()).toBe(formatCount(expected.total));
    expect(screen.queryByTestId('error')).toBeNull();
  });

  it('the close button and Escape close the panel', async () => {
    open('place', 'agadez-tc');
    await screen.findByTestId('panel');
    await userEvent.click(screen.getByTestId('panel-close'));
    expect(screen.queryByTestId('panel')).toBeNull();
    expect(useSelection.getState().selected).toBeNull();

    useSelection.getState().select({ type: 'route', id: 'R4' });
    expect(await screen.findByTestId('panel')).toBeInTheDocument();
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByTestId('panel')).toBeNull());
  });
});
