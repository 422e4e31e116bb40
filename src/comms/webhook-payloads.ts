// What the hub posts to chat and automation webhooks when something happens in a room, in each tool's own
// documented shape. Pure: a notice in, a JSON-ready object out. The shapes the tests check these against are in
// test/fixtures/webhooks/ (with where each comes from).

export interface WebhookNotice {
  /** Stable, for automation: incident.opened, incident.status_changed, incident.severity_changed, statement.updated, update.published. */
  type: string;
  /** One line for people: "SEV1 opened: Checkout failing for EU customers". */
  headline: string;
  /** What there is to say beyond the headline (a statement, a published update's text); may be empty. */
  text: string;
  /** Short facts shown beside it: status, severity, channel. */
  facts: ReadonlyArray<readonly [string, string]>;
  incident: { id: string; title: string; status: string; severity: string; public: boolean };
  /** When it happened (epoch ms) and the event that recorded it. */
  at: number;
  eventId: string;
  actor: string;
  /** The public status page, when the incident is on it. */
  link: string | null;
  /** Anything else an automation may want (from/to of a change, a published update's channel and audience). */
  data: Record<string, unknown>;
}

const SEVERITY_COLOURS: Record<string, string> = { SEV1: '#c1121f', SEV2: '#a33f00', SEV3: '#7d5600', SEV4: '#57606a' };
const colourOf = (n: WebhookNotice): string =>
  n.incident.status === 'resolved' ? '#1a7f37' : (SEVERITY_COLOURS[n.incident.severity] ?? '#57606a');

/** Cuts text to `max` characters (an ellipsis marks the cut): every tool refuses a block over its limit. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Slack reads &, < and > as markup (`<!channel>` would ping everyone): text from a room is escaped first. */
export const slackEscape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Slack incoming webhook: `text` (the notification's fallback) and Block Kit `blocks` (header, section, context). */
export function slackPayload(n: WebhookNotice) {
  const facts = n.facts.map(([k, v]) => `*${slackEscape(k)}:* ${slackEscape(v)}`).join('   ');
  const blocks: object[] = [{ type: 'header', text: { type: 'plain_text', text: clip(n.headline, 150), emoji: true } }];
  if (n.text) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(slackEscape(n.text), 3000) } });
  const context = [facts, n.link ? `<${n.link}|Status page>` : ''].filter(Boolean).join('   ');
  if (context) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: clip(context, 2000) }] });
  return { text: clip(slackEscape(`${n.headline}${n.text ? `\n${n.text}` : ''}`), 3000), blocks };
}

/** Mattermost incoming webhook (Slack-compatible): `text` in Markdown, and a Slack-style attachment with the facts. */
export function mattermostPayload(n: WebhookNotice) {
  return {
    text: clip(`**${n.headline}**`, 4000),
    attachments: [
      {
        fallback: clip(n.headline, 300),
        color: colourOf(n),
        title: clip(n.incident.title, 250),
        ...(n.link ? { title_link: n.link } : {}),
        text: clip(n.text, 8000),
        fields: n.facts.map(([title, value]) => ({ title, value, short: true })),
      },
    ],
  };
}

/** Microsoft Teams (incoming webhook or a Workflows webhook): a message with one Adaptive Card. */
export function teamsPayload(n: WebhookNotice) {
  const body: object[] = [{ type: 'TextBlock', text: clip(n.headline, 300), weight: 'Bolder', size: 'Medium', wrap: true }];
  if (n.text) body.push({ type: 'TextBlock', text: clip(n.text, 8000), wrap: true });
  if (n.facts.length) body.push({ type: 'FactSet', facts: n.facts.map(([title, value]) => ({ title, value })) });
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body,
          ...(n.link ? { actions: [{ type: 'Action.OpenUrl', title: 'Status page', url: n.link }] } : {}),
        },
      },
    ],
  };
}

/** The generic JSON format, for automation: stable field names; the hub signs it (X-WarRoom-Signature). */
export function genericPayload(n: WebhookNotice, deliveryId: string) {
  return {
    id: deliveryId,
    type: n.type,
    occurred_at: new Date(n.at).toISOString(),
    event_id: n.eventId,
    actor: n.actor,
    incident: n.incident,
    headline: n.headline,
    text: n.text,
    link: n.link,
    data: n.data,
  };
}
