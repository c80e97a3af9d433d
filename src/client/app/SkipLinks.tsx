/**
 * Skip links, the first thing a keyboard reaches: to the map (its canvas takes the arrow keys and +/−) and to the
 * tables (the side column's first table, or the open panel's title; on a phone the tables are opened first). Hidden
 * until focused. Loaded after the first map.
 */
import { useTranslation } from '../i18n/i18n';
import '../components/shell-i18n';
import './skip-links.css';

/** Asks the shell to show the side column (on a phone it is folded away behind "Show tables"). */
export const SHOW_TABLES_EVENT = 'atlas:show-tables';

function focusOn(el: HTMLElement | null) {
  if (!el) return;
  if (el.tabIndex < 0 && !el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
  el.focus();
  el.scrollIntoView?.({ block: 'nearest' });
}

export function SkipLinks() {
  const { t } = useTranslation('shell');
  return (
    <nav className="skip-links" aria-label={t('skip.label')} data-testid="skip-links">
      <a
        className="skip-link"
        href="#map-area"
        data-testid="skip-map"
        onClick={(e) => {
          e.preventDefault();
          focusOn(document.querySelector<HTMLElement>('.maplibregl-canvas') ?? document.getElementById('map-area'));
        }}
      >
        {t('skip.map')}
      </a>
      <a
        className="skip-link"
        href="#side-overview"
        data-testid="skip-tables"
        onClick={(e) => {
          e.preventDefault();
          window.dispatchEvent(new Event(SHOW_TABLES_EVENT));
          // After the side column is shown (a re-render away on a phone).
          requestAnimationFrame(() =>
            focusOn(
              document.querySelector<HTMLElement>('[data-testid="panel-title"]') ??
                document.querySelector<HTMLElement>('#side-overview table') ??
                document.getElementById('side-overview'),
            ),
          );
        }}
      >
        {t('skip.tables')}
      </a>
    </nav>
  );
}
