/** Charts: accessible time series (title, description, table) and bar tables. */
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Bars, topBars } from '../../src/client/charts/Bars';
import { TimeSeries } from '../../src/client/charts/TimeSeries';

describe('TimeSeries', () => {
  it('has an accessible name and description and a table with every number', () => {
    render(
      <TimeSeries
        title="People observed per week"
        series={[
          {
            key: 'incoming',
            label: 'Incoming',
            colour: '#0d8a7e',
            points: [
              { date: '2016-02-01', value: 833 },
              { date: '2016-02-08', value: 1625 },
            ],
          },
          {
            key: 'outgoing',
            label: 'Outgoing',
            colour: '#d1492e',
            points: [
              { date: '2016-02-01', value: 1676 },
              { date: '2016-02-08', value: null },
            ],
          },
        ]}
        events={[{ date: '2016-02-05', label: 'Something happened' }]}
      />,
    );
    const img = screen.getByRole('img', { name: /People observed per week/ });
    expect(img.querySelector('desc')).toHaveTextContent('highest week 1,676');
    expect(img.querySelectorAll('path[stroke]').length).toBe(2);
    const table = screen.getByRole('table', { name: 'People observed per week (table)' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    const cells = (i: number) => [...rows[i]!.querySelectorAll('th, td')].map((c) => c.textContent);
    expect(cells(0)).toEqual(['Week starting', 'Incoming', 'Outgoing']);
    expect(cells(1)).toEqual(['2016-02-01', '833', '1,676']);
    expect(cells(2)).toEqual(['2016-02-08', '1,625', 'withheld']);
    // The withheld point is a gap with a marker on the baseline, and the chart says so.
    expect(img.querySelectorAll('[data-testid="chart-withheld"]')).toHaveLength(1);
    expect(screen.getByTestId('chart-note')).toHaveTextContent('Gap (○): 1 point withheld to protect individuals.');
    expect(img.querySelector('desc')).toHaveTextContent('1 point withheld');
  });

  it('marks a series of perturbed counts: "≈" in its table and a note under the chart', () => {
    render(
      <TimeSeries
        title="People assisted per month"
        stepLabel="Month"
        series={[
          {
            key: 'all',
            label: 'People assisted',
            colour: '#b0267a',
            points: [
              { date: '2019-01-01', value: 833, perturbed: true },
              { date: '2019-02-01', value: null },
              { date: '2019-03-01', value: 1625, perturbed: true, partial: true },
            ],
          },
        ]}
      />,
    );
    const table = screen.getByRole('table', { name: 'People assisted per month (table)' });
    const rows = within(table).getAllByRole('row');
    const cells = (i: number) => [...rows[i]!.querySelectorAll('th, td')].map((c) => c.textContent);
    expect(cells(1)).toEqual(['2019-01-01', '≈833']);
    expect(cells(2)).toEqual(['2019-02-01', 'withheld']);
    expect(cells(3)).toEqual(['2019-03-01', '≈1,625†']);
    expect(within(table).getAllByRole('img', { name: 'perturbed to protect individuals' })).toHaveLength(2);
    expect(within(table).getByRole('img', { name: 'some cells withheld' })).toBeInTheDocument();
    expect(screen.getByTestId('chart-note')).toHaveTextContent(/Counts perturbed to protect individuals\..*† Some points leave out withheld cells\..*Gap/);
    expect(screen.getByRole('img', { name: /People assisted per month/ }).querySelector('desc')).toHaveTextContent('≈1,625†');
  });

  it('says nothing about protection for exact counts', () => {
    render(<TimeSeries title="Exact" series={[{ key: 'a', label: 'A', colour: '#000', points: [{ date: '2016-02-01', value: 5 }] }]} />);
    expect(screen.queryByTestId('chart-note')).toBeNull();
    expect(screen.queryByRole('img', { name: 'perturbed to protect individuals' })).toBeNull();
  });

  it('says "No data" when there is nothing to draw', () => {
    render(<TimeSeries title="Empty" series={[]} />);
    expect(screen.getByText('No data')).toBeInTheDocument();
    expect(screen.queryByRole('img')).toBeNull();
  });
});

describe('Bars', () => {
  it('sorts largest first, keeps the top N and sums the rest into Other', () => {
    const bars = [
      { key: 'a', label: 'A', value: 5 },
      { key: 'b', label: 'B', value: 50 },
      { key: 'c', label: 'C', value: 20 },
      { key: 'd', label: 'D', value: 1 },
    ];
    expect(topBars(bars, 2).map((b) => [b.key, b.value])).toEqual([
      ['b', 50],
      ['c', 20],
      ['__other', 6],
    ]);
    render(<Bars title="By nationality" bars={bars} limit={2} testId="bars" />);
    const table = screen.getByTestId('bars');
    expect(
      within(table)
        .getAllByRole('rowheader')
        .map((r) => r.textContent),
    ).toEqual(['B', 'C', 'Other']);
    expect(within(table).getByText('66%')).toBeInTheDocument();
  });

  it('keeps a given order, shows withheld counts as "withheld" (no range)', () => {
    render(
      <Bars
        title="By sex"
        bars={[
          { key: 'x', label: 'X', value: null },
          { key: 'y', label: 'Y', value: 3 },
        ]}
        sort={false}
        shares={false}
        testId="b"
      />,
    );
    const headers = within(screen.getByTestId('b'))
      .getAllByRole('rowheader')
      .map((r) => r.textContent);
    expect(headers).toEqual(['X', 'Y']);
    expect(screen.getByTitle('Withheld to protect individuals: not published')).toHaveTextContent(/^withheld$/);
    expect(screen.getByTestId('b')).not.toHaveTextContent('<');
  });

  it('marks perturbed bars "≈" (an accessible label), partial ones "†", and an Other that leaves out withheld bars', () => {
    const bars = [
      { key: 'a', label: 'A', value: 500, perturbed: true },
      { key: 'b', label: 'B', value: 300, perturbed: true, partial: true },
      { key: 'c', label: 'C', value: 40, perturbed: true },
      { key: 'd', label: 'D', value: null },
    ];
    render(<Bars title="By nationality" bars={bars} limit={2} testId="bars" />);
    const table = screen.getByTestId('bars');
    const number = (key: string) => table.querySelector(`tr[data-key="${key}"] .bars__number`)!.textContent;
    expect(number('a')).toBe('≈500');
    expect(number('b')).toBe('≈300†');
    expect(number('__other')).toBe('≈40†');
    expect(within(table).getAllByRole('img', { name: 'perturbed to protect individuals' }).length).toBeGreaterThanOrEqual(3);
    expect(within(table).getAllByRole('img', { name: 'some cells withheld' })).toHaveLength(2);
    // Shares of perturbed counts are approximate too.
    expect(within(table).getAllByRole('img', { name: 'approximate: worked out from perturbed counts' })).toHaveLength(3);
    expect(table.querySelector('tr[data-key="a"] .bars__share')!.textContent).toMatch(/^≈\d+%$/);
  });

  it('exact bars carry no mark', () => {
    render(<Bars title="Exact" bars={[{ key: 'a', label: 'A', value: 500 }]} testId="bars" />);
    expect(screen.getByTestId('bars').querySelector('.bars__number')!.textContent).toBe('500');
    expect(screen.queryByRole('img', { name: /perturbed|approximate/ })).toBeNull();
  });
});
