/**
 * The month's pathway as a Sankey-style SVG: observed incoming (left) → people assisted at each centre serving the
 * corridor, in step order (middle) → assisted voluntary returns from that centre (right). Node heights are the counts
 * against the month's largest; bands are as wide as the node they lead to. It is a picture of three counts side by side,
 * not of people followed (the method says so): nothing is added or split here. Withheld counts and a month nobody
 * counted are drawn hatched and labelled, never as 0. Numbers are the API's, with their marks (≈, †); the table is the
 * accessible alternative, so the SVG is one labelled image.
 */
import type { PathwayCount, PathwayMonth, PathwayRoute } from '../../../shared/api-pathway';
import { displayCount } from '../../lib/suppressed';
import { useLanguage, useTranslation } from '../../i18n/i18n';
import './i18n';

const W = 340;
const NODE = 14;
const GAP = 26;
const TOP = 18;
const COLOURS = { observed: '#2166ac', assisted: '#e08214', returns: '#8073ac' } as const;

const valueOf = (c: PathwayCount) => c.count ?? 0;

interface Node {
  key: string;
  x: number;
  y: number;
  h: number;
  kind: keyof typeof COLOURS;
  empty: boolean;
  label: string;
  value: string;
}

/** A band from the right edge of `a` to the left edge of `b`, `h` high, leaving `a` at `ay`. */
function band(a: Node, ay: number, b: Node, h: number): string {
  const x0 = a.x + NODE;
  const x1 = b.x;
  const mx = (x0 + x1) / 2;
  return `M${x0},${ay} C${mx},${ay} ${mx},${b.y} ${x1},${b.y} L${x1},${b.y + h} C${mx},${b.y + h} ${mx},${ay + h} ${x0},${ay + h} Z`;
}

export function PathwaySankey({ route, m }: { route: PathwayRoute; m: PathwayMonth }) {
  const { t } = useTranslation('pathway');
  const lang = useLanguage();
  const notMonitored = m.monitoring === 'not_monitored';
  const counts = [notMonitored ? 0 : valueOf(m.observed), ...m.centres.flatMap((c) => [valueOf(c.assisted), valueOf(c.returns)])];
  const max = Math.max(1, ...counts);
  const rows = Math.max(1, m.centres.length);
  const span = Math.max(60, rows * 70);
  const height = (c: PathwayCount, empty: boolean) => (empty ? 24 : Math.max(6, (valueOf(c) / max) * span));
  const names = new Map(route.centres.map((c) => [c.id, c.name]));
  const x = [0, 118, 250];

  const obsEmpty = notMonitored || m.observed.count === null;
  const observed: Node = {
    key: 'observed',
    x: x[0]!,
    y: TOP,
    h: height(m.observed, obsEmpty),
    kind: 'observed',
    empty: obsEmpty,
    label: t('observed'),
    value: notMonitored ? t('notMonitored') : displayCount(m.observed, lang),
  };
  let y = TOP;
  const pairs: { assisted: Node; returns: Node }[] = [];
  for (const c of m.centres) {
    const aEmpty = c.assisted.count === null;
    const rEmpty = c.returns.count === null;
    const name = names.get(c.centre) ?? c.centre;
    const assisted: Node = {
      key: `a-${c.centre}`,
      x: x[1]!,
      y,
      h: height(c.assisted, aEmpty),
      kind: 'assisted',
      empty: aEmpty,
      label: name,
      value: displayCount(c.assisted, lang),
    };
    const returns: Node = {
      key: `r-${c.centre}`,
      x: x[2]!,
      y,
      h: height(c.returns, rEmpty),
      kind: 'returns',
      empty: rEmpty,
      label: t('returnsShort'),
      value: displayCount(c.returns, lang),
    };
    y += Math.max(assisted.h, returns.h) + GAP;
    pairs.push({ assisted, returns });
  }
  const total = Math.max(y, observed.y + observed.h + GAP) + 4;
  // Bands leave the observed node stacked in step order (clipped to its height: a picture, not a flow of the same people).
  let oy = observed.y;
  const bands: { d: string; kind: Node['kind']; key: string }[] = [];
  for (const p of pairs) {
    if (!observed.empty && !p.assisted.empty) {
      const h = Math.min(p.assisted.h, observed.y + observed.h - oy);
      if (h > 0) bands.push({ d: band(observed, oy, p.assisted, h), kind: 'observed', key: `o-${p.assisted.key}` });
      oy += Math.max(0, h);
    }
    if (!p.assisted.empty && !p.returns.empty) {
      bands.push({ d: band(p.assisted, p.assisted.y, p.returns, Math.min(p.returns.h, p.assisted.h)), kind: 'assisted', key: `b-${p.returns.key}` });
    }
  }
  const nodes = [observed, ...pairs.flatMap((p) => [p.assisted, p.returns])];
  return (
    <svg className="pathway__sankey" viewBox={`0 0 ${W} ${total}`} width="100%" role="img" aria-label={t('chain')} data-testid="pathway-sankey">
      <defs>
        <pattern id="pathway-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" fill="#f4f5f7" />
          <line x1="0" y1="0" x2="0" y2="6" stroke="#9aa0aa" strokeWidth="2" />
        </pattern>
      </defs>
      {bands.map((b) => (
        <path key={b.key} d={b.d} fill={COLOURS[b.kind]} fillOpacity={0.22} />
      ))}
      {nodes.map((n) => (
        <g key={n.key} data-testid={`pathway-node-${n.key}`}>
          <rect
            x={n.x}
            y={n.y}
            width={NODE}
            height={n.h}
            fill={n.empty ? 'url(#pathway-hatch)' : COLOURS[n.kind]}
            stroke={n.empty ? '#9aa0aa' : 'none'}
            strokeDasharray={n.empty ? '3 2' : undefined}
          />
          <text x={n.x + NODE + 4} y={n.y + 10} fontSize="9" fontWeight={600}>
            {n.label.length > 22 ? `${n.label.slice(0, 21)}…` : n.label}
          </text>
          <text x={n.x + NODE + 4} y={n.y + 22} fontSize="9" fontStyle={n.empty ? 'italic' : undefined}>
            {n.value}
          </text>
        </g>
      ))}
    </svg>
  );
}
