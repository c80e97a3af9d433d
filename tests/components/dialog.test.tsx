/** components/Dialog: the native modal <dialog> shared by the sign-in and import dialogs. */
import { useRef, useState } from 'react';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Dialog } from '../../src/client/components/Dialog';

function Harness({ onClose }: { onClose?: () => void }) {
  const [open, setOpen] = useState(false);
  const okRef = useRef<HTMLButtonElement>(null);
  const close = () => {
    onClose?.();
    setOpen(false);
  };
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Open
      </button>
      <button type="button">Elsewhere</button>
      <Dialog open={open} title="Settings" onClose={close} initialFocus={okRef} testId="dialog">
        <p>Body</p>
        <button type="button">First</button>
        <button ref={okRef} type="button" onClick={close}>
          OK
        </button>
      </Dialog>
    </>
  );
}

afterEach(() => vi.restoreAllMocks());

describe('Dialog', () => {
  it('opens modal (showModal), labelled by its title, focus on initialFocus; Escape closes and focus returns to the opener', async () => {
    const showModal = vi.spyOn(HTMLDialogElement.prototype, 'showModal');
    const onClose = vi.fn();
    const user = userEvent.setup();
    render(<Harness onClose={onClose} />);
    expect(screen.queryByTestId('dialog')).toBeNull();

    const opener = screen.getByRole('button', { name: 'Open' });
    await user.click(opener);
    const dialog = screen.getByRole('dialog', { name: 'Settings' });
    expect(dialog).toBe(screen.getByTestId('dialog'));
    expect(dialog.tagName).toBe('DIALOG');
    expect(dialog).toHaveAttribute('open');
    expect(showModal).toHaveBeenCalledTimes(1);
    expect(showModal.mock.contexts[0]).toBe(dialog);
    expect(within(dialog).getByRole('button', { name: 'OK' })).toHaveFocus();

    await user.keyboard('{Escape}');
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(screen.queryByTestId('dialog')).toBeNull();
    expect(opener).toHaveFocus();
  });

  it('Escape inside the dialog does not reach the page’s own Escape handlers', async () => {
    const onPageKey = vi.fn();
    document.addEventListener('keydown', onPageKey);
    try {
      const user = userEvent.setup();
      render(<Harness />);
      await user.click(screen.getByRole('button', { name: 'Open' }));
      await user.keyboard('{Escape}');
      expect(screen.queryByTestId('dialog')).toBeNull();
      expect(onPageKey).not.toHaveBeenCalled();
    } finally {
      document.removeEventListener('keydown', onPageKey);
    }
  });

  it('closing from inside (a button) returns focus to the opener and closes the native dialog', async () => {
    const close = vi.spyOn(HTMLDialogElement.prototype, 'close');
    const user = userEvent.setup();
    render(<Harness />);
    const opener = screen.getByRole('button', { name: 'Open' });
    await user.click(opener);
    const dialog = screen.getByTestId('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'OK' }));
    expect(screen.queryByTestId('dialog')).toBeNull();
    expect(close.mock.contexts).toContain(dialog);
    expect(dialog).not.toHaveAttribute('open');
    expect(opener).toHaveFocus();
  });

  it('a dialog the browser closes by itself is reported to its owner', async () => {
    const onClose = vi.fn();
    const user = userEvent.setup();
    render(<Harness onClose={onClose} />);
    await user.click(screen.getByRole('button', { name: 'Open' }));
    const dialog = screen.getByTestId('dialog') as HTMLDialogElement;
    act(() => dialog.close());
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(screen.queryByTestId('dialog')).toBeNull();
  });
});
