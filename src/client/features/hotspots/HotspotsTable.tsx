/**
 * The ranked table of hotspot regions: the table alternative of the region choropleth. Every value is text
 * (change with a sign and an arrow, anomaly with an icon and words), never colour alone. Under disclosure control
 * (the answer's `disclosure`) counts read "≈12,000" (perturbed), "12,000†" (some cells withheld and left out) or
 * "withheld" (never a range such as "fewer than 10") and a change worked out from them is approximate ("≈+20%");
 * a region with no monitoring point reporting reads "not monitored", not 0.
 */
import type { DisclosureInfo, HotspotRegion, HotspotsResponse } from '../../../shared/api';
import { ApproxMark, Count } from '../../components/Count';
import { DICTIONARIES } from '../../lib/strings';
import { regionCount } from '../../lib/suppressed';
import { currentLang, formatters, hotspotsStrings, type HotspotsLang } from './strings';

export interface HotspotsTableProps {
  data: HotspotsResponse;
  selected: string | null;
  onSelect: (pcode: string) => void;
  /** Defaults to `<html lang>`. */
  lang?: HotspotsLang;
}

const TARGET = { minHeight: 24, minWidth: 24 } as const;

export function HotspotsTable({ data, selected, onSelect, lang = currentLang() }: HotspotsTableProps) {
  const s = hotspotsStrings[lang];
  const f = formatters(lang);
  return (
    <table className="overview__table hotspots-table" data-testid="hotspots-table">
      <caption>
        {s.caption(f.date(data.from), f.date(data.to))}
        {/* Its own line under the caption; the separator is for screen readers reading the caption as one sentence. */}
        <span className="visually-hidden">. </span>
        <span className="hotspots-previous">{s.previousPeriod(f.date(data.previousFrom), f.date(data.previousTo))}</span>
      </caption>
      <thead>
        <tr>
          <th scope="col" className="num">
            {s.rank}
          </th>
          <th scope="col">{s.region}</th>
          <th scope="col" className="num">
            {s.flows}
          </th>
          <th scope="col" className="num">
            {s.change}
          </th>
          <th scope="col" className="num">
            {s.assisted}
          </th>
          <th scope="col">{s.anomaly}</th>
        </tr>
      </thead>
      <tbody>
        {data.regions.map((r, i) => (
          <Row key={r.pcode} region={r} rank={i + 1} selected={r.pcode === selected} onSelect={onSelect} lang={lang} disclosure={data.disclosure} />
        ))}
      </tbody>
    </table>
  );
}

function Row({
  region: r,
  rank,
  selected,
  onSelect,
  lang,
  disclosure,
}: {
  region: HotspotRegion;
  rank: number;
  selected: boolean;
  onSelect: (pcode: string) => void;
  lang: HotspotsLang;
  disclosure: DisclosureInfo | undefined;
}) {
  const s = hotspotsStrings[lang];
  const f = formatters(lang);
  return (
    <tr
      data-testid="hotspots-row"
      data-pcode={r.pcode}
      data-selected={selected ? 'true' : undefined}
      className={selected ? 'hotspots-row is-selected' : 'hotspots-row'}
      onClick={() => onSelect(r.pcode)}
    >
      <td className="num">{rank}</td>
      <th scope="row">
        <button
          type="button"
          className="btn--row hotspots-select"
          style={TARGET}
          aria-pressed={selected}
          aria-label={s.selectRegion(r.name)}
          onClick={(e) => {
            e.stopPropagation();
            onSelect(r.pcode);
          }}
        >
          {r.name}
        </button>
      </th>
      <td className="num" data-testid="hotspots-flows">
        {r.monitored ? (
          <Count value={regionCount(r, 'flows', disclosure)} lang={lang} disclosure={disclosure} />
        ) : (
          <span className="hotspots-unmonitored" title={s.notMonitoredTitle}>
            {s.notMonitored}
          </span>
        )}
      </td>
      <td className="num" data-testid="hotspots-change">
        <Change
          change={r.change}
          lang={lang}
          approximate={disclosure !== undefined}
          none={r.monitored ? undefined : { text: s.notMonitored, title: s.notMonitoredTitle }}
        />
      </td>
      <td className="num" data-testid="hotspots-assisted">
        <Count value={regionCount(r, 'assisted', disclosure)} lang={lang} disclosure={disclosure} />
      </td>
      <td data-testid="hotspots-anomaly">
        {r.anomaly.flag && r.anomaly.score !== null && r.anomaly.score !== 0 ? (
          <span className={r.anomaly.score > 0 ? 'hotspots-anomaly is-rise' : 'hotspots-anomaly is-fall'} title={s.score(f.score(r.anomaly.score))}>
            <span aria-hidden="true">⚠ </span>
            {r.anomaly.score > 0 ? s.unusualRise : s.unusualFall}
          </span>
        ) : r.anomaly.score === null ? (
          <span className="hotspots-anomaly is-none">
            —<span className="visually-hidden"> {s.noScore}</span>
          </span>
        ) : (
          <span className="hotspots-anomaly is-none">{s.noAnomaly}</span>
        )}
      </td>
    </tr>
  );
}

/** `none`: why there is no change, when it is not the lack of previous flows; `approximate`: from perturbed counts. */
function Change({
  change,
  lang,
  none,
  approximate = false,
}: {
  change: number | null;
  lang: HotspotsLang;
  none?: { text: string; title: string } | undefined;
  approximate?: boolean;
}) {
  const s = hotspotsStrings[lang];
  if (change === null) {
    const why = none ?? { text: s.noChange, title: s.noChange };
    return (
      <span className="hotspots-change is-none" title={why.title}>
        —<span className="visually-hidden"> {why.text}</span>
      </span>
    );
  }
  const dir = change > 0 ? 'rise' : change < 0 ? 'fall' : 'steady';
  const arrow = dir === 'rise' ? '▲' : dir === 'fall' ? '▼' : '▶';
  return (
    <span className={`hotspots-change is-${dir}`}>
      <span aria-hidden="true">{arrow} </span>
      {approximate ? <ApproxMark lang={lang} label={DICTIONARIES[lang].protection.approximateLabel} /> : null}
      {formatters(lang).change(change)}
      <span className="visually-hidden"> ({s[dir]})</span>
    </span>
  );
}
