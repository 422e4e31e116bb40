import './toasts.css';
import { useEffect, useState } from 'react';
import { useWarRoom } from '../state/store.js';
import { selectToasts } from '../state/selectors.js';
import { toastTitle, type Toast } from '../lib/notice-stack.js';

/**
 * Notices in a strip in the page's own flow (never floating over the draft editor, the linter or a row):
 * errors stay until dismissed, the rest fade after a while; a burst of teammates' updates is one notice that
 * counts them and lists them on demand. Announced to screen readers.
 */
export function Toasts() {
  const toasts = useWarRoom(selectToasts);
  return (
    <div className="toasts" aria-live="polite" aria-relevant="additions" role="region" aria-label="Notices" hidden={toasts.length === 0}>
      {toasts.map((t) => (
        <ToastView key={t.id} toast={t} />
      ))}
    </div>
  );
}

function ToastView({ toast }: { toast: Toast }) {
  const dismiss = useWarRoom((s) => s.dismissToast);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (toast.kind === 'error' || open) return;
    const timer = setTimeout(() => dismiss(toast.id), toast.kind === 'info' ? 6000 : 15000);
    return () => clearTimeout(timer);
  }, [toast, dismiss, open]);
  const burst = toast.items.length > 1;
  const title = toastTitle(toast);
  return (
    <div
      className={`toast toast-${toast.kind}`}
      role={toast.kind === 'error' ? 'alert' : 'status'}
      data-testid={burst ? 'toast-burst' : undefined}
    >
      <div className="toast-text">
        {burst ? (
          <>
            <strong>{title}</strong>
            <span className="toast-line" data-testid={`toast-${toast.kind}`}>
              latest: {toast.title}
              {toast.body ? ` — ${toast.body}` : ''}
            </span>
            {open ? (
              <ul className="toast-items">
                {toast.items.map((n, i) => (
                  <li key={i}>
                    {n.title}
                    {n.body ? ` — ${n.body}` : ''}
                  </li>
                ))}
              </ul>
            ) : null}
          </>
        ) : (
          <span className="toast-line" data-testid={`toast-${toast.kind}`}>
            <strong>{toast.title}</strong>
            {toast.body ? <span> {toast.body}</span> : null}
          </span>
        )}
      </div>
      {burst ? (
        <button type="button" className="small" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Hide' : `Show all ${toast.items.length}`}
        </button>
      ) : null}
      <button type="button" className="icon-button" onClick={() => dismiss(toast.id)} aria-label={`Dismiss: ${title}`}>
        ✕
      </button>
    </div>
  );
}
