/** The map's metrics: the previous period (for change) is asked for after the period's own answers, unless the map shows change. */
import { act, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { useMapMetrics } from '../../src/client/map/useMapMetrics';
import { useFilters } from '../../src/client/state/filters';
import { useView } from '../../src/client/state/view';
import { previousPeriod } from '../../src/shared/calendar';
import { aggregate, flowRecords } from './handlers';
import { renderWithClient } from './render';
import { server } from './setup';

function Probe() {
  const m = useMapMetrics();
  return <p data-testid="settled">{m.settled ? 'settled' : 'waiting'}</p>;
}

/** Holds the flows answers for periods starting at `heldFrom` until released; records each flows request as it arrives. */
function holdFlows(heldFrom: string) {
  const seen: string[] = [];
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  server.use(
    http.get('*/api/v1/flows', async ({ request }) => {
      const url = new URL(request.url);
      const from = url.searchParams.get('from');
      seen.push(`${from}:${url.searchParams.get('groupBy')}`);
      if (from === heldFrom) await released;
      return HttpResponse.json(aggregate(flowRecords, { from: from!, to: url.searchParams.get('to')!, groupBy: url.searchParams.getAll('groupBy') }));
    }),
  );
  return { seen, release };
}

/** A period whose previous equal period lies inside the fixture's data range. */
const period = { from: '2017-01-01', to: '2017-12-31' };
const previousFrom = previousPeriod(period).from;

afterEach(() => useView.getState().setColourBy('direction'));

describe('useMapMetrics: the previous period', () => {
  it("waits for the period's own answers, then is asked for", async () => {
    useFilters.getState().setPeriod(period.from, period.to);
    const { seen, release } = holdFlows(period.from);
    renderWithClient(<Probe />);
    // Per route, per point, and per route and direction (both directions drawn side by side).
    await waitFor(() => expect(seen.filter((s) => s.startsWith(period.from))).toHaveLength(3));
    // Give any eager request time to show up: none for the previous period while the period's answers are held.
    await new Promise((r) => setTimeout(r, 50));
    expect(seen.some((s) => s.startsWith(previousFrom))).toBe(false);
    expect(screen.getByTestId('settled')).toHaveTextContent('waiting');
    release();
    await waitFor(() => expect(seen.filter((s) => s.startsWith(previousFrom))).toHaveLength(2));
    expect(screen.getByTestId('settled')).toHaveTextContent('settled');
  });

  it('is asked for at once, and counted in "settled", when the map is coloured by change', async () => {
    useView.getState().setColourBy('change');
    useFilters.getState().setPeriod(period.from, period.to);
    const { seen, release } = holdFlows(previousFrom);
    renderWithClient(<Probe />);
    await waitFor(() => expect(seen.filter((s) => s.startsWith(previousFrom))).toHaveLength(2));
    // The period's own answers are in; the map still waits for the previous period's, which it colours by.
    await waitFor(() => expect(seen.filter((s) => s.startsWith(period.from))).toHaveLength(2));
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.getByTestId('settled')).toHaveTextContent('waiting');
    release();
    await waitFor(() => expect(screen.getByTestId('settled')).toHaveTextContent('settled'));
  });

  it('is not asked for periods someone only passes through', async () => {
    const next = { from: '2019-01-01', to: '2019-12-31' };
    useFilters.getState().setPeriod(period.from, period.to);
    const { seen, release } = holdFlows('none');
    release();
    renderWithClient(<Probe />);
    await waitFor(() => expect(seen.filter((s) => s.startsWith(period.from))).toHaveLength(3));
    act(() => useFilters.getState().setPeriod(next.from, next.to));
    await waitFor(() => expect(seen.filter((s) => s.startsWith(next.from))).toHaveLength(3));
    await waitFor(() => expect(seen.filter((s) => s.startsWith(previousPeriod(next).from))).toHaveLength(2));
    expect(seen.some((s) => s.startsWith(previousFrom))).toBe(false);
  });
});
