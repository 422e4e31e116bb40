import { extractFromXml } from '@extractus/feed-extractor';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanupTempDirs, waitFor } from '../helpers/hub-peers.js';
import { statuspageProblems } from '../helpers/statuspage-schema.js';
import { must, publishApproved, readyButUnapproved, teamRoom, type TeamRoom } from '../helpers/team-room.js';

const APPROVED =
  'Since 14:02 UTC some customers in the EU cannot complete checkout: payments time out. We have found the cause, a stalled database replica, and are moving traffic off it. Next update by 15:00 UTC.';
const UNAPPROVED = 'Draft nobody approved: everything is fine, only a small number of customers are affected.';

let team: TeamRoom | null = null;
afterEach(async () => {
  await team?.close();
  team = null;
  await cleanupTempDirs();
});

const get = (t: TeamRoom, path: string, headers: Record<string, string> = {}) => fetch(`${t.hub.hub.url}${path}`, { headers });
const json = async (t: TeamRoom, path: string) => (await (await get(t, path)).json()) as Record<string, unknown>;

/** Waits for the hub to finish folding what it was told, then reads the page. */
async function settledText(t: TeamRoom, path: string): Promise<string> {
  await t.hub.hub.channels.settled();
  return (await get(t, path)).text();
}

describe('the public status page a hub serves', () => {
  it('shows an approved status-page update of a public incident, in HTML, Atom and Statuspage JSON, and nothing else', async () => {
    team = await teamRoom();
    const { alice, incident } = team;
    must(await alice.warRoom.record(incident, 'incident.visibility', { public: true }));
    must(await alice.warRoom.record(incident, 'component.set', { name: 'Checkout API', status: 'partial_outage' }));
    must(await alice.warRoom.record(incident, 'incident.updated', { status: 'identified' }));
    await readyButUnapproved(team, UNAPPROVED);
    const { publication } = await publishApproved(team, { text: APPROVED, channel: 'status-page' });
    await waitFor(async () => (await settledText(team!, '/status')).includes('stalled database replica'), 'the update on the page');

    const html = await settledText(team, '/status');
    expect(html).toContain('Checkout failing for EU customers');
    expect(html).toContain('Checkout API');
    expect(html).toContain('Partial outage');
    expect(html).not.toContain('small number of customers');
    expect(html).not.toMatch(/<script/i);

    const feed = extractFromXml(await settledText(team, '/status/feed.atom'), { descriptionMaxLen: 0 } as never) as {
      entries?: Array<Record<string, string>>;
    };
    expect(feed.entries?.map((e) => e.title)).toEqual(['Checkout failing for EU customers']);
    expect(JSON.stringify(feed.entries)).toContain('stalled database replica');

    const summary = await json(team, '/api/v2/summary.json');
    expect(statuspageProblems(summary)).toEqual([]);
    expect(summary.status).toEqual({ indicator: 'critical', description: 'Major Service Outage' });
    expect(summary.components).toMatchObject([{ name: 'Checkout API', status: 'partial_outage' }]);
    expect(summary.incidents).toHaveLength(1);
    const [inc] = summary.incidents as Array<Record<string, unknown>>;
    expect(inc).toMatchObject({
      id: incident,
      name: 'Checkout failing for EU customers',
      status: 'identified',
      impact: 'critical',
      resolved_at: null,
    });
    expect(inc!.incident_updates).toEqual([
      expect.objectContaining({ id: publication, status: 'identified', body: APPROVED, incident_id: incident }),
    ]);
    for (const path of ['status.json', 'components.json', 'incidents.json', 'incidents/unresolved.json']) {
      const doc = await json(team, `/api/v2/${path}`);
      expect(statuspageProblems(doc), path).toEqual([]);
      expect(JSON.stringify(doc)).not.toContain('small number of customers');
    }
  });

  it('never shows a private incident, nor one made private again, and needs no token for any of it', async () => {
    team = await teamRoom({ title: 'Internal: primary firewall reset its configuration' });
    const { alice, incident } = team;
    await publishApproved(team, { text: 'A private update the public must not see. Next update by 16:00 UTC.', channel: 'status-page' });
    for (const path of ['/status', '/status/feed.atom', '/api/v2/summary.json', '/api/v2/incidents.json']) {
      const text = await settledText(team, path);
      expect(text, path).not.toContain('firewall');
      expect(text, path).not.toContain('must not see');
    }
    must(await alice.warRoom.record(incident, 'incident.visibility', { public: true }));
    await alice.client!.whenSynced();
    await waitFor(
      async () => (await settledText(team!, '/api/v2/incidents.json')).includes('firewall'),
      'the incident on the page once public',
    );
    must(await alice.warRoom.record(incident, 'incident.visibility', { public: false }));
    await alice.client!.whenSynced();
    await waitFor(
      async () => !(await settledText(team!, '/api/v2/incidents.json')).includes('firewall'),
      'the incident gone once private again',
    );
    expect(await settledText(team, '/status')).not.toContain('must not see');
  });

  it("refuses a visibility or component change from someone who is neither commander nor scribe, at the hub and in everyone's fold", async () => {
    team = await teamRoom();
    const { bob, incident } = team;
    // Bob holds comms, not commander or scribe: his app refuses, and so would the hub (a raw push is tested in hub-rules).
    const r = await bob.warRoom.record(incident, 'incident.visibility', { public: true });
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.error).toMatch(/Bob may not change whether the incident is public.*commander or the scribe/);
    const c = await bob.warRoom.record(incident, 'component.set', { name: 'API', status: 'major_outage' });
    expect(c.ok).toBe(false);
    expect(await settledText(team, '/api/v2/components.json')).not.toContain('API');
  });

  it('answers with ETag and Cache-Control, 304 for a reader who has it, and HEAD without a body', async () => {
    team = await teamRoom();
    must(await team.alice.warRoom.record(team.incident, 'incident.visibility', { public: true }));
    await team.alice.client!.whenSynced();
    await team.hub.hub.channels.settled();
    const first = await get(team, '/api/v2/summary.json');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    expect(first.headers.get('cache-control')).toBe('public, max-age=10');
    expect(first.headers.get('access-control-allow-origin')).toBe('*');
    const again = await get(team, '/api/v2/summary.json', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const head = await fetch(`${team.hub.hub.url}/status`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-security-policy')).toMatch(/default-src 'none'; style-src 'sha256-/);
    expect(await head.text()).toBe('');
    // A change makes a new ETag: the old copy is not served as current.
    must(await team.alice.warRoom.record(team.incident, 'component.set', { name: 'Payments', status: 'degraded_performance' }));
    await team.alice.client!.whenSynced();
    await waitFor(async () => (await settledText(team!, '/api/v2/summary.json')).includes('Payments'), 'the component');
    expect((await get(team, '/api/v2/summary.json', { 'if-none-match': etag })).status).toBe(200);
  });
});
