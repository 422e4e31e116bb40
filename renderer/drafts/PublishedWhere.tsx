import type { ChannelsView } from '../../src/ipc/contract.js';
import type { IncidentState, PublishedUpdate } from '../../src/model/incident-state.js';
import { emailTally } from '../customers/email-delivery.js';
import { ResendFailed } from '../customers/ResendFailed.js';
import { TimeStamp } from '../shared/TimeStamp.js';
import { deliveryCounts } from './ChannelsPanel.js';

/**
 * Where a published update went and when, for everyone in the room (not only whoever pressed Publish): the
 * status page it is on, how many of its customers the mail server took it for (and the refusals, word for
 * word), and how the hub's webhooks fared. Read from the room's own records and the hub's answer.
 */
export function PublishedWhere(props: { state: IncidentState; update: PublishedUpdate; channels: ChannelsView | null; now: number }) {
  const { state, update, channels, now } = props;
  const hub = channels?.hub ?? null;
  return (
    <div className="published-where" data-testid="published-where">
      {update.channel === 'status-page' ? <StatusPageLine state={state} update={update} channels={channels} now={now} /> : null}
      {update.mailer !== undefined ? <EmailLines state={state} update={update} /> : null}
      {update.channel === 'email' && update.mailer === undefined ? (
        <p>Not emailed by a hub: whoever published it sent it themselves.</p>
      ) : null}
      {hub && hub.webhooks.length > 0 ? (
        <p>
          Chat webhooks:{' '}
          {deliveryCounts(
            hub.deliveries.filter((d) => d.type === 'update.published' && d.createdAt >= update.at - 5_000),
            hub.deadLetters.filter((d) => d.type === 'update.published' && d.createdAt >= update.at - 5_000).length,
          )}
          .
        </p>
      ) : null}
    </div>
  );
}

function StatusPageLine({
  state,
  update,
  channels,
  now,
}: {
  state: IncidentState;
  update: PublishedUpdate;
  channels: ChannelsView | null;
  now: number;
}) {
  const hub = channels?.hub ?? null;
  if (!hub) return <p>Not on a status page from here{channels ? ` (${channels.reason})` : ''}: paste the text into yours.</p>;
  if (!state.isPublic)
    return (
      <p>
        Recorded for the status page at <span className="channel-address">{hub.statusPage.url}</span>, but not shown there: this incident is
        not public. The commander or the scribe makes it public under Details, Status page.
      </p>
    );
  return (
    <p>
      On the status page at <span className="channel-address">{hub.statusPage.url}</span> since{' '}
      <TimeStamp at={update.at} now={now} showClock />.
    </p>
  );
}

function EmailLines({ state, update }: { state: IncidentState; update: PublishedUpdate }) {
  const t = emailTally(state, update);
  return (
    <>
      <p data-testid="email-tally">
        Emailed {t.sent.length} of {t.recipients.length} customer{t.recipients.length === 1 ? '' : 's'}
        {t.waiting.length ? `; ${t.waiting.length} waiting for the mail server` : ''}
        {t.failed.length ? `; ${t.failed.length} not delivered` : ''}.
      </p>
      {t.failed.length ? (
        <ul className="email-failures">
          {t.failed.map((i) => (
            <li key={i.id}>
              <strong>{i.customer}</strong> ({i.contact}): {i.email!.outcome}
              {i.email!.reason ? `: ${i.email!.reason}` : ''}
            </li>
          ))}
        </ul>
      ) : null}
      <ResendFailed state={state} />
    </>
  );
}
