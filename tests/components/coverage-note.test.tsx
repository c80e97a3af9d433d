/**
 * The data-as-of / share-counted line (components/CoverageNote.tsx) and the headline cards that show it, over the msw
 * coverage fixture, which has gaps: Arlit and Séguédine start on 2016-02-01, Séguédine is silent through 2016 and
 * Arlit in March 2017 (see tests/components/coverage-band.test.tsx for the same fixture on the time strip).
 */
import { act, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CoverageNote } from '../../src/client/components/CoverageNote';
import { HeadlineCards } from '../../src/client/features/cards/HeadlineCards';
import { setLanguage } from '../../src/client/i18n/i18n';
import { useFilters, useSelection } from '../../src/client/state/filters';
import { renderWithClient } from './render';

afterEach(() => setLanguage('en'));

const text = (id: string) => screen.getByTestId(id).textContent!.replace(/\s/g, ' ');
const settled = (id: string) => waitFor(() => expect(screen.getByTestId(id).getAttribute('data-monitoring')).not.toBe('pending'));

describe('coverage note', () => {
  it('every point, March 2017 (Arlit silent): partly monitored, with the share and the data-as-of date', async () => {
    useFilters.getState().setPeriod('2017-03-01', '2017-03-31');
    renderWithClient(<CoverageNote of={{ all: true }} />);
    await settled('coverage-note');
    expect(screen.getByTestId('coverage-note')).toHaveAttribute('data-monitoring', 'partly');
    expect(text('coverage-note')).toBe('Data as of Dec 31, 2019 · partly monitored: counting 50% of weeks');
    await act(() => setLanguage('fr'));
    expect(text('coverage-note')).toMatch(/^Données au 31 déc\. 2019 · suivi partiel : comptage 50 % des semaines$/);
  });

  it('a route whose only counting point was silent: 0 % of weeks counted, never "0 people"; all counted: 100 %', async () => {
    useFilters.getState().setPeriod('2016-03-01', '2016-03-31');
    const { unmount } = renderWithClient(<CoverageNote of={{ route: 'R5' }} />);
    await settled('coverage-note');
    expect(text('coverage-note')).toBe('Data as of Dec 31, 2019 · partly monitored: counting 0% of weeks');
    unmount();
    useFilters.getState().setPeriod('2017-05-01', '2017-05-31');
    renderWithClient(<CoverageNote of={{ all: true }} />);
    await settled('coverage-note');
    expect(text('coverage-note')).toBe('Data as of Dec 31, 2019 · counting 100% of weeks');
  });

  it('before any point was active, and a region without any point: not monitored, not 0 %', async () => {
    useFilters.getState().setPeriod('2015-06-01', '2015-06-30');
    const { unmount } = renderWithClient(<CoverageNote of={{ all: true }} />);
    await settled('coverage-note');
    expect(screen.getByTestId('coverage-note')).toHaveAttribute('data-monitoring', 'none');
    expect(text('coverage-note')).toBe('Data as of Dec 31, 2019 · not monitored in this period');
    unmount();
    useFilters.getState().setPeriod('2017-03-01', '2017-03-31');
    renderWithClient(<CoverageNote of={{ region: 'NE999' }} />);
    await settled('coverage-note');
    expect(text('coverage-note')).toBe('Data as of Dec 31, 2019 · not monitored in this period');
  });

  it('assistance: the data-as-of date and what the line refers to, no share', async () => {
    renderWithClient(<CoverageNote of="assistance" />);
    await waitFor(() => expect(text('coverage-note')).toBe('Data as of Dec 31, 2019 · assistance records (not counted by monitoring points)'));
  });

  it('the headline cards of a route state it under their heading', async () => {
    useFilters.getState().setPeriod('2016-03-01', '2016-03-31');
    act(() => useSelection.getState().select({ type: 'route', id: 'R5' }));
    renderWithClient(<HeadlineCards />);
    await screen.findByTestId('cards-coverage');
    await settled('cards-coverage');
    expect(text('cards-coverage')).toMatch(/^Data as of Dec 31, 2019 · partly monitored: counting 0% of weeks$/);
  });
});
