import type { WebhookNotice } from '../../../src/comms/webhook-payloads.js';
import type { Happening } from './room-happenings.js';

const CHANNEL_WORDS: Record<string, string> = { 'status-page': 'status page', email: 'email', social: 'social media' };

/** What a chat channel is told about a happening; null for what only the mail goes out for (a resend). */
export function webhookNotice(h: Happening, statusPageUrl: string | null): WebhookNotice | null {
  const { incident, event } = h;
  const base = {
    type: h.type,
    incident: { id: incident.id, title: incident.title, status: incident.status, severity: incident.severity, public: incident.isPublic },
    at: event.at.ms,
    eventId: event.id,
    actor: event.actor.name,
    link: incident.isPublic && statusPageUrl ? `${statusPageUrl}#${incident.id}` : null,
  };
  const facts = (...more: [string, string][]): [string, string][] => [
    ['Status', incident.status],
    ['Severity', incident.severity],
    ...more,
  ];
  switch (h.type) {
    case 'incident.opened':
      return {
        ...base,
        headline: `${incident.severity} opened: ${incident.title}`,
        text: h.summary,
        facts: facts(['Opened by', event.actor.name]),
        data: {},
      };
    case 'incident.status_changed':
      return {
        ...base,
        headline: `${incident.title}: ${h.from} → ${h.to}`,
        text: h.reason ?? '',
        facts: facts(['Changed by', event.actor.name]),
        data: { from: h.from, to: h.to },
      };
    case 'incident.severity_changed':
      return {
        ...base,
        headline: `${incident.title}: severity ${h.from} → ${h.to}`,
        text: h.reason ?? '',
        facts: facts(['Changed by', event.actor.name]),
        data: { from: h.from, to: h.to },
      };
    case 'statement.updated':
      return {
        ...base,
        headline: `${incident.title}: current status updated`,
        text: [h.impact && `Impact: ${h.impact}`, h.doing && `What we are doing: ${h.doing}`, h.next && `Next update: ${h.next}`]
          .filter(Boolean)
          .join('\n'),
        facts: facts(['By', event.actor.name]),
        data: { impact: h.impact, doing: h.doing, next: h.next },
      };
    case 'update.published':
      return {
        ...base,
        headline: `${incident.title}: customer update published (${CHANNEL_WORDS[h.update.channel] ?? h.update.channel})`,
        text: h.update.text,
        facts: facts(['Published by', event.actor.name], ['Approved by', h.update.approvedBy?.name ?? 'unknown']),
        data: { channel: h.update.channel, audience: h.update.audience, title: h.title },
      };
    default:
      return null;
  }
}
