/**
 * Headline cards for the current selection (a monitoring point, a route, a transit centre) or the whole view, for the
 * period and filters of the bar: people counted, % minors, % women and girls, top nationalities, change against the
 * previous equal period (the shared calendar's `previousPeriod`). Each card says how it is counted. Figures are the
 * API's answers as they come (flows or assistance, grouped by age group, sex and nationality): for outside roles the
 * published counts with their marks (≈, †, withheld), and a share of a withheld count is withheld, one of perturbed
 * counts approximate — never worked out exactly. Loaded after the first map (lazy chunk).
 */
import type { ReactNode } from 'react';
import type { AggregateResponse } from '../../../shared/api';
import { previousPeriod } from '../../../shared/calendar';
import { PEOPLE_ASSISTED_SERVICE, type AgeGroup, type Direction, type Sex } from '../../../shared/enums';
import { useAssistance, useFlows, useMeta, usePlaces, useRoutes } from '../../api/queries';
import { fitPanelQuery } from '../../api/panel-query';
import { ASSISTANCE_TAKES, FLOWS_TAKE, useViewFilters } from '../../api/view-filters';
import { ApproxMark, Count } from '../../components/Count';
import { CoverageNote, type CoverageOf } from '../../components/CoverageNote';
import { BreakdownNote } from '../../components/panel/common';
import { countryNames } from '../../i18n/dataset-text';
import { formatChange, formatDate, formatPercent } from '../../i18n/format';
import { useLanguage, useTranslation } from '../../i18n/i18n';
import { displayCount, totalOf } from '../../lib/suppressed';
import { useSelection, type SelectionRef } from '../../state/filters';
import { useView } from '../../state/view';
import { changeOf, rowCount, shareInAnswer, topRows, type Figure } from './shares';
import './i18n';
import './cards.css';

type Source =
  { endpoint: 'flows'; base: Record<string, unknown>; name: string | null } | { endpoint: 'assistance'; base: Record<string, unknown>; name: string | null };

/** What the cards are about: the selection (when it has counts of people) or the whole view; null for nothing. */
function useSource(selected: SelectionRef | null): Source | null {
  const view = useView((s) => s.view);
  const places = usePlaces();
  const routes = useRoutes();
  if (selected?.type === 'place') {
    const p = places.data?.features.find((f) => f.properties.id === selected.id)?.properties;
    if (p?.kind === 'monitoring_point') return { endpoint: 'flows', base: { point: p.id }, name: p.name };
    if (p?.kind === 'transit_centre') return { endpoint: 'assistance', base: { centre: p.id, service: PEOPLE_ASSISTED_SERVICE }, name: p.name };
    return null;
  }
  if (selected?.type === 'route') {
    const r = routes.data?.features.find((f) => f.properties.id === selected.id)?.properties;
    return r && r.monitoredBy.length > 0 ? { endpoint: 'flows', base: { route: r.id }, name: `${r.id} ${r.name}` } : null;
  }
  if (selected?.type === 'region') return null;
  if (view === 'flows') return { endpoint: 'flows', base: {}, name: null };
  if (view === 'donor') return { endpoint: 'assistance', base: { service: PEOPLE_ASSISTED_SERVICE }, name: null };
  return null;
}

/** Whose counting the cards' figures rest on: the selected point's, the route's points', every point's; assistance has none. */
function coverageOf(source: Source): CoverageOf {
  if (source.endpoint === 'assistance') return 'assistance';
  if (typeof source.base['point'] === 'string') return { point: source.base['point'] };
  if (typeof source.base['route'] === 'string') return { route: source.base['route'] };
  return { all: true };
}

export function HeadlineCards() {
  const selected = useSelection((s) => s.selected);
  const source = useSource(selected);
  if (!source) return null;
  return <Cards key={`${source.endpoint}:${JSON.stringify(source.base)}`} source={source} />;
}

function Cards({ source }: { source: Source }) {
  const { t } = useTranslation('cards');
  const { t: tc } = useTranslation();
  const lang = useLanguage();
  const meta = useMeta();
  const { applied, access, role } = useViewFilters();
  const takes = source.endpoint === 'flows' ? FLOWS_TAKE : ASSISTANCE_TAKES;
  const ask = (groupBy?: string[], period?: { from: string; to: string }) => {
    const q = fitPanelQuery<Record<string, unknown>>(access, source.endpoint, groupBy ? { ...source.base, groupBy } : source.base, takes, applied);
    return period ? { ...q, params: { ...q.params, ...period } } : q;
  };
  const prev = applied.from && applied.to ? previousPeriod({ from: applied.from, to: applied.to }) : null;
  const prevInData = prev !== null && !!meta.data && prev.from >= meta.data.dateRange.min;
  const plan = { total: ask(), byAge: ask(['ageGroup']), bySex: ask(['sex']), byNat: ask(['nationality']), prev: ask(undefined, prev ?? undefined) };
  const useAnswer = (k: keyof typeof plan, on = true) => {
    const flows = useFlows(plan[k].params, { enabled: source.endpoint === 'flows' && plan[k].allowed && on });
    const assistance = useAssistance(plan[k].params, { enabled: source.endpoint === 'assistance' && plan[k].allowed && on });
    return source.endpoint === 'flows' ? flows : assistance;
  };
  const total = useAnswer('total');
  const byAge = useAnswer('byAge');
  const bySex = useAnswer('bySex');
  const byNat = useAnswer('byNat');
  const before = useAnswer('prev', prevInData);
  const natName = countryNames(meta.data, lang);
  const disclosure = total.data?.disclosure;
  const locked = (k: keyof typeof plan) => <BreakdownNote plan={plan[k]} role={role} testId="card-note" />;

  const filters = plan.total.params;
  const filterWords = [
    filters['direction'] ? tc(`direction.${filters['direction'] as Direction}`) : null,
    filters['nationality'] ? (natName.get(String(filters['nationality'])) ?? String(filters['nationality'])) : null,
    filters['sex'] ? tc(`sex.${filters['sex'] as Sex}`) : null,
    filters['ageGroup'] ? tc(`ageGroup.${filters['ageGroup'] as AgeGroup}`) : null,
  ].filter((w): w is string => !!w);

  const partOf = (res: AggregateResponse | undefined, dim: string, value: string) => ({
    count: displayCount(rowCount(res, dim, value) ?? (res ? 0 : undefined), lang),
    total: displayCount(totalOf(res), lang),
  });

  return (
    <section className="cards" aria-labelledby="cards-title" data-testid="headline-cards">
      <header className="cards__header">
        <h2 id="cards-title" className="cards__title">
          {t('title')}
        </h2>
        <p className="cards__context" data-testid="cards-context">
          <strong>{source.name ?? (source.endpoint === 'flows' ? t('whole') : t('wholeCentres'))}</strong>
          {applied.from && applied.to ? <> · {t('period', { from: formatDate(applied.from, lang), to: formatDate(applied.to, lang) })}</> : null}
          {filterWords.length > 0 ? <> · {t('filters', { filters: filterWords.join(', ') })}</> : null}
        </p>
        <CoverageNote of={coverageOf(source)} testId="cards-coverage" />
      </header>
      <div className="cards__grid">
        <Card label={source.endpoint === 'flows' ? t('total') : t('totalAssisted')} testId="card-total">
          <div className="card__value">{total.data ? <Count value={totalOf(total.data)} disclosure={disclosure} /> : '…'}</div>
          <p className="card__how">{source.endpoint === 'flows' ? t('totalHow') : t('totalHowAssisted')}</p>
        </Card>
        <Card label={t('change')} testId="card-change">
          {plan.prev.allowed ? (
            <>
              <div className="card__value">
                <FigureText
                  figure={prevInData ? changeOf(totalOf(total.data), totalOf(before.data)) : { kind: 'none' }}
                  kind="change"
                  pending={prevInData && (!before.data || !total.data)}
                />
              </div>
              <p className="card__how">
                {prev && prevInData ? t('changeHow', { from: formatDate(prev.from, lang), to: formatDate(prev.to, lang) }) : t('changeNone')}
              </p>
            </>
          ) : (
            locked('prev')
          )}
        </Card>
        <Card label={t('minors')} testId="card-minors">
          {plan.byAge.allowed ? (
            <>
              <div className="card__value">
                <FigureText figure={shareInAnswer(byAge.data, 'ageGroup', 'minor')} kind="share" pending={!byAge.data} />
              </div>
              <p className="card__how">{t('minorsHow', partOf(byAge.data, 'ageGroup', 'minor'))}</p>
              <BreakdownNote plan={plan.byAge} role={role} testId="card-note" />
            </>
          ) : (
            locked('byAge')
          )}
        </Card>
        <Card label={t('women')} testId="card-women">
          {plan.bySex.allowed ? (
            <>
              <div className="card__value">
                <FigureText figure={shareInAnswer(bySex.data, 'sex', 'f')} kind="share" pending={!bySex.data} />
              </div>
              <p className="card__how">{t('womenHow', partOf(bySex.data, 'sex', 'f'))}</p>
              <BreakdownNote plan={plan.bySex} role={role} testId="card-note" />
            </>
          ) : (
            locked('bySex')
          )}
        </Card>
        <Card label={t('nationalities')} testId="card-nationalities">
          {plan.byNat.allowed ? (
            <>
              <ol className="card__list">
                {topRows(byNat.data, 'nationality', 3).map((r) => (
                  <li key={r.key} data-nationality={r.key}>
                    <span>{natName.get(r.key) ?? r.key}</span>{' '}
                    <span className="card__share">
                      <FigureText figure={r.share} kind="share" pending={false} />
                    </span>
                  </li>
                ))}
              </ol>
              <p className="card__how">{t('nationalitiesHow')}</p>
              <BreakdownNote plan={plan.byNat} role={role} testId="card-note" />
            </>
          ) : (
            locked('byNat')
          )}
        </Card>
      </div>
      {disclosure ? (
        <p className="muted cards__note" data-testid="cards-protected">
          {t('protectedNote')}
        </p>
      ) : null}
    </section>
  );
}

function Card({ label, testId, children }: { label: string; testId: string; children: ReactNode }) {
  return (
    <div className="card" data-testid={testId}>
      <h3 className="card__label">{label}</h3>
      {children}
    </div>
  );
}

/** A share or a change as the answers allow: "23 %", "≈23 %", "withheld" (with why), "—". */
function FigureText({ figure, kind, pending }: { figure: Figure; kind: 'share' | 'change'; pending: boolean }) {
  const { t } = useTranslation('cards');
  const { t: tc } = useTranslation();
  const lang = useLanguage();
  if (pending) return <span aria-busy="true">…</span>;
  if (figure.kind === 'withheld') {
    return (
      <span className="count count--withheld" data-withheld="true" title={t('withheldTitle')}>
        {t('withheld')}
      </span>
    );
  }
  if (figure.kind === 'none') return <span>—</span>;
  const text = kind === 'share' ? formatPercent(figure.value, lang) : formatChange(figure.value, lang);
  if (!figure.approximate) return <span>{text}</span>;
  return (
    <span className="count count--perturbed" data-perturbed="true">
      <ApproxMark lang={lang} label={tc('protection.approximateLabel')} />
      {text}
    </span>
  );
}
