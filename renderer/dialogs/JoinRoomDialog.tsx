import './join-room.css';
import { useState, type FormEvent } from 'react';
import { isTeamLink } from '../../src/sync/team-link.js';
import { followTeam, joinRoom, takePendingJoinLink } from '../state/actions.js';
import { useWarRoom } from '../state/store.js';
import { Dialog, FormError, SubmitOrCancel } from '../shared/Dialog.js';

/**
 * Join a teammate's room: paste the warroom:// link they sent, or type the hub, incident and token. A team link
 * (`warroom://team`) follows the team's alerts instead, after the same kind of question.
 */
export function JoinRoomDialog() {
  const close = () => useWarRoom.getState().openDialog(null);
  const savedHub = useWarRoom((s) => s.prefs?.hubUrl ?? '');
  const [link, setLink] = useState(() => takePendingJoinLink() ?? '');
  /** Set when the hub is new to this machine and the incident exists here: what joining would share. */
  const [consent, setConsent] = useState<string | null>(null);
  const [hubUrl, setHubUrl] = useState(savedHub);
  const [incident, setIncident] = useState('');
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    if (isTeamLink(link)) return follow();
    let payload: { link: string } | { hubUrl: string; token: string; incident: string };
    if (link.trim()) payload = { link: link.trim() };
    else if (hubUrl.trim() && incident.trim() && token.trim())
      payload = { hubUrl: hubUrl.trim(), incident: incident.trim(), token: token.trim() };
    else return setError('Paste the join link, or fill in the hub address, the incident id and the token.');
    setBusy(true);
    const r = await joinRoom(consent ? { ...payload, confirmed: true } : payload);
    setBusy(false);
    if (!r.ok && r.code === 'consent-needed') return setConsent(r.error);
    if (!r.ok) return setError(r.error);
    close();
  };

  const follow = async () => {
    setBusy(true);
    const r = await followTeam(link.trim(), consent !== null);
    setBusy(false);
    if (!r.ok && r.code === 'consent-needed') return setConsent(r.error);
    if (!r.ok) return setError(r.error);
    close();
  };
  const team = isTeamLink(link);
  const label = team ? (consent ? 'Follow team' : 'Continue') : consent ? 'Share and join' : 'Join room';

  return (
    <Dialog title="Join a team room" onClose={close} labelId="join-title">
      <form className="form" onSubmit={(e) => void submit(e)}>
        <label>
          Join link
          <input
            data-autofocus
            value={link}
            onChange={(e) => {
              setLink(e.target.value);
              setConsent(null);
            }}
            placeholder="warroom://join?… or warroom://team?…"
            spellCheck={false}
          />
        </label>
        {/* While the question is shown, the link is what is being decided on: keep the buttons in view. */}
        {!consent && !team && (
          <fieldset className="or-fields">
            <legend>or enter the details</legend>
            <label>
              Hub address
              <input value={hubUrl} onChange={(e) => setHubUrl(e.target.value)} placeholder="http://10.0.0.5:7311" spellCheck={false} />
            </label>
            <label>
              Incident id
              <input value={incident} onChange={(e) => setIncident(e.target.value)} placeholder="inc_…" spellCheck={false} />
            </label>
            <label>
              Invite token
              <input value={token} onChange={(e) => setToken(e.target.value)} spellCheck={false} />
            </label>
          </fieldset>
        )}
        {consent && (
          <p className="consent" role="alert" data-testid="join-consent">
            {consent}
          </p>
        )}
        <FormError error={error} />
        <SubmitOrCancel label={label} busy={busy} onCancel={close} />
      </form>
    </Dialog>
  );
}
