/** Header: title, view switch (the views the role can use: flows / donor impact / hotspots), language switch, the "illustrative data" badge and the data-as-of stamp. */
import { lazy, Suspense } from 'react';
import type { MetaResponse } from '../../shared/api';
import { formatDate } from '../i18n/format';
import { LANGUAGES, setLanguage, useLanguage, useTranslation } from '../i18n/i18n';
import { useView } from '../state/view';
import { useUsableViews } from './useRoleView';
import { SessionMenu, endpointAccessOf, useSession } from '../features/session';
import { datasetNotice } from '../i18n/dataset-text';

/** Only admins get the import dialog: its code loads when one is signed in. */
const AdminImport = lazy(() => import('../features/admin/AdminImport').then((m) => ({ default: m.AdminImport })));

/** The views this visitor's role can use (src/shared/views.ts), and only those. */
export function ViewSwitch() {
  const view = useView((s) => s.view);
  const setView = useView((s) => s.setView);
  const views = useUsableViews();
  const { t } = useTranslation();
  return (
    <nav className="switch" aria-label={t('views.label')} data-testid="view-switch">
      {views.map((v) => (
        <button key={v} type="button" className="btn btn--chip switch__btn" aria-pressed={view === v} data-testid={`view-${v}`} onClick={() => setView(v)}>
          {t(`views.${v}`)}
        </button>
      ))}
    </nav>
  );
}

export function LanguageSwitch() {
  const lang = useLanguage();
  const { t } = useTranslation();
  return (
    <div className="switch" role="group" aria-label={t('language.label')} data-testid="lang-switch">
      {LANGUAGES.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          className="btn btn--chip switch__btn"
          aria-pressed={lang === l}
          data-testid={`lang-${l}`}
          onClick={() => void setLanguage(l)}
        >
          {t(`language.${l}`)}
        </button>
      ))}
    </div>
  );
}

export function Header({ meta }: { meta: MetaResponse }) {
  const { t } = useTranslation();
  const lang = useLanguage();
  return (
    <header className="header">
      <div className="header__titles">
        <h1 className="header__title">{t('appTitle')}</h1>
        <p className="header__subtitle">{t('appSubtitle')}</p>
      </div>
      <div className="header__controls no-print">
        <ViewSwitch />
        <LanguageSwitch />
        <SessionControls />
      </div>
      <div className="header__meta">
        {meta.illustrative ? (
          <p className="badge" data-testid="illustrative-badge" role="note">
            <strong>{t('illustrativeBadge')}</strong>
            <span className="badge__notice">{datasetNotice(meta, lang) || t('illustrativeFallback')}</span>
          </p>
        ) : null}
        <p className="header__asof" data-testid="data-as-of">
          <time dateTime={meta.dataAsOf}>{t('dataAsOf', { date: formatDate(meta.dataAsOf, lang) })}</time>
        </p>
      </div>
    </header>
  );
}

/** Sign-in / sign-out, and the import panel for admins (the server refuses imports to anyone else). */
function SessionControls() {
  const session = useSession();
  const mayImport = !!endpointAccessOf(session.data?.access, 'imports');
  return (
    <div className="header__session">
      <SessionMenu />
      {mayImport ? (
        <Suspense fallback={null}>
          <AdminImport />
        </Suspense>
      ) : null}
    </div>
  );
}
