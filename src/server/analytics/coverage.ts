/**
 * Coverage: which flow monitoring points were counting, in which weeks. Pure: the route (routes/coverage.ts) gathers
 * the places, the routes and the weeks each point reported (analytics/coverage-data.ts), this module decides.
 *
 * - A point is **active** in a week when the week (Monday…Sunday) overlaps its active dates (activeFrom…activeTo, either
 *   open). Outside them it is **not monitored**: neither covered nor a gap, never a zero.
 * - An active week **reported** when the point has at least one observation row dated in it, whatever its count (a row
 *   counting 0 people is a report of zero). An active week without any row is a **reporting gap**.
 * - A week belongs to the period, and to the month, its Monday falls in (the data's weekly rows are dated on Mondays).
 * - A share is reported ÷ active over point-weeks (point-months in `months` mode): of a point, of a route (its
 *   monitoring points), of a region (its points), of everything.
 */
import type { CoverageResponse, CoverageShare } from '../../shared/api-coverage';
import { addDays, monthStart, monthStarts, weekStarts, type Period } from '../../shared/calendar';

export type CoverageUnit = CoverageResponse['unit'];
export type CoverageReporting = CoverageResponse['reporting'];

export const COVERAGE_METHOD =
  'A monitoring point is active in a week (Monday to Sunday) that overlaps its active dates, and reported that week when ' +
  'at least one observation row is dated in it (a row of 0 people included); an active week without any row is a reporting ' +
  'gap, a week outside the active dates is not monitored. Shares are reported ÷ active point-weeks (point-months when ' +
  '`reporting` is months); a week belongs to the month its Monday falls in.';

/** Most Mondays a calendar month holds: the most weeks a month's share can count. */
export const MAX_WEEKS_IN_MONTH = 5;

/**
 * What outside roles are told of reporting, given the disclosure parameters (docs/disclosure.md, "Coverage"). If every
 * row counts at least one person, w reported weeks in a month say the month's point cell is at least w: a withheld
 * cell (1…k−1) is then w…k−1, pinned when w = k−1, so weekly shares only while k−1 exceeds the most weeks in a month;
 * and a reported month whose cell was published 0 is k…k+D−1 (not a true 0), pinned when D = 1, so then the active
 * dates only.
 */
export function outsideReporting(disclosure: { k: number; maxNoise: number }): CoverageReporting {
  if (disclosure.maxNoise === 1) return 'span';
  if (disclosure.k - 1 <= MAX_WEEKS_IN_MONTH) return 'months';
  return 'weeks';
}

export interface CoveragePointInput {
  id: string;
  name: string;
  region: string | null;
  routes: string[];
  activeFrom: string | null;
  activeTo: string | null;
}

export interface CoverageInput {
  /** The period, already clamped to the data's extent. */
  period: Period;
  unit: CoverageUnit;
  reporting: CoverageReporting;
  points: CoveragePointInput[];
  /** Point id → ISO Mondays of the weeks with at least one observation row. */
  reported: ReadonlyMap<string, ReadonlySet<string>>;
  routes: Array<{ id: string; monitoredBy: string[] }>;
  regions: Array<{ pcode: string; name: string }>;
}

export type CoverageBody = Omit<CoverageResponse, 'dataAsOf' | 'dataVersion' | 'method'>;

/** Whether a week starting `monday` overlaps the active dates. */
export function activeInWeek(monday: string, p: { activeFrom: string | null; activeTo: string | null }): boolean {
  return (p.activeTo === null || monday <= p.activeTo) && (p.activeFrom === null || addDays(monday, 6) >= p.activeFrom);
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

export function shareOf(active: number, reported: number): CoverageShare {
  return { share: active === 0 ? null : round3(reported / active), active, reported };
}

function sum(shares: CoverageShare[]): CoverageShare {
  let active = 0;
  let reported = 0;
  for (const s of shares) {
    active += s.active;
    reported += s.reported;
  }
  return shareOf(active, reported);
}

/** The coverage answer for one period (see the module comment for the rules). */
export function computeCoverage(input: CoverageInput): CoverageBody {
  const { period, unit, reporting } = input;
  const weeks = weekStarts(period);
  const steps = unit === 'week' ? weeks : monthStarts(period);
  const stepIndex = new Map(steps.map((s, i) => [s, i]));
  const stepOf = (monday: string) => stepIndex.get(unit === 'week' ? monday : monthStart(monday))!;

  const points = input.points.map((p) => {
    const got = input.reported.get(p.id) ?? new Set<string>();
    const activeWeeks = new Array<number>(steps.length).fill(0);
    const reportedWeeks = new Array<number>(steps.length).fill(0);
    for (const w of weeks) {
      if (!activeInWeek(w, p)) continue;
      const i = stepOf(w);
      activeWeeks[i]! += 1;
      if (reporting === 'span' || got.has(w)) reportedWeeks[i]! += 1;
    }
    let series: Array<number | null>;
    let period: CoverageShare;
    if (reporting === 'weeks') {
      series = activeWeeks.map((a, i) => (a === 0 ? null : round3(reportedWeeks[i]! / a)));
      period = shareOf(
        activeWeeks.reduce((a, b) => a + b, 0),
        reportedWeeks.reduce((a, b) => a + b, 0),
      );
    } else {
      // A step (a month for outside roles) reported when any of its active weeks did.
      series = activeWeeks.map((a, i) => (a === 0 ? null : reportedWeeks[i]! > 0 ? 1 : 0));
      const active = series.filter((v) => v !== null);
      period = shareOf(active.length, active.filter((v) => v === 1).length);
    }
    return { ...p, series, period };
  });

  const byId = new Map(points.map((p) => [p.id, p]));
  const routes = input.routes.map((r) => {
    const mine = r.monitoredBy.filter((id) => byId.has(id));
    return { id: r.id, points: mine, ...sum(mine.map((id) => byId.get(id)!.period)) };
  });
  const regions = input.regions.map((g) => ({ pcode: g.pcode, name: g.name, ...sum(points.filter((p) => p.region === g.pcode).map((p) => p.period)) }));
  return { from: period.from, to: period.to, unit, reporting, steps, points, routes, regions, total: sum(points.map((p) => p.period)) };
}
