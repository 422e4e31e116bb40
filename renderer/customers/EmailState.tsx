import type { CustomerImpact } from '../../src/model/incident-state.js';
import { TimeStamp } from '../shared/TimeStamp.js';

const WORDS = { sent: 'email sent', bounced: 'email bounced', failed: 'email failed' } as const;

/** What the mail server answered for this customer's last email from the hub: sent, or bounced/failed with its words. */
export function EmailState({ impact, now }: { impact: CustomerImpact; now: number }) {
  const email = impact.email;
  if (!email) return null;
  return (
    <div className={`email-state email-${email.outcome}`} data-testid="email-state" data-outcome={email.outcome}>
      <span className="email-outcome">{WORDS[email.outcome]}</span> <TimeStamp at={email.at} now={now} />
      {email.reason ? <div className="email-reason">{email.reason}</div> : null}
    </div>
  );
}
