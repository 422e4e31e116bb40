import './dialog.css';
import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A modal on the native <dialog>: the browser traps focus, makes the rest inert and closes on Escape. Focus
 * goes back to whatever had it before, so the keyboard never lands on the page's body.
 */
export function Dialog({
  title,
  onClose,
  children,
  wide = false,
  labelId,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
  labelId: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    // showModal() focuses the first focusable element (the close button); the dialog's own field comes first.
    const first =
      dialog.querySelector<HTMLElement>('[data-autofocus]') ??
      dialog.querySelector<HTMLElement>('.dialog-body input, .dialog-body select, .dialog-body textarea');
    first?.focus();
    const onCancel = (e: Event): void => {
      e.preventDefault();
      onCloseRef.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      // Back to where the person was, if it still exists; otherwise the app picks a sensible place.
      if (before && before.isConnected) before.focus();
    };
  }, []);
  return (
    <dialog ref={ref} className={`dialog ${wide ? 'dialog-wide' : ''}`} aria-labelledby={labelId}>
      <div className="dialog-head">
        <h2 id={labelId}>{title}</h2>
        <button type="button" className="icon-button" onClick={onClose} aria-label="Close">
          ✕
        </button>
      </div>
      <div className="dialog-body">{children}</div>
    </dialog>
  );
}

/** A one-line error under a form, announced to screen readers. */
export function FormError({ error }: { error: string | null }) {
  return error ? (
    <p className="form-error" role="alert">
      {error}
    </p>
  ) : null;
}

/** A dialog form's footer: the submit button (disabled while busy) and Cancel. */
export function SubmitOrCancel({ label, busy = false, onCancel }: { label: string; busy?: boolean; onCancel: () => void }) {
  return (
    <div className="form-actions">
      <button type="submit" className="primary" disabled={busy}>
        {label}
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
