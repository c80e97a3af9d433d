/** The time strip's coverage band and its table alternative (features/time/CoverageBand.tsx) over the msw fixture. */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { TimeStrip } from '../../src/client/features/time/TimeStrip';
import { setLanguage } from '../../src/client/i18n/i18n';
import { useFilters, useSelection } from '../../src/client/state/filters';
import { meta, requests } from './handlers';
import { renderWithClient } from './render';

afterEach(() => setLanguage('en'));

/** The band's steps: start (from its tooltip order) → data-share. */
const shares = () => [...screen.getByTestId('coverage-band').querySelectorAll('rect')].map((r) => r.getAttribute('data-share'));
const text = (el: HTMLElement) => el.textContent!.replace(/\s/g, ' ');

describe('coverage on the time strip', () => {
  it('asks /coverage over the whole data range; every point: not monitored before any start, halves while one point is silent', async () => {
    useFilters.getState().setPeriod('2017-03-01', '2017-03-31');
    renderWithClient(<TimeStrip meta={meta} />);
    await waitFor(() => expect(shares().length).toBeGreaterThan(0));
    const asked = requests.find((u) => u.pathname === '/api/v1/coverage')!;
    expect([asked.searchParams.get('from'), asked.searchParams.get('to')]).toEqual([meta.dateRange.min, meta.dateRange.max]);
    const s = shares();
    expect(s[0]).toBe('none'); // before 2016-02-01 no point was active: not monitored, never 0
    expect(s).toContain('0.5'); // 2016: Arlit counting, Séguédine silent
    expect(s).toContain('1');
    expect(s).not.toContain('0');
    // March 2017: Arlit has a gap, Séguédine counts: half the point-weeks.
    expect(text(screen.getByTestId('coverage-toggle'))).toBe('Counting 50%');
  });

  it('follows the selection: Séguédine’s route shows its silent 2016 as gaps (0), not as zero people', async () => {
    useFilters.getState().setPeriod('2016-03-01', '2016-03-31');
    act(() => useSelection.getState().select({ type: 'route', id: 'R5' }));
    renderWithClient(<TimeStrip meta={meta} />);
    await waitFor(() => expect(shares()).toContain('0'));
    expect(shares()).not.toContain('0.5');
    expect(text(screen.getByTestId('coverage-toggle'))).toBe('Counting 0%');
    expect(screen.getByTestId('coverage-toggle').title).toMatch(/this route’s points/);
  });

  it('says "not monitored" for a period before any point was active', async () => {
    useFilters.getState().setPeriod('2015-06-01', '2015-06-30');
    renderWithClient(<TimeStrip meta={meta} />);
    await waitFor(() => expect(text(screen.getByTestId('coverage-toggle'))).toBe('Not monitored'));
  });

  it('the table alternative: a button opens every point with its active dates, the share covered and its gaps; in French too', async () => {
    useFilters.getState().setPeriod('2017-03-01', '2017-03-31');
    renderWithClient(<TimeStrip meta={meta} />);
    const toggle = await screen.findByTestId('coverage-toggle');
    expect(toggle.tagName).toBe('BUTTON'); // reachable by keyboard
    fireEvent.click(toggle);
    const panel = screen.getByTestId('coverage-panel');
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(text(within(panel).getByTestId('coverage-summary'))).toMatch(/all points\) reported in 50% of the period’s weeks.*Data as of Dec 31, 2019/);
    const rows = within(panel)
      .getAllByRole('row')
      .slice(1)
      .map((r) => [...r.querySelectorAll('th,td')].map((c) => text(c as HTMLElement)));
    expect(rows).toEqual([
      ['Arlit (FMP)', 'Feb 1, 2016 – ongoing', '0%', '4'],
      ['Séguédine (FMP)', 'Feb 1, 2016 – ongoing', '100%', '0'],
    ]);
    await act(() => setLanguage('fr'));
    expect(text(screen.getByTestId('coverage-toggle'))).toMatch(/^Comptage 50 %$/);
    expect(text(within(screen.getByTestId('coverage-panel')).getByRole('table'))).toMatch(/Période couverte/);
  });
});
