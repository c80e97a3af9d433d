/**
 * Filter bar: period (dates bounded by the data, year presets), direction, nationality, sex, age group. Only what the
 * current view applies for the role is offered (api/view-filters.ts): a filter it cannot apply is disabled with the
 * reason written beside it, never shown as applied; typed dates move to whole months for roles that see months only.
 */
import { useId, useMemo, useState } from 'react';
import type { MetaResponse } from '../../../shared/api';
import type { AgeGroup, Direction, Role, Sex } from '../../../shared/enums';
import type { View } from '../../../shared/views';
import { latestPeriod, yearEnd, yearStart, type Step } from '../../../shared/calendar';
import { typedPeriod, type PeriodEnd } from './typed-period';
import { BREAKDOWN_FILTERS, monthsOnly, useViewFilters, type BreakdownFilter, type FilterStatus } from '../../api/view-filters';
import { formatDate, formatDateField, parseDateField } from '../../i18n/format';
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
  const first = yearStart(`${year}-01-01`);
  const last = yearEnd(first);
  const from = first < range.min ? range.min : first;
  const to = last > range.max ? range.max : last;
  return { from, to };
}

/**
 * A date field. What is typed stays a draft until it is a real date in the data's range; then it is offered to
 * `onCommit`, which applies it (the field is then re-created from the applied value, snapped) or returns why it is
 * refused (shown beside the field, with the draft kept, until something else is typed or applied).
 */
function DateField({
  label,
  testId,
  value,
  min,
  max,
  onCommit,
  note,
}: {
  label: string;
  testId: string;
  value: string | null;
  min: string;
  max: string;
  onCommit: (v: string) => string | null;
  /** Where the applied date moved to (e.g. the week's Monday). */
  note: string | null;
}) {
  const id = useId();
  const { t } = useTranslation();
  const lang = useLanguage();
  const shown = value ? formatDateField(value, lang) : '';
  const [draft, setDraft] = useState(shown);
  const [refused, setRefused] = useState<string | null>(null);
  const typed = parseDateField(draft);
  const inRange = typed !== null && typed >= min && typed <= max;
  // A date outside the data, or a full-length text that is no date, is said at once; a date being typed is not.
  const invalid = draft !== '' && draft !== shown && (typed !== null ? !inRange : draft.trim().length >= 10);
  const error = invalid ? t('filters.invalidDate', { min: formatDateField(min, lang), max: formatDateField(max, lang) }) : refused;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        data-testid={testId}
        value={draft}
        min={min}
        max={max}
        placeholder={t('filters.dateFormat')}
        required
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-err` : note ? `${id}-note` : `${id}-format`}
        onChange={(e) => {
          const text = e.target.value;
          setDraft(text);
          const iso = parseDateField(text);
          setRefused(iso !== null && iso >= min && iso <= max && iso !== value ? onCommit(iso) : null);
        }}
        onBlur={() => {
          if (!refused) setDraft(shown);
        }}
      />
      <span id={`${id}-format`} className="visually-hidden">
        {t('filters.dateFormatHint')}
      </span>
      {error ? (
        <span id={`${id}-err`} className="field__error" role="alert" data-testid={`${testId}-error`}>
          {error}
        </span>
      ) : note ? (
        <span id={`${id}-note`} className="field__hint" role="status" data-testid={`${testId}-note`}>
          {note}
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
  const step: Step = months ? 'month' : 'week';
  /** Where the last typed date moved to, said under its field until the next change. */
  const [snapped, setSnapped] = useState<{ end: PeriodEnd; date: string } | null>(null);
  const commit = (end: PeriodEnd) => (v: string) => {
    const r = typedPeriod(end, v, { from: f.from, to: f.to }, step, range);
    if (!r.ok) return t(`filters.${r.reason}`, { from: f.from ? formatDate(f.from) : '', to: f.to ? formatDate(f.to) : '' });
    setSnapped(r.snappedTo ? { end, date: r.snappedTo } : null);
    f.setPeriod(r.period.from, r.period.to);
    return null;
  };
  const snapNote = (end: PeriodEnd) =>
    snapped?.end === end && (end === 'from' ? f.from : f.to) === snapped.date
      ? t(step === 'week' ? 'filters.snappedWeek' : 'filters.snappedMonth', { date: formatDate(snapped.date) })
      : null;
  const years = useMemo(() => yearsInRange(range), [range]);
  const nationalities = useMemo(
    () => meta.nationalities.map((n) => ({ value: n.id, label: countryName(n, lang) })).sort((a, b) => a.label.localeCompare(b.label, lang)),
    [meta.nationalities, lang],
  );
  const isYear = (y: number) => {
    const p = yearPeriod(y, range);
    return f.from === p.from && f.to === p.to;
  };
  const isAll = f.from === range.min && f.to === range.max;
  const latest = latestPeriod(range, step);
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
    <form className={open ? 'filters filters--open' : 'filters'} aria-label={t('filters.label')} onSubmit={(e) => e.preventDefault()} data-testid="filter-bar">
      <button type="button" className="btn filters__toggle" aria-expanded={open} aria-controls={bodyId} onClick={() => setOpen((o) => !o)}>
        <span className="filters__toggle-label">{t('filters.label')}</span>
        <span className="filters__summary">{summary}</span>
      </button>
      <div className="filters__body" id={bodyId}>
        <fieldset className="filters__period">
          <legend className="visually-hidden">{t('filters.label')}</legend>
          {/* Re-created when the applied period changes, so the fields show it (snapped) and drop refused drafts. */}
          <DateField
            key={`from:${f.from}:${f.to}:${lang}`}
            label={t('filters.from')}
            testId="filter-from"
            value={f.from}
            min={range.min}
            max={range.max}
            onCommit={commit('from')}
            note={snapNote('from')}
          />
          <DateField
            key={`to:${f.from}:${f.to}:${lang}`}
            label={t('filters.to')}
            testId="filter-to"
            value={f.to}
            min={range.min}
            max={range.max}
            onCommit={commit('to')}
            note={snapNote('to')}
          />
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
              <button type="button" className="btn btn--chip" aria-pressed={isAll} data-testid="preset-all" onClick={() => f.setPeriod(range.min, range.max)}>
                {t('filters.wholeRange')}
              </button>
              <button
                type="button"
                className="btn btn--chip"
                aria-pressed={f.from === latest.from && f.to === latest.to}
                data-testid="preset-latest"
                onClick={() => f.setPeriod(latest.from, latest.to)}
              >
                {t(months ? 'filters.latestMonth' : 'filters.latestWeeks')}
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
