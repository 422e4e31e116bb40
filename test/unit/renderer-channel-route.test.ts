import { describe, expect, it } from 'vitest';
import { fold } from '../../src/incident/fold.js';
import type { ChannelsView, HubChannels } from '../../src/ipc/contract.js';
import { channelRoute } from '../../renderer/drafts/channel-route.js';
import { failedByPublication } from '../../renderer/customers/email-delivery.js';
import { EventFactory } from '../helpers/events.js';

// What the publish button promises, for each channel and each kind of hub, before anyone presses it.

const alice = new EventFactory();
const opened = alice.make('incident.opened', { title: 'Checkout failing', severity: 'SEV1' }, 1_000);
const customers = [
  ['Acme Corp', 'ops@acme.example', true],
  ['Globex', 'it@globex.example', true],
  ['Hooli', 'help@hooli.example', false],
  ['Initech', '+1 555 0100', true],
] as const;
const impacts = customers.map(([customer, contact, contactVerified], i) =>
  alice.make('impact.added', { customer, level: 'major', contact, contactVerified }, 2_000 + i),
);
const draftOn = (channel: 'email' | 'status-page' | 'social', audience: 'affected' | 'all' | 'internal' = 'affected') =>
  alice.make('draft.created', { title: 'Update', audience, channel }, 3_000);

function hub(smtp: boolean): HubChannels {
  return {
    statusPage: { url: 'http://127.0.0.1:7777/status', title: 'Acme status' },
    email: smtp
      ? { configured: true, from: 'status@acme.example', server: 'smtp.acme.example:587' }
      : { configured: false, from: null, server: null },
    mailer: { id: `u_${'h'.repeat(26)}`, name: 'hub' },
    webhooks: [],
    deliveries: [],
    deadLetters: [],
    problem: null,
  };
}
const noHub: ChannelsView = { hub: null, reason: 'this incident is not shared through a hub' };
const withHub = (smtp: boolean): ChannelsView => ({ hub: hub(smtp), reason: null });

function route(
  channel: 'email' | 'status-page' | 'social',
  channels: ChannelsView | null,
  extra = [] as ReturnType<typeof alice.make>[],
  audience?: 'affected' | 'all' | 'internal',
) {
  const created = draftOn(channel, audience);
  const state = fold([opened, ...impacts, created, ...extra]);
  return channelRoute(state, state.drafts[created.id]!, channels);
}

describe('the route a published draft takes', () => {
  it('waits for the hub’s answer rather than guess', () => {
    expect(route('email', null)).toBeNull();
  });

  it('emails through the hub the verified addresses only, and names how many will not get it', () => {
    const r = route('email', withHub(true))!;
    expect(r).toMatchObject({ deliver: 'hub', label: 'Publish and email 2 customers', configured: true });
    expect(r.where).toContain('from status@acme.example through smtp.acme.example:587');
    expect(r.where).toContain('(2 more without one will not get it)');
  });

  it('says plainly when email is not set up, and offers the clipboard and a file', () => {
    for (const [channels, words] of [
      [withHub(false), "this room's hub has no mail server set up"],
      [noHub, 'this incident is not shared through a hub'],
    ] as const) {
      const r = route('email', channels)!;
      expect(r).toMatchObject({ deliver: 'clipboard', label: 'Publish and copy the text', configured: false });
      expect(r.where).toContain(`Not emailed from here: ${words}`);
      expect(r.alternative).toEqual({ deliver: 'file', label: 'Publish and save to a file…' });
    }
    expect(route('email', withHub(true), [], 'internal')!.where).toContain('an internal update is not emailed to customers');
  });

  it('puts a status-page update on the hub once the incident is public, and copies it while it is private', () => {
    const priv = route('status-page', withHub(false))!;
    expect(priv).toMatchObject({ deliver: 'clipboard', label: 'Publish and copy the text', configured: false });
    expect(priv.where).toContain("Not on the hub's status page: this incident is not public");
    const pub = route('status-page', withHub(false), [alice.make('incident.visibility', { public: true }, 2_500)])!;
    expect(pub).toMatchObject({ deliver: 'hub', label: 'Publish to the status page', configured: true });
    expect(pub.where).toBe('Goes on the status page at http://127.0.0.1:7777/status.');
    expect(route('status-page', noHub)).toMatchObject({ deliver: 'clipboard', configured: false });
    expect(route('social', withHub(true))).toMatchObject({ deliver: 'clipboard' });
  });

  it('finds no failed customers where no hub recorded any email', () => {
    expect(failedByPublication(fold([opened, ...impacts])).size).toBe(0);
  });
});
