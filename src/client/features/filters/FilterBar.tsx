/**
 * Filter bar: period (dates bounded by the data, year presets), direction, nationality, sex, age group. Only what the
 * current view applies for the role is offered (api/view-filters.ts): a filter it cannot apply is disabled with the
 * reason written beside it, never shown as applied; typed dates move to whole months for roles that see months only.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import type { MetaResponse } from '../../../shared/api';
import type { AgeGroup, Direction, Role, Sex } from '../../../shared/enums';
import type { View } from '../../../shared/views';
import { BREAKDOWN_FILTERS, monthsOnly, useViewFilters, wholeMonthsFor, type BreakdownFilter, type FilterStatus } from '../../api/view-filters';
import { parseIsoDate } from '../../i18n/format';
import { currentLanguage, i18n, useLanguage, useTranslation, type Language } from '../../i18n/i18n';
import { joinList } from '../../i18n/words';
import { useFilters } from '../../state/filters';
import { useView } from '../../state/view';
import { countryName, countryNames } from '../../i18n/dataset-text';

/** Why a filter is disabled, in words (null when it is not), in `lang` (default: the interface language). */
export function disabledReason(
  status: FilterStatus,
  key: BreakdownFilter,
  view: View,
  role: Role | undefined,
  lang: Language = currentLanguage(),
): string | null {
  const lng = { lng: lang };
  const audience = i18n.t(`access.audience.${role ?? 'public'}`, lng);
  const filter = (k: BreakdownFilter) => i18n.t(`filters.${k}`, lng);
  switch (status.kind) {
    case 'ok':
      return null;
    case 'view':
      return i18n.t(`access.notInView.${view}`, { ...lng, filter: filter(key).toLowerCase() });
    case 'audience':
      return i18n.t('access.notForAudience', { ...lng, view: i18n.t(`views.${view}`, lng), audience, filter: filter(key).toLowerCase() });
    case 'conflict':
      // The filters to clear keep their capitals, as they always did.
      return i18n.t('access.oneAtATime', { ...lng, audience, filters: joinList(status.with.map(filter), 'and', lang) });
  }
}

/** Calendar years covered by the data range, e.g. 2015…2019. */
export function yearsInRange(range: { min: string; max: string }): number[] {
  const a = Number(range.min.slice(0, 4));
  const b = Number(range.max.slice(0, 4));
  const out: number[] = [];
  for (let y = a; y <= b; y++) out.push(y);
  return out;
}

/** A year clipped to the data range. */
export function yearPeriod(year: number, range: { min: string; max: string }): { from: string; to: string } {
  const from = `${year}-01-01` < range.min ? range.min : `${year}-01-01`;
  const to = `${year}-12-31` > range.max ? range.max : `${year}-12-31`;
  return { from, to };
}

function DateField({
  label,
  testId,
  value,
  min,
  max,
  onCommit,
}: {
  label: string;
  testId: string;
  value: string | null;
  min: string;
  max: string;
  onCommit: (v: string) => void;
}) {
  const id = useId();
  const { t } = useTranslation();
  const [draft, setDraft] = useState(value ?? '');
  useEffect(() => setDraft(value ?? ''), [value]);
  const valid = (v: string) => parseIsoDate(v) !== null && v >= min && v <= max;
  const invalid = draft !== '' && !valid(draft);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="date"
        data-testid={testId}
        value={draft}
        min={min}
        max={max}
        required
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${id}-err` : undefined}
        onChange={(e) => {
          const v = e.target.value;
          setDraft(v);
          if (valid(v) && v !== value) onCommit(v);
        }}
        onBlur={() => setDraft(value ?? '')}
      />
      {invalid ? (
        <span id={`${id}-err`} className="field__error">
          {t('filters.invalidDate', { min, max })}
        </span>
      ) : null}
    </div>
  );
}

function SelectField<T extends string>({
  label,
  testId,
  value,
  options,
  onChange,
  disabledReason,
  reasonShownOnce = false,
}: {
  label: string;
  testId: string;
  value: T | null;
  options: Array<{ value: T; label: string }>;
  onChange: (v: T | null) => void;
  /** Disabled, with this reason beside it (and its value not shown: the view does not apply it). */
  disabledReason?: string | null;
  /** The bar says once, below, that no breakdown filter applies: the reason stays for assistive technology only. */
  reasonShownOnce?: boolean;
}) {
  const id = useId();
  const { t } = useTranslation();
  const disabled = !!disabledReason;
  return (
    <div className={disabled ? 'field field--disabled' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        data-testid={testId}
        value={disabled ? '' : (value ?? '')}
        disabled={disabled}
        title={disabledReason ?? undefined}
        aria-describedby={disabled ? `${id}-why` : undefined}
        onChange={(e) => onChange(e.target.value === '' ? null : (e.target.value as T))}
      >
        <option value="">{t('filters.any')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {disabled ? (
        <span id={`${id}-why`} className={reasonShownOnce ? 'visually-hidden' : 'field__hint'} data-testid={`${testId}-why`}>
          {disabledReason}
        </span>
      ) : null}
    </div>
  );
}

export function FilterBar({ meta }: { meta: MetaResponse }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const f = useFilters();
  const view = useView((s) => s.view);
  const vf = useViewFilters();
  /** What the view applies: the summary names these only. */
  const applied = vf.applied;
  const why = (k: BreakdownFilter) => disabledReason(vf.status[k], k, view, vf.role, lang);
  const audience = t(`access.audience.${vf.role ?? 'public'}`);
  /** No breakdown filter applies in this view for this role: one line says so instead of four. */
  const noneApply = BREAKDOWN_FILTERS.every((k) => vf.status[k].kind === 'view' || vf.status[k].kind === 'audience');
  const months = monthsOnly(vf.access);
  const range = meta.dateRange;
  /**
   * Typed dates move one end (the other follows when passed), to whole months for roles that see months only: the
   * 1st of the month typed, the last day of the month typed.
   */
  const commitFrom = (v: string) => {
    const p = wholeMonthsFor(vf.access, { from: v, to: f.to !== null && f.to >= v ? f.to : v }, range);
    f.setPeriod(p.from, p.to);
  };
  const commitTo = (v: string) => {
    const p = wholeMonthsFor(vf.access, { from: f.from !== null && f.from <= v ? f.from : v, to: v }, range);
    f.setPeriod(p.from, p.to);
  };
  const years = useMemo(() => yearsInRange(range), [range]);
  const nationalities = useMemo(
    () =>
      meta.nationalities
        .map((n) => ({ value: n.id, label: countryName(n, lang) }))
        .sort((a, b) => a.label.localeCompare(b.label, lang)),
    [meta.nationalities, lang],
  );
  const isYear = (y: number) => {
    const p = yearPeriod(y, range);
    return f.from === p.from && f.to === p.to;
  };
  const isAll = f.from === range.min && f.to === range.max;
  const hasBreakdowns = !!(f.direction || f.nationality || f.sex || f.ageGroup);
  const [open, setOpen] = useState(false);
  const bodyId = useId();
  const summary = [
    f.from && f.to ? `${f.from} – ${f.to}` : '',
    applied.direction ? t(`direction.${applied.direction}`) : '',
    applied.nationality ? (countryNames(meta, lang).get(applied.nationality) ?? applied.nationality) : '',
    applied.sex ? t(`sex.${applied.sex}`) : '',
    applied.ageGroup ? t(`ageGroup.${applied.ageGroup}`) : '',
  ]
    .filter(Boolean)
    .join(' · ');

  return (
    <form
      className={open ? 'filters filters--open' : 'filters'}
      aria-label={t('filters.label')}
      onSubmit={(e) => e.preventDefault()}
      data-testid="filter-bar"
    >
      <button
        type="button"
        className="btn filters__toggle"
        aria-expanded={open}
        aria-controls={bodyId}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="filters__toggle-label">{t('filters.label')}</span>
        <span className="filters__summary">{summary}</span>
      </button>
      <div className="filters__body" id={bodyId}>
        <fieldset className="filters__period">
          <legend className="visually-hidden">{t('filters.label')}</legend>
          <DateField label={t('filters.from')} testId="filter-from" value={f.from} min={range.min} max={range.max} onCommit={commitFrom} />
          <DateField label={t('filters.to')} testId="filter-to" value={f.to} min={range.min} max={range.max} onCommit={commitTo} />
          <div className="field">
            <span className="field__label" id={`${bodyId}-presets`}>
              {t('filters.presets')}
            </span>
            <div className="presets" role="group" aria-labelledby={`${bodyId}-presets`}>
              {years.map((y) => (
                <button
                  key={y}
                  type="button"
                  className="btn btn--chip"
                  aria-pressed={isYear(y)}
                  data-testid={`preset-${y}`}
                  onClick={() => {
                    const p = yearPeriod(y, range);
                    f.setPeriod(p.from, p.to);
                  }}
                >
                  {y}
                </button>
              ))}
              <button
                type="button"
                className="btn btn--chip"
                aria-pressed={isAll}
                data-testid="preset-all"
                onClick={() => f.setPeriod(range.min, range.max)}
              >
                {t('filters.wholeRange')}
              </button>
            </div>
          </div>
          {months ? (
            <p className="field__hint filters__months" data-testid="filter-months">
              {t('access.wholeMonths', { audience })}
            </p>
          ) : null}
        </fieldset>
        <SelectField<Direction>
          label={t('filters.direction')}
          testId="filter-direction"
          value={f.direction}
          options={meta.directions.map((d) => ({ value: d, label: t(`direction.${d}`) }))}
          onChange={f.setDirection}
          disabledReason={why('direction')}
          reasonShownOnce={noneApply}
        />
        <SelectField<string>
          label={t('filters.nationality')}
          testId="filter-nationality"
          value={f.nationality}
          options={nationalities}
          onChange={f.setNationality}
          disabledReason={why('nationality')}
          reasonShownOnce={noneApply}
        />
        <SelectField<Sex>
          label={t('filters.sex')}
          testId="filter-sex"
          value={f.sex}
          options={meta.sexes.map((s) => ({ value: s, label: t(`sex.${s}`) }))}
          onChange={f.setSex}
          disabledReason={why('sex')}
          reasonShownOnce={noneApply}
        />
        <SelectField<AgeGroup>
          label={t('filters.ageGroup')}
          testId="filter-age"
          value={f.ageGroup}
          options={meta.ageGroups.map((a) => ({ value: a, label: t(`ageGroup.${a}`) }))}
          onChange={f.setAgeGroup}
          disabledReason={why('ageGroup')}
          reasonShownOnce={noneApply}
        />
        {noneApply ? (
          <p className="field__hint filters__none" data-testid="filter-none">
            {t('access.noBreakdownApplies', { view: t(`views.${view}`), audience })}
          </p>
        ) : null}
        {hasBreakdowns ? (
          <button type="button" className="btn btn--link" onClick={f.clearBreakdowns} data-testid="filter-reset">
            {t('filters.reset')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
