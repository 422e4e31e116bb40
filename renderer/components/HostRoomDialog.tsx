import { useEffect, useRef, useState } from 'react';
import { copyText, hostRoom, setOnline } from '../state/actions.js';
import { useWarRoom } from '../state/store.js';
import { selectCurrentSync } from '../state/selectors.js';
import { Dialog, FormError } from './Dialog.js';

/**
 * Share this incident: host its room on this machine (works when the company's own servers are down) and
 * hand out the link; or, when already shared, show the link and take this window offline or back.
 */
export function HostRoomDialog() {
  const close = () => useWarRoom.getState().openDialog(null);
  const sync = useWarRoom(selectCurrentSync);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState(false);
  const shared = sync !== null && sync.state !== 'local';

  const host = async () => {
    setBusy(true);
    setError(null);
    const r = await hostRoom();
    setBusy(false);
    if (!r.ok) setError(r.error);
  };

  useEffect(() => setCopied(false), [sync?.link]);
  // Hosting swaps the buttons: keep the keyboard on the dialog's main action.
  const copyRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (shared && document.activeElement === document.body) copyRef.current?.focus();
  }, [shared]);

  return (
    <Dialog title={shared ? 'Team room' : 'Host a room from this machine'} onClose={close} labelId="host-title">
      <div className="form">
        {!shared ? (
          <>
            <p>
              Starts a hub on this machine and shares this incident through it. Teammates join with the link; everything you write
              syncs both ways, and keeps working offline.
            </p>
            <div className="form-actions">
              <button type="button" className="primary" data-autofocus disabled={busy} onClick={() => void host()}>
                Host this room
              </button>
              <button type="button" onClick={close}>
                Cancel
              </button>
            </div>
          </>
        ) : (
          <>
            <p>
              {sync.hosting ? 'Hosted on this machine at ' : 'Shared through the hub at '}
              <code>{sync.hubUrl}</code>. Send this link to teammates:
            </p>
            <label>
              Join link
              <input readOnly value={sync.link ?? ''} onFocus={(e) => e.currentTarget.select()} spellCheck={false} className="mono" />
            </label>
            <div className="form-actions">
              <button
                ref={copyRef}
                type="button"
                className="primary"
                data-autofocus
                onClick={() => void copyText(sync.link ?? '').then(setCopied)}
              >
                {copied ? 'Copied' : 'Copy link'}
              </button>
              {sync.paused ? (
                <button type="button" onClick={() => void setOnline(true)}>
                  Reconnect
                </button>
              ) : (
                <button type="button" onClick={() => void setOnline(false)}>
                  Go offline
                </button>
              )}
              <button type="button" onClick={close}>
                Close
              </button>
            </div>
          </>
        )}
        <FormError error={error} />
      </div>
    </Dialog>
  );
}
