/**
 * Panels for roles that see published cells (one breakdown at a time): every breakdown is asked only in a shape the
 * server answers (the msw handlers refuse the rest as the server does), a filter a breakdown cannot carry is named,
 * a breakdown the role is never sent is explained, sex and age group come apart.
 */
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SidePanel } from '../../src/client/app/SidePanel';
import { useFilters, useSelection } from '../../src/client/state/filters';
import { meta, refused, requests, signInAs } from './handlers';
import { renderWithClient } from './render';

const year = { from: '2019-01-01', to: '2019-12-31' };

function open(type: 'place' | 'route', id: string, filters: Record<string, string | null> = {}) {
  useFilters.getState().patch({ ...year, direction: null, nationality: null, sex: null, ageGroup: null, ...filters } as never);
  useSelection.getState().select({ type, id });
  return renderWithClient(<SidePanel />);
}

const flowRequests = () => requests.filter((u) => u.pathname === '/api/v1/flows');

describe('panels for outside roles', () => {
  it('signed out, a monitoring point: monthly series, sex and age group apart, nothing refused', async () => {
    signInAs('public');
    open('place', 'arlit-fmp');
    await screen.findByTestId('bars-sex');
    await screen.findByTestId('bars-age');
    expect(screen.queryByTestId('bars-sex-age')).toBeNull();
    await waitFor(() => expect(flowRequests().some((u) => u.searchParams.get('groupBy') === 'month,direction')).toBe(true));
    expect(flowRequests().some((u) => (u.searchParams.get('groupBy') ?? '').includes('week'))).toBe(false);
    expect(flowRequests().some((u) => u.searchParams.get('groupBy') === 'sex,ageGroup')).toBe(false);
    expect(screen.getByTestId('panel')).toHaveTextContent('People observed per month');
    expect(refused).toEqual([]);
  });

  it('signed out with a nationality filter: breakdowns that cannot carry it say so, and are asked without it', async () => {
    signInAs('public');
    open('place', 'arlit-fmp', { nationality: 'NGA' });
    await waitFor(() => expect(screen.getAllByTestId('breakdown-unfiltered').length).toBeGreaterThan(0));
    expect(screen.getAllByTestId('breakdown-unfiltered')[0]).toHaveTextContent('Not filtered by nationality: one breakdown at a time for signed-out visitors.');
    // The total carries the filter (point × nationality); the direction breakdown does not (it would be three).
    await waitFor(() => expect(flowRequests().some((u) => u.searchParams.get('nationality') === 'NGA' && !u.searchParams.get('groupBy'))).toBe(true));
    const byDirection = flowRequests().filter((u) => u.searchParams.get('groupBy') === 'direction');
    expect(byDirection.length).toBeGreaterThan(0);
    for (const u of byDirection) expect(u.searchParams.get('nationality')).toBeNull();
    expect(refused).toEqual([]);
  });

  it('donor, a transit centre: people assisted by nationality is a breakdown of a breakdown, explained and not asked', async () => {
    signInAs('donor');
    open('place', 'agadez-tc');
    await screen.findByTestId('bars-services');
    await waitFor(() => expect(screen.getAllByTestId('breakdown-locked').length).toBe(2));
    expect(screen.getAllByTestId('breakdown-locked')[0]).toHaveTextContent('Not published for donors');
    expect(screen.queryByTestId('bars-nationality')).toBeNull();
    expect(refused).toEqual([]);
  });

  it('programme staff: every breakdown, weekly, sex × age together, no notes', async () => {
    signInAs('programme');
    open('place', 'arlit-fmp', { nationality: 'NGA' });
    await screen.findByTestId('bars-sex-age');
    await waitFor(() => expect(flowRequests().some((u) => u.searchParams.get('groupBy') === 'week,direction')).toBe(true));
    expect(screen.queryByTestId('breakdown-unfiltered')).toBeNull();
    expect(screen.queryByTestId('breakdown-locked')).toBeNull();
    expect(meta.dateRange.min).toBeTruthy();
  });
});
