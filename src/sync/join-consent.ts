/**
 * Joining a room pushes every local event of that incident to the hub. When the incident already exists
 * here and the hub is one this machine has never synced with, that is sharing (customer contacts
 * included) with a stranger: the app and the CLI ask first. A refused join carries the code
 * `consent-needed` and this question, so the window offers the confirmation instead of a plain error.
 */

export interface LocalShare {
  title: string;
  events: number;
  customers: number;
  contacts: number;
}

export function consentQuestion(hub: string, incident: string, local: LocalShare): string {
  const contacts = local.contacts ? `, including ${local.contacts} customer contact${local.contacts === 1 ? '' : 's'}` : '';
  return (
    `Incident ${incident} ("${local.title}") exists on this computer, and this computer has never shared it with ${hub}. ` +
    `Joining sends all ${local.events} of its events to that hub (${local.customers} affected customer${local.customers === 1 ? '' : 's'}${contacts}). ` +
    'Join only if you trust the person who sent the link.'
  );
}

/**
 * The question when a link names a hub this machine knows under another certificate: whoever answers at that
 * address now is not provably the hub it shared with before (a changed certificate, or someone else's).
 */
export function fingerprintQuestion(hub: string, pinned: string, offered: string | null): string {
  const was = pinned === '' ? 'no pinned certificate' : `certificate ${pinned.slice(0, 23)}…`;
  const now = offered === null ? 'no certificate fingerprint' : `certificate ${offered.slice(0, 23)}…`;
  return (
    `This link names ${hub} with ${now}, but this computer shared with ${hub} under ${was}. ` +
    "It may be someone else's hub at the same address. Nothing was sent. Join only if the person who runs the hub confirms the change."
  );
}
