import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_LIMITS } from '../../src/sync/protocol.js';
import { cleanupTempDirs, makePeer, mintInvite, readHubLog, teamStillWorks, tempDir, waitFor, type Peer } from '../helpers/hub-peers.js';
import { spawnHub, type HubProcess } from '../helpers/hub-process.js';
import { pullFlood, pushFlood, pushLargeEvents, stalledReaders } from '../helpers/flood-attack.js';

/**
 * One invite holder against the team, on a real `warroom hub` process with its default limits (issue 20: 20
 * polite connections of one invite stored 24,000 events in 12 s; 20 connections asking for pages they never
 * read took the hub from 227 MiB to 1.8 GB; a 200 KB event to 200 sockets that never read blocked it 0.7 s).
 * What is asserted is what the attacker got and what the hub holds, from its own /metrics; the timings are
 * bench figures (`npm run bench -- flood`).
 */
let hub: HubProcess;
let dataDir: string;
let incident: string;
let ana: Peer; // her own editor invite
let ben: Peer; // came in with the same editor link the attacker holds
let cleo: Peer; // a viewer, reading
const MiB = 2 ** 20;

async function metrics(): Promise<Record<string, number>> {
  const text = await (await fetch(`${hub.url}/metrics`)).text();
  const out: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const m = /^([a-z_]+(?:\{[^}]*\})?) ([0-9.e+-]+)$/.exec(line);
    if (m) out[m[1]!] = Number(m[2]);
  }
  return out;
}

/** The hub's figures while `during` runs: the longest loop block, the most RSS, pages in flight and send queues. */
async function watchHub<T>(during: Promise<T>) {
  const seen = { loopMaxMs: 0, rssMax: 0, pagesMax: 0, queuesMax: 0 };
  let running = true;
  const sampling = (async () => {
    while (running) {
      const m = await metrics();
      seen.loopMaxMs = Math.max(seen.loopMaxMs, (m.nodejs_eventloop_lag_max_seconds ?? 0) * 1000);
      seen.rssMax = Math.max(seen.rssMax, m.process_resident_memory_bytes ?? 0);
      seen.pagesMax = Math.max(seen.pagesMax, m.warroom_hub_page_bytes_in_flight ?? 0);
      seen.queuesMax = Math.max(seen.queuesMax, m.warroom_hub_send_queue_bytes ?? 0);
      await new Promise((r) => setTimeout(r, 150));
    }
  })();
  try {
    return { result: await during, seen };
  } finally {
    running = false;
    await sampling;
  }
}

// An invite's claims are its room, role and expiry: two minted in one millisecond would be one invite (and share
// one budget). Each call here is a different invite, as a host handing out links makes them.
let minted = 0;
const invite = (role: 'editor' | 'viewer') => mintInvite(dataDir, incident, role, Date.now() + 3_600_000 + ++minted * 1000);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let sharedEditorLink: string;
beforeAll(async () => {
  dataDir = await tempDir('warroom-flood-hub-');
  hub = await spawnHub(['--port', '0', '--data-dir', dataDir], 60_000);
  [ana, ben, cleo] = await Promise.all([makePeer('Ana'), makePeer('Ben'), makePeer('Cleo')]);
  const opened = await ana.warRoom.createIncident({ title: 'Checkout failing for EU customers' });
  if (!opened.ok) throw new Error(opened.error);
  incident = opened.value.incident;
  // 300 log excerpts of 8 KB: a catch-up is a page of about 2.4 MB.
  for (let i = 0; i < 300; i++)
    await ana.warRoom.record(incident, 'note.added', { text: `replica lag excerpt ${i}: ${'ERROR replica lag 30s '.repeat(370)}` });
  await ana.connect(hub.url, incident, await invite('editor')).whenSynced(60_000);
  sharedEditorLink = await invite('editor');
  await ben.connect(hub.url, incident, sharedEditorLink).whenSynced(60_000);
  await cleo.connect(hub.url, incident, await invite('viewer')).whenSynced(60_000);
}, 180_000);

afterAll(async () => {
  for (const p of [ana, ben, cleo]) await p?.close();
  await hub?.stop();
  await cleanupTempDirs();
});

/** Each writer's notes, written while an attack runs, one every 100 ms; resolves with their ids. */
async function teamWrites(writers: Peer[], count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    for (const p of writers) {
      const r = await p.warRoom.record(incident, 'note.added', { text: `${p.name}: checked replica ${i}` });
      if (!r.ok) throw new Error(r.error);
      ids.push(r.value.id);
    }
    await sleep(100);
  }
  return ids;
}

async function everyoneHas(ids: string[]): Promise<void> {
  for (const p of [ana, ben, cleo]) {
    await waitFor(
      async () => {
        const have = new Set((await p.warRoom.events(incident)).map((e) => e.id));
        return ids.every((id) => have.has(id));
      },
      `${p.name} to see every note the team wrote under attack`,
      30_000,
    );
  }
}

describe('one invite holder flooding the hub', () => {
  it('twenty connections of one link pushing as fast as they are let share one budget; the team, Ben on the same link, writes on', async () => {
    const started = Date.now();
    const flood = pushFlood(hub.url, sharedEditorLink, incident, 20);
    const { result: ids, seen } = await watchHub(teamWrites([ana, ben], 15));
    const report = await flood.stop();
    const seconds = (Date.now() - started) / 1000;
    console.info(`push flood: ${JSON.stringify(report)} in ${seconds.toFixed(1)} s; hub ${JSON.stringify(seen)}`);

    expect(report.connected).toBe(20);
    // Each of the twenty was held back, and told how long to wait.
    expect(report.limited).toBeGreaterThanOrEqual(20);
    // Everything the twenty stored fits one invite's budget (a burst, the rate, and quiet holders' half
    // shares), not twenty times it.
    const attackers = new Set([ana.actor.id, ben.actor.id, cleo.actor.id]);
    const stored = (await readHubLog(dataDir, incident)).filter((e) => !attackers.has(e.actor.id) && e.kind === 'note.added').length;
    expect(stored).toBe(report.stored);
    const budget = 2 * PROTOCOL_LIMITS.pushEventsBurst + PROTOCOL_LIMITS.pushEventsPerSecond * seconds + 50;
    expect(stored).toBeLessThanOrEqual(budget);
    // The team: every note stored and seen by everyone, Ben's too, with no refusal in anyone's sync.
    await everyoneHas(ids);
    for (const p of [ana, ben]) expect(p.client!.status().error).toBeUndefined();
    expect(seen.loopMaxMs).toBeLessThan(2_000);
  }, 120_000);

  it('twenty connections asking for 2.4 MB pages they never read hold at most one invite of pages; the team reads on', async () => {
    const before = await metrics();
    const flood = pullFlood(hub.url, await invite('viewer'), incident, 20);
    const { result: ids, seen } = await watchHub(
      (async () => {
        await flood.opened;
        const written = await teamWrites([ana, ben], 10);
        await sleep(1_500);
        return written;
      })(),
    );
    const report = await flood.stop();
    const after = await metrics();
    const grewMiB = (seen.rssMax - before.process_resident_memory_bytes!) / MiB;
    console.info(`pull flood: ${JSON.stringify(report)}; hub ${JSON.stringify(seen)}, RSS grew ${grewMiB.toFixed(0)} MiB`);

    expect(report.connected).toBe(20);
    // Pages are charged before they are built: no more than the invite's cap (plus the team's own) at once.
    expect(seen.pagesMax).toBeLessThanOrEqual(PROTOCOL_LIMITS.pageBytesInFlightPerInvite + PROTOCOL_LIMITS.linesPageBytes);
    // The rest of their asking was refused, with a wait.
    expect(
      after['warroom_hub_refusals_total{code="rate-limited"}']! - before['warroom_hub_refusals_total{code="rate-limited"}']!,
    ).toBeGreaterThan(20);
    // The hub's memory: bounded by its caps (pages in flight, send queues), not by what was asked.
    expect(grewMiB).toBeLessThan(RSS_BOUND_MIB);
    await everyoneHas(ids);
    expect(seen.loopMaxMs).toBeLessThan(2_000);
  }, 120_000);

  it('two hundred sockets that never read cost nothing when 200 KB events are pushed; the readers get them', async () => {
    const before = await metrics();
    const stalled = await stalledReaders(hub.url, [await invite('viewer'), await invite('viewer')], incident, 200);
    expect(stalled.report, 'every stalled socket connected').toMatchObject({ connected: 200, refusedConnections: {} });
    const { result: pushed, seen } = await watchHub(
      (async () => {
        const r = await pushLargeEvents(hub.url, await invite('editor'), incident, 10);
        await teamStillWorks([ana, ben], incident);
        return r;
      })(),
    );
    stalled.close();
    const grewMiB = (seen.rssMax - before.process_resident_memory_bytes!) / MiB;
    console.info(
      `200 stalled sockets, 10 events of 200 KB: ${JSON.stringify(pushed)}; hub ${JSON.stringify(seen)}, RSS grew ${grewMiB.toFixed(0)} MiB`,
    );

    expect(pushed.stored).toBe(11);
    // The pasted draft reached the team (fetched by their pulls): every edit, 200 KB each.
    const large = (await readHubLog(dataDir, incident)).filter((e) => e.kind === 'draft.edited').map((e) => e.id);
    expect(large).toHaveLength(10);
    await everyoneHas(large);
    // Nothing of 200 KB was queued for the two hundred: the hub's send queues stayed small.
    expect(seen.queuesMax).toBeLessThan(8 * MiB);
    expect(grewMiB).toBeLessThan(RSS_BOUND_MIB);
    expect(seen.loopMaxMs).toBeLessThan(2_000);
  }, 120_000);
});

/**
 * What flooding may add to the hub's RSS: its caps (pages in flight 48 MiB, send queues 96 MiB) and working
 * room. The loop bound above (2 s, under nice on a machine at load 15-25) is loose on purpose: tests never assert timings on this shared machine;
 * the bench holds the 100 ms target.
 */
const RSS_BOUND_MIB = 48 + 96 + 64;
