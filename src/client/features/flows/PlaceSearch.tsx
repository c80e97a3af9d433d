/**
 * Keyboard route to every place and route: a search field filtering a list of buttons; choosing one selects
 * it on the map (and in the URL). The current selection is marked in the list, so list and map stay in sync.
 */
import { useId, useMemo, useState } from 'react';
import { usePlaces, useRoutes } from '../../api/queries';
import { useTranslation } from '../../i18n/i18n';
import { useSelection, type SelectionRef } from '../../state/filters';

export interface SearchItem {
  ref: SelectionRef;
  label: string;
  kind: string;
}

/** Case- and accent-insensitive match on every word of the query. */
export function matchItems(items: readonly SearchItem[], query: string, limit = 8): SearchItem[] {
  const norm = (s: string) =>
    s
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .toLowerCase();
  const words = norm(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  return items.filter((i) => words.every((w) => norm(`${i.label} ${i.ref.id}`).includes(w))).slice(0, limit);
}

export function PlaceSearch() {
  const id = useId();
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const places = usePlaces();
  const routes = useRoutes();
  const selected = useSelection((s) => s.selected);
  const select = useSelection((s) => s.select);
  const items = useMemo<SearchItem[]>(
    () => [
      ...(places.data?.features ?? []).map((f) => ({
        ref: { type: 'place' as const, id: f.properties.id },
        label: f.properties.name,
        kind: t(`placeKind.${f.properties.kind}`),
      })),
      ...(routes.data?.features ?? []).map((f) => ({
        ref: { type: 'route' as const, id: f.properties.id },
        label: `${f.properties.id} ${f.properties.name}`,
        kind: t('overview.routes'),
      })),
    ],
    [places.data, routes.data, t],
  );
  const hits = matchItems(items, q);
  return (
    <div className="search" data-testid="place-search">
      <label htmlFor={id} className="search__label">
        {t('compare.search')}
      </label>
      <input id={id} type="search" value={q} onChange={(e) => setQ(e.target.value)} aria-describedby={`${id}-hint`} autoComplete="off" />
      <span id={`${id}-hint`} className="visually-hidden">
        {t('compare.searchHint')}
      </span>
      {hits.length > 0 ? (
        <ul className="search__list" aria-label={t('compare.search')}>
          {hits.map((h) => (
            <li key={`${h.ref.type}:${h.ref.id}`}>
              <button
                type="button"
                className="btn--row search__item"
                aria-current={selected?.type === h.ref.type && selected.id === h.ref.id ? 'true' : undefined}
                onClick={() => select(h.ref)}
              >
                {h.label} <span className="muted">· {h.kind}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
