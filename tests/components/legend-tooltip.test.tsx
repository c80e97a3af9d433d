/** Legend lists every encoding; the tooltip renders data as text, never as HTML. */
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { PLACE_KINDS } from '../../src/shared/enums';
import { Legend } from '../../src/client/map/Legend';
import { Tooltip } from '../../src/client/map/Tooltip';
import { describePlace } from '../../src/client/map/describe-features';
import { placeProps } from '../unit/place-fixture';
import { common as t } from '../../src/client/i18n/common.en';
import { common as fr } from '../../src/client/i18n/common.fr';
import { setLanguage } from '../../src/client/i18n/i18n';
import { useView } from '../../src/client/state/view';

afterEach(() => {
  useView.setState({ legendOpen: null });
  return setLanguage('en');
});

describe('legend', () => {
  it('lists every place kind, the inactive point, route widths with numbers, direction and not-monitored', () => {
    render(<Legend maxFlow={160_000} maxAssisted={9_585} direction={null} />);
    const legend = screen.getByTestId('legend');
    const kinds = within(legend).getAllByTestId('legend-kind');
    expect(kinds.map((k) => k.getAttribute('data-kind'))).toEqual([...PLACE_KINDS]);
    for (const kind of PLACE_KINDS) expect(within(legend).getByText(t.placeKind[kind])).toBeInTheDocument();
    expect(within(legend).getByTestId('legend-inactive')).toHaveTextContent('not active');
    expect(
      within(legend)
        .getAllByTestId('legend-route-width')
        .map((li) => li.textContent),
    ).toEqual(['160,000', '40,000', '10,000']);
    expect(within(legend).getByTestId('legend-not-monitored')).toHaveTextContent('not monitored');
    expect(within(legend).getByTestId('legend-direction')).toHaveTextContent('Both directions');
    expect(
      within(legend)
        .getAllByTestId('legend-centre-size')
        .map((li) => li.textContent),
    ).toEqual(['9,500', '2,300', '590']);
    expect(within(legend).getByTestId('legend-centre-empty')).toHaveTextContent('nobody assisted');
  });

  it('route width swatches get wider with the number', () => {
    render(<Legend maxFlow={160_000} maxAssisted={100} direction="incoming" />);
    const widths = screen.getAllByTestId('legend-route-width').map((li) => Number(li.querySelector('line')!.getAttribute('stroke-width')));
    expect(widths[0]).toBeGreaterThan(widths[1]!);
    expect(widths[1]).toBeGreaterThan(widths[2]!);
    expect(screen.getByTestId('legend-direction')).toHaveTextContent('Incoming');
  });

  it('can be folded away and back', async () => {
    render(<Legend maxFlow={10} maxAssisted={10} direction={null} />);
    const button = screen.getByRole('button', { name: t.legend.hide });
    expect(button).toHaveAttribute('aria-expanded', 'true');
    await userEvent.click(button);
    expect(screen.getByRole('button', { name: t.legend.show })).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByText(t.placeKind.office)).not.toBeVisible();
  });

  it('keeps the folded state in the view store: a legend made again (another view, a sign-in) stays folded', async () => {
    const { unmount } = render(<Legend maxFlow={10} maxAssisted={10} direction={null} />);
    await userEvent.click(screen.getByTestId('legend-toggle'));
    expect(useView.getState().legendOpen).toBe(false);
    unmount();
    render(<Legend view="donor" maxFlow={10} maxAssisted={10} direction={null} />);
    expect(screen.getByTestId('legend')).toHaveAttribute('data-open', 'false');
    expect(screen.getByTestId('legend-toggle')).toHaveAttribute('aria-expanded', 'false');
  });

  it('with both directions drawn side by side: both lanes listed, and how to read them', () => {
    render(<Legend maxFlow={10} maxAssisted={10} direction={null} splitDirections />);
    const legend = screen.getByTestId('legend');
    expect(
      within(legend)
        .getAllByTestId('legend-direction')
        .map((li) => li.getAttribute('data-direction')),
    ).toEqual(['incoming', 'outgoing']);
    expect(within(legend).getByTestId('legend-both-sides')).toBeInTheDocument();
  });

  it('switches to French with the interface language, without being rendered again by its parent', async () => {
    render(<Legend maxFlow={160_000} maxAssisted={9_585} direction={null} />);
    const legend = screen.getByTestId('legend');
    expect(within(legend).getByRole('heading', { name: 'Legend' })).toBeInTheDocument();
    await act(() => setLanguage('fr'));
    expect(within(legend).getByRole('heading', { name: 'Légende' })).toBeInTheDocument();
    for (const kind of PLACE_KINDS) expect(within(legend).getByText(fr.placeKind[kind])).toBeInTheDocument();
    expect(within(legend).getByTestId('legend-direction')).toHaveTextContent('Les deux sens');
    expect(within(legend).getByTestId('legend-centre-empty')).toHaveTextContent('aucune personne assistée');
    // Numbers in French too (a narrow no-break space groups the thousands).
    expect(
      within(legend)
        .getAllByTestId('legend-route-width')
        .map((li) => li.textContent?.replace(/\s/g, ' ')),
    ).toEqual(['160 000', '40 000', '10 000']);
    expect(screen.getByRole('button', { name: fr.legend.hide })).toBeInTheDocument();
    await act(() => setLanguage('en'));
    expect(within(legend).getByRole('heading', { name: 'Legend' })).toBeInTheDocument();
  });
});

describe('tooltip', () => {
  it("lists a route's in, out and net as text rows", () => {
    render(
      <Tooltip
        title="R4"
        kind="c"
        detail="1,200 people observed"
        rows={[
          { key: 'incoming', label: 'In', value: '900' },
          { key: 'outgoing', label: 'Out', value: '300' },
          { key: 'net', label: 'Net (in − out)', value: '+600' },
        ]}
        x={0}
        y={0}
      />,
    );
    expect(screen.getByTestId('map-tooltip-incoming')).toHaveTextContent('In900');
    expect(screen.getByTestId('map-tooltip-net')).toHaveTextContent('Net (in − out)+600');
  });

  const evil = '<img src=x onerror=alert(1)>';

  it('renders a hostile place name as text', () => {
    const d = describePlace(placeProps({ id: 'x-fmp', name: evil, kind: 'monitoring_point', source: evil }), { flow: 12_345, active: true });
    const { container } = render(<Tooltip {...d} x={10} y={20} />);
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByRole('tooltip')).toHaveTextContent(evil);
    expect(screen.getByText(evil)).toBeInTheDocument();
    expect(screen.getByRole('tooltip')).toHaveTextContent('12,345 people observed');
  });

  it('flips to the left near the right edge', () => {
    render(<Tooltip title="Arlit (FMP)" kind="Flow monitoring point" detail={null} x={790} y={20} containerWidth={800} />);
    expect(screen.getByRole('tooltip').style.transform).toContain('-100%');
  });
});
