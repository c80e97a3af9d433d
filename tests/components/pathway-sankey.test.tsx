/**
 * The pathway's Sankey-style SVG (features/pathway/PathwaySankey.tsx) on hand-made months: heights follow the counts,
 * a month nobody counted and a withheld count are hatched and labelled (never drawn or written as 0), perturbed values
 * keep their "≈", and French has no English words.
 */
import { render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { PathwayMonth, PathwayRoute } from '../../src/shared/api-pathway';
import { PathwaySankey } from '../../src/client/features/pathway/PathwaySankey';
import { setLanguage } from '../../src/client/i18n/i18n';

afterEach(async () => {
  await setLanguage('en');
});

const route: PathwayRoute = {
  id: 'RX',
  name: 'Test corridor',
  points: ['pt-a'],
  centres: [
    { id: 'c1', name: 'First centre', step: 1, reasoning: 'first on the road' },
    { id: 'c2', name: 'Second centre', step: 2, reasoning: 'further on' },
  ],
  unserved: null,
  months: [],
};

const month = (over: Partial<PathwayMonth>): PathwayMonth => ({
  month: '2017-03-01',
  monitoring: 'monitored',
  coverage: 1,
  observed: { count: 400 },
  centres: [
    { centre: 'c1', assisted: { count: 100 }, services: [], returns: { count: 40 }, destinations: [] },
    { centre: 'c2', assisted: { count: 200 }, services: [], returns: { count: 20 }, destinations: [] },
  ],
  reach: { ratio: 0.25, withheld: false },
  ...over,
});

const node = (key: string) => screen.getByTestId(`pathway-node-${key}`);
const height = (key: string) => Number(node(key).querySelector('rect')!.getAttribute('height'));
const hatched = (key: string) => node(key).querySelector('rect')!.getAttribute('fill') === 'url(#pathway-hatch)';

describe('pathway Sankey', () => {
  it('draws each count against the month’s largest, in step order, with its value', () => {
    render(<PathwaySankey route={route} m={month({})} />);
    expect(screen.getByTestId('pathway-sankey').getAttribute('aria-label')).toBe('Pathway diagram');
    expect(height('observed') / height('a-c2')).toBeCloseTo(2, 5);
    expect(height('a-c2') / height('a-c1')).toBeCloseTo(2, 5);
    expect(Number(node('a-c1').querySelector('rect')!.getAttribute('y'))).toBeLessThan(Number(node('a-c2').querySelector('rect')!.getAttribute('y')));
    expect(within(node('observed')).getByText('400')).toBeTruthy();
    expect(within(node('r-c1')).getByText('40')).toBeTruthy();
    expect(hatched('observed')).toBe(false);
  });

  it('a month nobody counted is hatched and says “not monitored”, never 0; withheld stays withheld; ≈ is kept', () => {
    const m = month({
      monitoring: 'not_monitored',
      coverage: null,
      observed: { count: null },
      reach: { ratio: null, withheld: false },
      centres: [
        { centre: 'c1', assisted: { count: null, suppressed: true }, services: [], returns: { count: 52, perturbed: true }, destinations: null },
        { centre: 'c2', assisted: { count: 0 }, services: [], returns: { count: 0 }, destinations: null },
      ],
    });
    render(<PathwaySankey route={route} m={m} />);
    expect(hatched('observed')).toBe(true);
    expect(node('observed').textContent).toContain('not monitored');
    expect(node('observed').textContent).not.toMatch(/\d/);
    expect(hatched('a-c1')).toBe(true);
    expect(node('a-c1').textContent).toContain('withheld');
    expect(node('r-c1').textContent).toContain('≈52');
    // A real 0 (people counted, none assisted) is a 0, not hatched.
    expect(hatched('a-c2')).toBe(false);
    expect(node('a-c2').textContent).toContain('0');
  });

  it('in French', async () => {
    await setLanguage('fr');
    render(<PathwaySankey route={route} m={month({ monitoring: 'not_monitored', coverage: null, observed: { count: null } })} />);
    const text = screen.getByTestId('pathway-sankey').textContent!;
    expect(text).not.toMatch(/Observed|Returns|not monitored/);
    expect(screen.getByTestId('pathway-sankey').getAttribute('aria-label')).not.toBe('Pathway diagram');
  });
});
