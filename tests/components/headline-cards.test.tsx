/**
 * Headline cards: for the selection (or the whole view) and the period, the figures are the API's answers — total,
 * share of minors, share of women and girls, top nationalities, change against the previous equal period — each
 * with how it is counted. For outside roles they keep the protection marks, and a share of a withheld count is
 * withheld, never worked out.
 */
import { screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { aggregateResponse, flowsQuery, type AggregateResponse } from '../../src/shared/api';
import { previousPeriod } from '../../src/shared/calendar';
import { HeadlineCards } from '../../src/client/features/cards/HeadlineCards';
import { formatChange, formatCount, formatPercent } from '../../src/client/i18n/format';
import { useFilters, useSelection } from '../../src/client/state/filters';
import { aggregate, expectFlows, flowRecords, refused, signInAs } from './handlers';
import { renderWithClient } from './render';
import { server } from './setup';

const week = { from: '2016-02-08', to: '2016-02-14' };

function show(filters: Record<string, string | null>, select: { type: 'place' | 'route'; id: string } | null) {
  useFilters.getState().patch({ direction: null, nationality: null, sex: null, ageGroup: null, ...filters } as never);
  if (select) useSelection.getState().select(select);
  return renderWithClient(<HeadlineCards />);
}

const value = (testId: string) => screen.getByTestId(testId).querySelector('.card__value')!.textContent!;
const settled = (testId: string) => waitFor(() => expect(value(testId)).not.toMatch(/…/));
const rowOf = (res: AggregateResponse, dim: string, v: string) => res.rows.find((r) => r[dim] === v)!.count!;

describe('headline cards', () => {
  it('programme staff, a monitoring point with a nationality filter: every figure is the answer to the same query', async () => {
    signInAs('programme');
    show({ ...week, nationality: 'NGA' }, { type: 'place', id: 'arlit-fmp' });
    const q = { ...week, point: ['arlit-fmp'], nationality: ['NGA'] };
    const total = expectFlows(q).total!;
    const byAge = expectFlows({ ...q, groupBy: ['ageGroup'] });
    const bySex = expectFlows({ ...q, groupBy: ['sex'] });
    const prev = expectFlows({ ...q, ...previousPeriod(week) }).total!;
    expect(total).toBeGreaterThan(0);
    expect(prev).toBeGreaterThan(0);

    await settled('card-total');
    expect(value('card-total')).toBe(formatCount(total));
    await settled('card-minors');
    expect(value('card-minors')).toBe(formatPercent(rowOf(byAge, 'ageGroup', 'minor') / byAge.total!));
    await settled('card-women');
    expect(value('card-women')).toBe(formatPercent(rowOf(bySex, 'sex', 'f') / bySex.total!));
    await settled('card-change');
    expect(value('card-change')).toBe(formatChange(total / prev - 1));
    // How each figure is counted, and for which place, period and filters.
    expect(screen.getByTestId('card-total')).toHaveTextContent('each crossing once');
    expect(screen.getByTestId('card-minors')).toHaveTextContent(`${formatCount(rowOf(byAge, 'ageGroup', 'minor'))} of ${formatCount(byAge.total)}`);
    expect(screen.getByTestId('card-change')).toHaveTextContent('Against Feb 1, 2016 – Feb 7, 2016');
    expect(screen.getByTestId('cards-context')).toHaveTextContent('Arlit');
    expect(screen.getByTestId('cards-context')).toHaveTextContent('Filters: Nigeria');
    expect(screen.queryByTestId('cards-protected')).toBeNull();
    expect(refused).toEqual([]);
  });

  it('the whole view, top nationalities in order with their shares', async () => {
    signInAs('programme');
    show(week, null);
    const byNat = expectFlows({ ...week, groupBy: ['nationality'] });
    const ranked = [...byNat.rows].sort((a, b) => b.count! - a.count!);
    await waitFor(() => expect(within(screen.getByTestId('card-nationalities')).getAllByRole('listitem')).toHaveLength(3));
    const items = within(screen.getByTestId('card-nationalities')).getAllByRole('listitem');
    expect(items.map((li) => li.getAttribute('data-nationality'))).toEqual(ranked.map((r) => r['nationality']));
    expect(items[0]).toHaveTextContent(formatPercent(ranked[0]!.count! / byNat.total!));
    expect(screen.getByTestId('cards-context')).toHaveTextContent('All monitoring points');
  });

  it('signed out: counts keep their marks, a share of a withheld count is withheld, shares of perturbed counts are approximate', async () => {
    signInAs('public');
    const disclosure = { method: 'cell-key', k: 10, maxNoise: 3, resolution: 'month' } as const;
    server.use(
      http.get('*/api/v1/flows', ({ request }) => {
        const q = flowsQuery.parse(Object.fromEntries(new URL(request.url).searchParams)) as never;
        const res = aggregate(flowRecords, q);
        // Minors withheld, Senegalese withheld, everything else perturbed (the fixture's numbers stand for noisy ones).
        const rows = res.rows.map((r) =>
          r['ageGroup'] === 'minor' || r['nationality'] === 'SEN' ? { ...r, count: null, suppressed: true } : { ...r, perturbed: true },
        );
        const withheld = rows.some((r) => r.suppressed);
        const total = rows.reduce((s, r) => s + (r.count ?? 0), 0);
        return HttpResponse.json(aggregateResponse.parse({ ...res, rows, total, ...(withheld ? { totalPartial: true } : {}), disclosure }));
      }),
    );
    show({ from: '2016-02-01', to: '2016-02-29' }, { type: 'place', id: 'arlit-fmp' });
    await settled('card-minors');
    expect(value('card-minors')).toBe('withheld');
    expect(screen.getByTestId('card-minors').querySelector('[data-withheld="true"]')).toHaveAttribute('title', expect.stringMatching(/withheld count/));
    expect(value('card-minors')).not.toMatch(/\d/);
    await settled('card-women');
    expect(value('card-women')).toMatch(/^≈\d+%$/);
    expect(within(screen.getByTestId('card-women')).getByRole('img', { name: /approximate|perturbed/ })).toBeInTheDocument();
    await settled('card-total');
    // The total is one published (perturbed) count here: ≈, no †.
    expect(value('card-total')).toMatch(/^≈[\d,]+$/);
    await waitFor(() => expect(within(screen.getByTestId('card-nationalities')).getAllByRole('listitem').length).toBeGreaterThan(0));
    const listed = within(screen.getByTestId('card-nationalities'))
      .getAllByRole('listitem')
      .map((li) => li.getAttribute('data-nationality'));
    expect(listed).not.toContain('SEN');
    expect(screen.getByTestId('cards-protected')).toHaveTextContent('Protected counts');
    expect(refused).toEqual([]);
  });
});
