import './host-room.css';
import { useEffect, useRef, useState } from 'react';
import type { ShareReach, SyncStatus } from '../../src/ipc/contract.js';
import { copyText, hostRoom, setOnline } from '../state/actions.js';
import { useWarRoom } from '../state/store.js';
import { selectCurrentSync } from '../state/selectors.js';
import { Dialog, FormError } from '../shared/Dialog.js';

const NETWORK_WARNING =
  'Anyone on this network who gets the link can join: the hub listens on every network this computer is on (office Wi-Fi, VPN). ' +
  'Traffic is encrypted, and links carry the certificate fingerprint so nobody can stand in for this computer.';

/**
 * Share this incident: host its room on this machine (works when the company's own servers are down), for
 * this machine only or for the local network, and hand out an editor and a viewer link; or, when already
 * shared, show the links and take this window offline or back.
 */
export function HostRoomDialog() {
  const close = () => useWarRoom.getState().openDialog(null);
  const sync = useWarRoom(selectCurrentSync);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [reach, setReach] = useState<ShareReach>('machine');
  const shared = sync !== null && sync.state !== 'local';

  const host = async (to: ShareReach) => {
    setBusy(true);
    setError(null);
    const r = await hostRoom(to);
    setBusy(false);
    if (!r.ok) setError(r.error);
  };

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
              Starts a hub on this machine and shares this incident through it. Teammates join with the link; everything you write syncs
              both ways, and keeps working offline.
            </p>
            <fieldset className="reach-choice">
              <legend>Who can join</legend>
              <label>
                <input type="radio" name="reach" checked={reach === 'machine'} onChange={() => setReach('machine')} /> This machine only
              </label>
              <label>
                <input type="radio" name="reach" checked={reach === 'network'} onChange={() => setReach('network')} /> Teammates on the
                local network
              </label>
            </fieldset>
            {reach === 'network' && (
              <p className="warning" role="note">
                {NETWORK_WARNING}
              </p>
            )}
            <div className="form-actions">
              <button type="button" className="primary" data-autofocus disabled={busy} onClick={() => void host(reach)}>
                Host this room
              </button>
              <button type="button" onClick={close}>
                Cancel
              </button>
            </div>
          </>
        ) : (
          <SharedRoom sync={sync} copyRef={copyRef} busy={busy} onNetwork={() => void host('network')} onClose={close} />
        )}
        <FormError error={error} />
      </div>
    </Dialog>
  );
}

function SharedRoom({
  sync,
  copyRef,
  busy,
  onNetwork,
  onClose,
}: {
  sync: SyncStatus;
  copyRef: React.RefObject<HTMLButtonElement | null>;
  busy: boolean;
  onNetwork: () => void;
  onClose: () => void;
}) {
  const links = sync.share?.links ?? [];
  const [picked, setPicked] = useState(0);
  const chosen = links[Math.min(picked, Math.max(0, links.length - 1))];
  const editor = chosen?.editor ?? sync.link ?? '';
  const viewer = chosen?.viewer ?? null;
  const browser = chosen?.browser ?? null;
  const [copied, setCopied] = useState<'editor' | 'viewer' | 'browser' | null>(null);
  useEffect(() => setCopied(null), [editor]);
  const network = sync.share?.reach === 'network';

  return (
    <>
      <p>
        {sync.hosting
          ? network
            ? 'Hosted on this machine for the local network. '
            : 'Hosted on this machine, reachable from this machine only. '
          : 'Shared through the hub at '}
        {!sync.hosting && <code>{sync.hubUrl}</code>}
        {!sync.hosting && '. '}
        Send the editor link to teammates who write, the viewer link to those who only follow.
      </p>
      {network && links.length === 0 && (
        <p className="warning">This computer is on no network right now: connect to one, then reopen this dialog.</p>
      )}
      {links.length > 1 && (
        <label>
          Address teammates use
          <select value={picked} onChange={(e) => setPicked(Number(e.currentTarget.value))}>
            {links.map((l, i) => (
              <option key={l.address} value={i}>
                {l.address} ({l.interfaceName})
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        Join link
        <input readOnly value={editor} onFocus={(e) => e.currentTarget.select()} spellCheck={false} className="mono" />
      </label>
      {viewer && (
        <label>
          Viewer link (read-only)
          <input readOnly value={viewer} onFocus={(e) => e.currentTarget.select()} spellCheck={false} className="mono" />
        </label>
      )}
      {browser && (
        <label>
          Browser link (read-only, for anyone without the app)
          <input readOnly value={browser} onFocus={(e) => e.currentTarget.select()} spellCheck={false} className="mono" />
        </label>
      )}
      {network && sync.share?.fingerprint && (
        <p className="muted">
          Certificate fingerprint (SHA-256), to read out if a teammate asks:{' '}
          <code className="fingerprint">{sync.share.fingerprint.slice(0, 16)}…</code>
        </p>
      )}
      <div className="form-actions">
        <button
          ref={copyRef}
          type="button"
          className="primary"
          data-autofocus
          onClick={() => void copyText(editor).then((ok) => setCopied(ok ? 'editor' : null))}
        >
          {copied === 'editor' ? 'Copied' : 'Copy link'}
        </button>
        {viewer && (
          <button type="button" onClick={() => void copyText(viewer).then((ok) => setCopied(ok ? 'viewer' : null))}>
            {copied === 'viewer' ? 'Copied' : 'Copy viewer link'}
          </button>
        )}
        {browser && (
          <button type="button" onClick={() => void copyText(browser).then((ok) => setCopied(ok ? 'browser' : null))}>
            {copied === 'browser' ? 'Copied' : 'Copy browser link'}
          </button>
        )}
        {sync.hosting && !network && (
          <button type="button" disabled={busy} onClick={onNetwork} title={NETWORK_WARNING}>
            Share on the local network
          </button>
        )}
        {sync.paused ? (
          <button type="button" onClick={() => void setOnline(true)}>
            Reconnect
          </button>
        ) : (
          <button type="button" onClick={() => void setOnline(false)}>
            Go offline
          </button>
        )}
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </>
  );
}
