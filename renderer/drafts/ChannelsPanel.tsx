import type { ReactNode } from 'react';
import type { ChannelsView, HubChannels } from '../../src/ipc/contract.js';
import type { IncidentState } from '../../src/model/incident-state.js';
import { webhookLogLines } from './webhook-log.js';

/**
 * Where published updates go from this room, said plainly: the hub's status page (and whether this incident is
 * on it), whether the hub can email customers, and its chat webhooks with how their deliveries went. A channel
 * that is not set up says so, and that its text comes back on the clipboard.
 */
export function ChannelsPanel({ state, channels }: { state: IncidentState; channels: ChannelsView | null }) {
  const hub = channels?.hub ?? null;
  const noHub = channels?.reason ?? '';
  return (
    <section className="channels-panel" aria-labelledby="channels-title" data-testid="channels">
      <h2 id="channels-title" className="column-title">
        Where updates go
      </h2>
      {channels === null ? (
        <p className="muted small-text">Asking the room&apos;s hub…</p>
      ) : (
        <dl className="channel-list">
          <Channel name="Status page" id="status-page" on={hub !== null}>
            {hub ? (
              <>
                <span className="channel-address">{hub.statusPage.url}</span>
                {state.isPublic ? ' · this incident is public' : ' · this incident is not public yet'}
              </>
            ) : (
              `Not configured: ${noHub}. Published text is copied for you to paste.`
            )}
          </Channel>
          <Channel name="Email" id="email" on={hub?.email.configured === true}>
            {hub?.email.configured
              ? `Sent by the hub from ${hub.email.from ?? 'its mail server'}${hub.email.server ? ` through ${hub.email.server}` : ''}`
              : `Not configured: ${hub ? "this room's hub has no mail server set up (smtp in its channels.json)" : noHub}. Published text is copied for you to send.`}
          </Channel>
          <Channel name="Chat webhooks" id="webhooks" on={(hub?.webhooks.length ?? 0) > 0}>
            {hub ? webhookLine(hub) : 'Not configured: no hub.'}
            {hub ? <WebhookLog hub={hub} /> : null}
          </Channel>
          {hub?.problem ? <p className="form-error small-text">The hub&apos;s channels are off: {hub.problem}</p> : null}
        </dl>
      )}
    </section>
  );
}

/** The delivery log, what the hub gave up on first: opened by itself when there is any. */
function WebhookLog({ hub }: { hub: HubChannels }) {
  const lines = webhookLogLines(hub, Date.now());
  if (lines.length === 0) return null;
  return (
    <details className="webhook-log" open={hub.deadLetters.length > 0} data-testid="webhook-log">
      <summary>Delivery log{hub.deadLetters.length > 0 ? ` (${hub.deadLetters.length} given up)` : ''}</summary>
      <ul>
        {lines.map((l) => (
          <li key={l.id} className={`delivery-${l.state}`}>
            {l.text}
          </li>
        ))}
      </ul>
    </details>
  );
}

function Channel({ name, id, on, children }: { name: string; id: string; on: boolean; children: ReactNode }) {
  return (
    <div className={`channel ${on ? 'channel-on' : 'channel-off'}`} data-channel={id}>
      <dt>
        <span className="channel-dot" aria-hidden="true">
          {on ? '●' : '○'}
        </span>{' '}
        {name}
      </dt>
      <dd>{children}</dd>
    </div>
  );
}

/** "2 (slack to hooks.slack.com, json to ops.example): 5 delivered, 1 retrying, 0 given up". */
export function webhookLine(hub: HubChannels): string {
  if (hub.webhooks.length === 0) return 'None configured on this hub (webhooks in its channels.json).';
  const to = hub.webhooks.map((w) => `${w.format} to ${w.host}`).join(', ');
  return `${hub.webhooks.length} (${to}): ${deliveryCounts(hub.deliveries, hub.deadLetters.length)}`;
}

export function deliveryCounts(deliveries: HubChannels['deliveries'], dead: number): string {
  const delivered = deliveries.filter((d) => d.state === 'delivered').length;
  const trying = deliveries.filter((d) => d.state === 'pending' || d.state === 'retrying').length;
  return `${delivered} delivered, ${trying} retrying, ${dead} given up`;
}
