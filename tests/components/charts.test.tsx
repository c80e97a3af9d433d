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
          { key: 'incoming', label: 'Incoming', colour: '#0d8a7e', points: [{ date: '2016-02-01', value: 833 }, { date: '2016-02-08', value: 1625 }] },
          { key: 'outgoing', label: 'Outgoing', colour: '#d1492e', points: [{ date: '2016-02-01', value: 1676 }, { date: '2016-02-08', value: null }] },
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
    expect(cells(2)).toEqual(['2016-02-08', '1,625', '<10']);
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
    expect(within(table).getAllByRole('rowheader').map((r) => r.textContent)).toEqual(['B', 'C', 'Other']);
    expect(within(table).getByText('66%')).toBeInTheDocument();
  });

  it('keeps a given order, shows withheld counts as <10', () => {
    render(<Bars title="By sex" bars={[{ key: 'x', label: 'X', value: null }, { key: 'y', label: 'Y', value: 3 }]} sort={false} shares={false} testId="b" />);
    const headers = within(screen.getByTestId('b')).getAllByRole('rowheader').map((r) => r.textContent);
    expect(headers).toEqual(['X', 'Y']);
    expect(screen.getByTitle(/Withheld/i)).toHaveTextContent('<10');
  });
});
