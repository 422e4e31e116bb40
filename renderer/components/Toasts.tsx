import { useEffect } from 'react';
import { useWarRoom, type Toast } from '../state/store.js';
import { selectToasts } from '../state/selectors.js';

/** Notices in a corner: errors stay until dismissed, the rest fade after a while. Announced to screen readers. */
export function Toasts() {
  const toasts = useWarRoom(selectToasts);
  return (
    <div className="toasts" aria-live="polite" aria-relevant="additions">
      {toasts.map((t) => (
        <ToastView key={t.id} toast={t} />
      ))}
    </div>
  );
}

function ToastView({ toast }: { toast: Toast }) {
  const dismiss = useWarRoom((s) => s.dismissToast);
  useEffect(() => {
    if (toast.kind === 'error') return;
    const timer = setTimeout(() => dismiss(toast.id), toast.kind === 'info' ? 6000 : 15000);
    return () => clearTimeout(timer);
  }, [toast, dismiss]);
  return (
    <div className={`toast toast-${toast.kind}`} role={toast.kind === 'error' ? 'alert' : 'status'} data-testid={`toast-${toast.kind}`}>
      <div className="toast-text">
        <strong>{toast.title}</strong>
        {toast.body ? <span>{toast.body}</span> : null}
      </div>
      <button type="button" className="icon-button" onClick={() => dismiss(toast.id)} aria-label={`Dismiss: ${toast.title}`}>
        ✕
      </button>
    </div>
  );
}
