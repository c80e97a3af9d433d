/**
 * The header's "Import data" button for admins: opens the import panel and the import history (with Undo) in a modal
 * dialog (Escape or Close shut it, focus returns to the button). Whether it is offered comes from the session's access summary; the server still
 * refuses imports to anyone but an admin.
 */
import { lazy, Suspense, useRef, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { useTranslation } from '../../i18n/i18n';
import './i18n';

const ImportPanel = lazy(() => import('./ImportPanel').then((m) => ({ default: m.ImportPanel })));
const ImportHistory = lazy(() => import('./ImportHistory').then((m) => ({ default: m.ImportHistory })));

export function AdminImport() {
  const { t } = useTranslation('admin');
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const close = () => setOpen(false);
  return (
    <>
      <button ref={opener} type="button" className="btn session-menu__button" aria-haspopup="dialog" data-testid="import-open" onClick={() => setOpen(true)}>
        {t('title')}
      </button>
      <Dialog open={open} title={t('title')} onClose={close} initialFocus={closeRef} returnFocusTo={opener} className="import-dialog" testId="import-dialog">
        <Suspense fallback={<p>…</p>}>
          <ImportPanel />
          <ImportHistory />
        </Suspense>
        <div className="dialog__actions">
          <button ref={closeRef} type="button" className="btn" onClick={close}>
            {t('close')}
          </button>
        </div>
      </Dialog>
    </>
  );
}
