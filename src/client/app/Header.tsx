/** Header: title, the "illustrative data" badge with the notice, and the data-as-of stamp. */
import type { MetaResponse } from '../../shared/api';
import { formatDate } from '../lib/format';
import { t } from '../lib/strings';

export function Header({ meta }: { meta: MetaResponse }) {
  return (
    <header className="header">
      <div className="header__titles">
        <h1 className="header__title">{t.appTitle}</h1>
        <p className="header__subtitle">{t.appSubtitle}</p>
      </div>
      <div className="header__meta">
        {meta.illustrative ? (
          <p className="badge" data-testid="illustrative-badge" role="note">
            <strong>{t.illustrativeBadge}</strong>
            <span className="badge__notice">{meta.notice || t.illustrativeFallback}</span>
          </p>
        ) : null}
        <p className="header__asof" data-testid="data-as-of">
          <time dateTime={meta.dataAsOf}>{t.dataAsOf(formatDate(meta.dataAsOf))}</time>
        </p>
      </div>
    </header>
  );
}
