/**
 * The header's "Import data" button for admins: opens the import panel and the import history (with Undo) in a modal
 * dialog (Escape or Close shut it, focus returns to the button). Whether it is offered comes from the session's access summary; the server still
 * refuses imports to anyone but an admin.
 */
import { lazy, Suspense, useEffect, useId, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { importStringsFor } from './strings';

const ImportPanel = lazy(() => import('./ImportPanel').then((m) => ({ default: m.ImportPanel })));
const ImportHistory = lazy(() => import('./ImportHistory').then((m) => ({ default: m.ImportHistory })));

const CLOSE = { en: 'Close', fr: 'Fermer' } as const;

export function AdminImport({ lang }: { lang: 'en' | 'fr' }) {
  const s = importStringsFor(lang);
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    opener.current?.focus();
  };
  return (
    <>
      <button ref={opener} type="button" className="btn session-menu__button" data-testid="import-open" onClick={() => setOpen(true)}>
        {s.title}
      </button>
      {open ? createPortal(<ImportDialog lang={lang} title={s.title} onClose={close} />, document.body) : null}
    </>
  );
}

function ImportDialog({ lang, title, onClose }: { lang: 'en' | 'fr'; title: string; onClose: () => void }) {
  const titleId = useId();
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="session-backdrop">
      <div className="session-dialog import-dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid="import-dialog">
        <h2 id={titleId} className="session-dialog__title">
          {title}
        </h2>
        <Suspense fallback={<p>…</p>}>
          <ImportPanel lang={lang} />
          <ImportHistory lang={lang} />
        </Suspense>
        <div className="session-dialog__actions">
          <button ref={closeRef} type="button" className="btn" onClick={onClose}>
            {CLOSE[lang]}
          </button>
        </div>
      </div>
    </div>
  );
}
