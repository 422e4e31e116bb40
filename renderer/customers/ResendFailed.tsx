import { useState } from 'react';
import type { IncidentState } from '../../src/model/incident-state.js';
import { record } from '../state/actions.js';
import { useWarRoom } from '../state/store.js';
import { selectMe, selectReadOnly } from '../state/selectors.js';
import { offered, type Candidate } from '../lib/offers.js';
import { failedByPublication } from './email-delivery.js';

/**
 * "Resend to failed": asks the hub that sent an update to send it again to the customers whose message did not
 * get through (email.resend; the hub never mails anyone twice). Offered only to those the rules let ask, and
 * held back for customers already asked for until the mail server answers again, so a second press sends nothing twice.
 */
export function ResendFailed({ state }: { state: IncidentState }) {
  const me = useWarRoom(selectMe);
  const readOnly = useWarRoom(selectReadOnly);
  // Customer id -> the answer this window asked again about: hidden until the hub records another (no clocks compared).
  const [asked, setAsked] = useState<ReadonlyMap<string, number>>(new Map());
  const [said, setSaid] = useState<string | null>(null);
  if (readOnly) return null;
  const candidates: Candidate[] = [];
  for (const [publication, impacts] of failedByPublication(state)) {
    const customers = impacts.filter((i) => asked.get(i.id) !== i.email!.at).map((i) => i.id);
    if (customers.length) candidates.push({ id: publication, label: '', kind: 'email.resend', data: { publication, customers } });
  }
  const allowed = offered(state, me, candidates);
  const count = allowed.reduce((n, c) => n + (c.data.customers as string[]).length, 0);
  const resend = async () => {
    let sent = 0;
    for (const c of allowed) {
      const r = await record('email.resend', c.data as never);
      if (!r.ok) return setSaid(r.error);
      sent += (c.data.customers as string[]).length;
      const answers = (c.data.customers as string[]).map((id) => [id, state.impacts[id]?.email?.at ?? 0] as const);
      setAsked((m) => new Map([...m, ...answers]));
    }
    setSaid(
      `Asked the hub to send again to ${sent} customer${sent === 1 ? '' : 's'}; each row shows the mail server's answer when it comes.`,
    );
  };
  if (count === 0)
    return said ? (
      <span className="muted small-text" role="status">
        {said}
      </span>
    ) : null;
  return (
    <span className="resend-failed">
      <button type="button" className="primary small" onClick={() => void resend()}>
        Resend to failed ({count})
      </button>
      {said ? (
        <span className="muted small-text" role="status">
          {said}
        </span>
      ) : null}
    </span>
  );
}
