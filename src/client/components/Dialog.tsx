/**
 * The app's one modal dialog, on the native `<dialog>` opened with `showModal()`: the browser makes the rest of the
 * page inert (focus stays inside), Escape cancels it (the `cancel` event, handed to `onClose`), and it is labelled by
 * its title. Focus goes to `initialFocus` (else the browser's choice, the first focusable element) and, on close,
 * back to `returnFocusTo` or to whatever had it when the dialog opened. Rendered only while open, in a portal on
 * <body>, so the page's layout and styles around the opener do not reach it.
 */
import { useId, useLayoutEffect, useRef, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { createPortal } from 'react-dom';
import './dialog.css';

export interface DialogProps {
  /** Shown (modal) while true. */
  open: boolean;
  /** The heading, which names the dialog. */
  title: ReactNode;
  /** Asked to close: Escape, or the browser closed the dialog itself. The owner sets `open` to false. */
  onClose: () => void;
  children: ReactNode;
  /** Focused when the dialog opens. */
  initialFocus?: RefObject<HTMLElement | null>;
  /** Where focus goes on close (an element, or a ref read at close); defaults to the element focused when the dialog opened (if still in the page). */
  returnFocusTo?: HTMLElement | RefObject<HTMLElement | null> | null;
  /** Id of an element describing the dialog (aria-describedby). */
  describedBy?: string;
  className?: string;
  lang?: string;
  testId?: string;
}

export function Dialog(props: DialogProps) {
  if (!props.open || typeof document === 'undefined') return null;
  return createPortal(<OpenDialog {...props} />, document.body);
}

function OpenDialog({ title, onClose, children, initialFocus, returnFocusTo, describedBy, className, lang, testId }: DialogProps) {
  const titleId = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const onCloseRef = useRef(onClose);
  const openerRef = useRef<HTMLElement | null>(null);
  const returnRef = useRef(returnFocusTo);
  /** Set while unmounting, so the dialog's own close() is not reported as a request to close. */
  const closing = useRef(false);

  useLayoutEffect(() => {
    onCloseRef.current = onClose;
  }, [onClose]);
  useLayoutEffect(() => {
    returnRef.current = returnFocusTo;
  }, [returnFocusTo]);

  // Open modal once per opening; on close, give focus back.
  useLayoutEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    const active = document.activeElement;
    openerRef.current = active instanceof HTMLElement && active !== document.body ? active : null;
    if (!dialog.open) dialog.showModal();
    initialFocus?.current?.focus();
    return () => {
      closing.current = true;
      if (dialog.open) dialog.close();
      const given = returnRef.current;
      const target = (given && 'current' in given ? given.current : given) ?? openerRef.current;
      if (target && target.isConnected) target.focus();
    };
    // Runs once per opening (the component mounts with the dialog; `initialFocus` is a ref, stable); the latest
    // returnFocusTo is read at close.
  }, [initialFocus]);

  // Escape inside the dialog must not also reach the page's own Escape handlers (e.g. the side panel's).
  const onKeyDown = (e: KeyboardEvent<HTMLDialogElement>) => {
    if (e.key === 'Escape') e.stopPropagation();
  };

  return (
    <dialog
      ref={dialogRef}
      className={className ? `dialog ${className}` : 'dialog'}
      aria-labelledby={titleId}
      aria-describedby={describedBy}
      lang={lang}
      data-testid={testId}
      onKeyDown={onKeyDown}
      onCancel={(e) => {
        e.preventDefault();
        onCloseRef.current();
      }}
      onClose={() => {
        if (!closing.current) onCloseRef.current();
      }}
    >
      <h2 id={titleId} className="dialog__title">
        {title}
      </h2>
      {children}
    </dialog>
  );
}
