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
    `Incident ${incident} ("${local.title}") exists on this computer, and ${hub} is a hub it has never synced with. ` +
    `Joining sends all ${local.events} of its events to that hub (${local.customers} affected customer${local.customers === 1 ? '' : 's'}${contacts}). ` +
    'Join only if you trust the person who sent the link.'
  );
}
