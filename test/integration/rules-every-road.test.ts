import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textDigest } from '../../src/comms/digest.js';
import type { WarEvent } from '../../src/kinds/event.js';
import { EVENT_KINDS, kindEntry, type EventKind } from '../../src/kinds/index.js';
import { accessRefusal } from '../../src/kinds/rules.js';
import { ViewState } from '../../main/app/view-state.js';
import { HubRoom } from '../../main/hub/hub-room.js';
import { eventHash, newOriginFor, type Signer } from '../../main/identity/event-signature.js';
import { loadOrCreateSigner } from '../../main/identity/key-store.js';
import { createIpcHandlers, type IpcHandlerTable } from '../../main/ipc/handlers.js';
import { openConfStore } from '../../main/services/conf-store.js';
import { incidentsDir } from '../../main/services/data-dir.js';
import { DraftsService } from '../../main/services/drafts-service.js';
import { IncidentLogStore } from '../../main/services/incident-log-store.js';
import { PreferencesService } from '../../main/services/preferences.js';
import { WarRoom } from '../../main/services/war-room.js';
import { cli } from '../helpers/run-cli.js';
import { MemoryHubStorage } from '../helpers/hub-memory-storage.js';
import { ACKNOWLEDGE_ALL } from '../helpers/review-steps.js';
import { cleanupTempDirs, tempDir } from '../helpers/hub-peers.js';

/**
 * Every rule, on every road an event can take: the window's channels (the very IPC handler table the app
 * registers), the CLI (the real command where one writes the kind; else WarRoom.record, which every CLI
 * command calls), a peer's ingest (WarRoom.ingest: the fold keeps the event out of the state) and the hub
 * (HubRoom.push). Ana commands, Cara holds comms, Ben writes a hypothesis, a note and a draft he marked ready.
 * Mallory, an editor with her own key and no role, tries each thing on each road and is refused with the same
 * code and the same reason everywhere.
 */

const CLEAN =
  'Since 14:02 UTC, card payments at checkout are failing for 2 customers. We are moving traffic to a standby database. Next update at 15:00 UTC.';
const MINIMISING = 'Since 14:02 UTC, a small number of customers cannot pay at checkout. Next update at 15:00 UTC.';

interface Person {
  name: string;
  dir: string;
  signer: Signer;
  warRoom: WarRoom;
  drafts: DraftsService;
}

async function person(name: string, now?: () => number): Promise<Person> {
  const dir = await tempDir(`warroom-roads-${name}-`);
  const signer = (await loadOrCreateSigner(dir))!;
  const warRoom = new WarRoom({ store: new IncidentLogStore(incidentsDir(dir)), actor: () => ({ id: signer.actorId, name }), signer, now });
  return { name, dir, signer, warRoom, drafts: new DraftsService({ warRoom }) };
}

function must<T>(r: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

let ana: Person;
let ben: Person;
let cara: Person;
let mallory: Person;
let dan: Person;
let everyone: Person[];
let incident: string;
let ids: {
  hypothesis: string;
  note: string;
  bensDraft: string;
  malsReady: string;
  malsDraft: string;
  mailed: string;
  acme: string;
  published: string;
};
/** The hub that sends the team's email (the publication names it): only it records what became of each message. */
let mailer: Signer;
let window: IpcHandlerTable;

/** Everyone holds everyone's events, as after a sync. */
async function share(): Promise<void> {
  const all = (await Promise.all(everyone.map(async (p) => ((await p.warRoom.exists(incident)) ? p.warRoom.events(incident) : [])))).flat();
  for (const p of everyone) must(await p.warRoom.ingest(incident, all, 'catch-up'));
}

beforeAll(async () => {
  [ana, ben, cara, mallory, dan] = (await Promise.all(['Ana', 'Ben', 'Cara', 'Mallory', 'Dan'].map((n) => person(n)))) as [
    Person,
    Person,
    Person,
    Person,
    Person,
  ];
  everyone = [ana, ben, cara, mallory, dan];
  incident = must(await ana.warRoom.createIncident({ title: 'Checkout failing for EU customers', severity: 'SEV1' })).incident;
  must(await ana.warRoom.record(incident, 'role.assigned', { role: 'commander', person: { id: ana.signer.actorId, name: 'Ana' } }));
  must(await ana.warRoom.record(incident, 'role.assigned', { role: 'comms', person: { id: cara.signer.actorId, name: 'Cara' } }));
  await share();
  const hypothesis = must(
    await ben.warRoom.record(incident, 'hypothesis.added', { text: 'primary database stalled while replicating' }),
  ).id;
  const note = must(await ben.warRoom.record(incident, 'note.added', { text: 'failover started 14:05' })).id;
  const bensDraft = must(
    await ben.drafts.createDraft({ incident, title: 'First update', audience: 'affected', channel: 'email', text: CLEAN }),
  ).draftId;
  must(await ben.drafts.markReady(incident, bensDraft, { acknowledged: ACKNOWLEDGE_ALL }));
  await share();
  const malsReady = must(
    await mallory.drafts.createDraft({ incident, title: 'Her update', audience: 'all', channel: 'status-page', text: CLEAN }),
  ).draftId;
  must(await mallory.drafts.markReady(incident, malsReady, { acknowledged: ACKNOWLEDGE_ALL }));
  const malsDraft = must(
    await mallory.drafts.createDraft({ incident, title: 'Soothing words', audience: 'all', channel: 'status-page', text: MINIMISING }),
  ).draftId;
  await share();
  // What the public status page shows (components) and an email update the hub sends to Acme.
  must(await ana.warRoom.record(incident, 'component.set', { name: 'Checkout API', status: 'partial_outage' }));
  const acme = must(
    await ben.warRoom.record(incident, 'impact.added', {
      customer: 'Acme',
      level: 'critical',
      contact: 'ops@acme.test',
      contactVerified: true,
    }),
  ).id;
  const mailed = await emailedThroughTheHub(acme);
  await share();
  // Ben's second update, approved by Cara (comms) and published: final from then on.
  const published = must(
    await ben.drafts.createDraft({ incident, title: 'Published update', audience: 'affected', channel: 'email', text: CLEAN }),
  ).draftId;
  must(await ben.drafts.markReady(incident, published, { acknowledged: ACKNOWLEDGE_ALL }));
  await share();
  must(await cara.drafts.approve(incident, published, { acknowledged: ACKNOWLEDGE_ALL }));
  must(await cara.drafts.publish(incident, published));
  await share();
  ids = { hypothesis, note, bensDraft, malsReady, malsDraft, mailed, acme, published };
  const kv = openConfStore(mallory.dir);
  window = createIpcHandlers({
    warRoom: mallory.warRoom,
    preferences: new PreferencesService(kv),
    viewState: new ViewState(kv),
    drafts: mallory.drafts,
    app: { version: '0.0.0', platform: 'linux' },
    timeZone: 'UTC',
  });
});

/** Ben writes an email update, Cara approves it, Ana publishes it for the hub to send: its publication id. */
async function emailedThroughTheHub(customer: string): Promise<string> {
  mailer = (await loadOrCreateSigner(await tempDir('warroom-roads-hub-')))!;
  const draft = must(
    await ben.drafts.createDraft({ incident, title: 'Email to Acme', audience: 'customer', customer, channel: 'email', text: CLEAN }),
  ).draftId;
  must(await ben.drafts.markReady(incident, draft, { acknowledged: ACKNOWLEDGE_ALL }));
  await share();
  must(await cara.drafts.approve(incident, draft, { acknowledged: ACKNOWLEDGE_ALL }));
  await share();
  return must(await ana.drafts.publish(incident, draft, { mailer: mailer.actorId })).event.id;
}

afterAll(async () => {
  await Promise.all(everyone.map((p) => p.warRoom.close()));
  await cleanupTempDirs();
});

/** The event Mallory's own client would send, signed with her key on her origin's chain, as a raw peer writes it. */
async function malloryWrites(kind: EventKind, data: unknown, at = Date.now(), origin = mallory.warRoom.origin): Promise<WarEvent> {
  const mine = (await mallory.warRoom.events(incident)).filter((e) => e.origin === origin).sort((a, b) => a.seq - b.seq);
  const last = mine.at(-1);
  const e = {
    v: 1,
    id: `e_mal${Math.random().toString(36).slice(2, 12)}`,
    incident,
    origin,
    seq: (last?.seq ?? 0) + 1,
    at: { ms: at, c: 0 },
    actor: { id: mallory.signer.actorId, name: 'Mallory' },
    kind,
    data,
  } as WarEvent;
  return mallory.signer.signEvent(e, last && eventHash(last));
}

type Refused = { code: string; reason: string };

/** The hub's road: the room as stored (everyone's events), then Mallory's push. */
async function atTheHub(e: WarEvent): Promise<Refused | null> {
  const storage = new MemoryHubStorage();
  storage.rooms.set(incident, [...(await ana.warRoom.events(incident))]);
  const room = await HubRoom.load(incident, storage, () => Date.now());
  const out = await room.push([e], e.actor);
  return out.refused[0] ? { code: out.refused[0].code, reason: out.refused[0].reason } : null;
}

/**
 * A peer's road: Dan's app (given events on an origin of their own: Dan keeps what he takes in, and events
 * crafted on Mallory's everyday origin would fork it there, which his chain check rightly refuses) takes the event in from the hub; the gate, run by the fold, keeps it out of the
 * state (it stays in the log, as on the hub that relayed it). Ingest lists it when it was applied in place.
 */
async function atIngest(e: WarEvent): Promise<Refused | null> {
  const r = must(await dan.warRoom.ingest(incident, [e]));
  expect(r.rejected, r.rejected.join('; ')).toEqual([]);
  const kept = (await dan.warRoom.state(incident)).refused.find((x) => x.id === e.id);
  const listed = r.refused.find((x) => x.id === e.id);
  if (listed) expect(listed).toEqual(kept);
  return kept ? { code: kept.code, reason: kept.reason } : null;
}

/** Only these people's logs, to these people: the other tests' crafted events (Dan's) stay where they are. */
async function pass(from: Person[], to: Person[]): Promise<void> {
  for (const f of from) {
    const events = await f.warRoom.events(incident);
    for (const t of to) if (t !== f) must(await t.warRoom.ingest(incident, events, 'catch-up'));
  }
}

const asRefusal = (r: { ok: boolean; error?: string; code?: string }): Refused | null =>
  r.ok ? null : { code: r.code!, reason: r.error! };

/** The CLI's road: its real command when one writes the kind, else WarRoom.record, which each of its commands calls. */
async function atTheCli(kind: EventKind, data: unknown, args: string[] | null): Promise<Refused | null> {
  if (args === null) return asRefusal(await mallory.warRoom.record(incident, kind, data));
  const run = await cli([...args, '--incident', incident, '--data-dir', mallory.dir, '--name', 'Mallory']);
  if (run.code === 0) return null;
  const m = /^warroom \S+: (.*) \[([a-z-]+)\]$/.exec(run.stderr);
  if (!m) throw new Error(`unexpected CLI output: ${run.stderr}`);
  return { code: m[2]!, reason: m[1]! };
}

interface Row {
  rule: string;
  kind: EventKind;
  data: () => unknown;
  /** The window's channel for it, and the payload. */
  window: () => [channel: keyof IpcHandlerTable, payload: unknown];
  cli?: string[];
  /**
   * The roads that judge it by the rule, when not all four: the window and the CLI cannot write some events at
   * all (an opening is stamped with the incident's id when the incident is created; a publication names a
   * draft the app picked), so those roads refuse them earlier, in their own words, and are only asked to refuse.
   */
  only?: ('window' | 'cli' | 'ingest' | 'hub')[];
  /** When Mallory's raw event claims to have been written; now unless given. */
  at?: number;
  code: string;
  reason: RegExp;
}

const FINAL = (verb: string) =>
  new RegExp(`^Mallory may not ${verb} "Published update": it was published, and a published update is final$`);

const ROWS: Row[] = [
  {
    rule: 'only the commander assigns roles',
    kind: 'role.assigned',
    data: () => ({ role: 'scribe', person: { id: mallory.signer.actorId, name: 'Mallory' } }),
    window: () => ['event:record', { incident, kind: 'role.assigned', data: ROWS[0]!.data() }],
    code: 'not-permitted',
    reason: /^Mallory is not the commander \(Ana is\); only the commander assigns roles$/,
  },
  {
    rule: 'only its author, the commander or the scribe edits an entry',
    kind: 'entry.edited',
    data: () => ({ target: ids.hypothesis, text: 'solar flares' }),
    window: () => ['event:record', { incident, kind: 'entry.edited', data: { target: ids.hypothesis, text: 'solar flares' } }],
    code: 'not-permitted',
    reason: /^Mallory may not edit Ben's entry; only its author, the commander or the scribe may$/,
  },
  {
    rule: 'only its author, the commander or the scribe retracts an entry',
    kind: 'entry.retracted',
    data: () => ({ target: ids.note }),
    window: () => ['event:record', { incident, kind: 'entry.retracted', data: { target: ids.note } }],
    code: 'not-permitted',
    reason: /^Mallory may not retract Ben's entry/,
  },
  {
    rule: "only the commander or the scribe changes the incident's facts",
    kind: 'incident.updated',
    data: () => ({ status: 'resolved' }),
    window: () => ['event:record', { incident, kind: 'incident.updated', data: { status: 'resolved' } }],
    cli: ['status', '--status', 'resolved'],
    code: 'not-permitted',
    reason: /^Mallory may not change the incident's status \(to resolved\); only the commander or the scribe may \(commander: Ana\)$/,
  },
  {
    rule: 'only the commander or the scribe writes the current status',
    kind: 'status.statement',
    data: () => ({ impact: 'none', doing: 'nothing', next: 'never' }),
    window: () => ['event:record', { incident, kind: 'status.statement', data: { impact: 'none', doing: 'nothing', next: 'never' } }],
    code: 'not-permitted',
    reason: /^Mallory may not change the current status; only the commander or the scribe may/,
  },
  {
    rule: 'only a commander or comms holder approves',
    kind: 'draft.review',
    data: () => ({ target: ids.bensDraft, state: 'approved', acknowledged: ACKNOWLEDGE_ALL, digest: textDigest(CLEAN) }),
    window: () => ['drafts:review', { incident, draft: ids.bensDraft, step: 'approve', acknowledged: ACKNOWLEDGE_ALL }],
    code: 'not-permitted',
    reason:
      /^Mallory holds neither the commander nor the comms role \(commander: Ana, comms: Cara\); only they may approve customer updates$/,
  },
  {
    rule: 'whoever marked it ready does not approve it',
    kind: 'draft.review',
    data: () => ({ target: ids.malsReady, state: 'approved', acknowledged: ACKNOWLEDGE_ALL, digest: textDigest(CLEAN) }),
    window: () => ['drafts:review', { incident, draft: ids.malsReady, step: 'approve', acknowledged: ACKNOWLEDGE_ALL }],
    code: 'not-permitted',
    reason: /^Mallory marked this draft ready; someone else must approve it$/,
  },
  {
    rule: 'only an approved draft is published',
    kind: 'draft.published',
    data: () => ({ target: ids.bensDraft, text: CLEAN, channel: 'email', audience: 'affected', notified: [] }),
    window: () => ['drafts:publish', { incident, draft: ids.bensDraft, deliver: 'none' }],
    code: 'not-permitted',
    reason: /^Mallory may not publish "First update": it is not approved \(it is ready\)/,
  },
  {
    rule: 'only a commander or comms holder is asked to approve',
    kind: 'draft.review-requested',
    data: () => ({ target: ids.bensDraft, reviewer: { id: ben.signer.actorId, name: 'Ben' } }),
    window: () => [
      'event:record',
      { incident, kind: 'draft.review-requested', data: { target: ids.bensDraft, reviewer: { id: ben.signer.actorId, name: 'Ben' } } },
    ],
    code: 'not-permitted',
    reason: /^Ben holds neither the commander nor the comms role; only they may approve customer updates$/,
  },
  {
    rule: 'only the commander or the scribe puts the incident on the public status page',
    kind: 'incident.visibility',
    data: () => ({ public: true }),
    window: () => ['event:record', { incident, kind: 'incident.visibility', data: { public: true } }],
    code: 'not-permitted',
    reason:
      /^Mallory may not change whether the incident is public \(to show it on the status page\); only the commander or the scribe may \(commander: Ana\)$/,
  },
  {
    rule: "only the commander or the scribe sets the status page's components",
    kind: 'component.set',
    data: () => ({ name: 'Checkout API', status: 'operational' }),
    window: () => ['event:record', { incident, kind: 'component.set', data: { name: 'Checkout API', status: 'operational' } }],
    code: 'not-permitted',
    reason: /^Mallory may not change the status page's components \(Checkout API\); only the commander or the scribe may/,
  },
  {
    rule: 'only the commander or the scribe takes a component off the status page',
    kind: 'component.removed',
    data: () => ({ name: 'Checkout API' }),
    window: () => ['event:record', { incident, kind: 'component.removed', data: { name: 'Checkout API' } }],
    code: 'not-permitted',
    reason: /^Mallory may not change the status page's components \(Checkout API\)/,
  },
  {
    rule: 'only the hub the publication names records what became of an email',
    kind: 'email.delivery',
    data: () => ({ publication: ids.mailed, target: ids.acme, outcome: 'sent' }),
    window: () => [
      'event:record',
      { incident, kind: 'email.delivery', data: { publication: ids.mailed, target: ids.acme, outcome: 'sent' } },
    ],
    code: 'not-permitted',
    reason: /^Mallory is not the hub that sends this update; only it records what became of each email$/,
  },
  {
    rule: 'the opening is the incident’s own: a second one, dated 1970, is refused',
    kind: 'incident.opened',
    data: () => ({ title: 'Nothing happened', severity: 'SEV4' }),
    window: () => ['event:record', { incident, kind: 'incident.opened', data: { title: 'Nothing happened', severity: 'SEV4' } }],
    only: ['ingest', 'hub'],
    at: 0,
    code: 'not-permitted',
    reason: /^Mallory may not open this incident again: it has one opening, its own \(by Ana\)$/,
  },
  {
    rule: 'a published draft is final: no keystroke',
    kind: 'draft.edited',
    data: () => ({ target: ids.published, update: 'AAAA' }),
    window: () => ['drafts:edit', { incident, draft: ids.published, update: 'AAAA' }],
    code: 'not-permitted',
    reason: FINAL('edit'),
  },
  {
    rule: 'a published draft is final: no review step',
    kind: 'draft.review',
    data: () => ({ target: ids.published, state: 'ready', acknowledged: ACKNOWLEDGE_ALL, digest: textDigest(CLEAN) }),
    window: () => ['drafts:review', { incident, draft: ids.published, step: 'ready', acknowledged: ACKNOWLEDGE_ALL }],
    code: 'not-permitted',
    reason: FINAL('review'),
  },
  {
    rule: 'a published draft is final: no second publication',
    kind: 'draft.published',
    data: () => ({ target: ids.published, text: CLEAN, channel: 'email', audience: 'affected', notified: [] }),
    window: () => ['drafts:publish', { incident, draft: ids.published, deliver: 'none' }],
    code: 'not-permitted',
    reason: FINAL('publish'),
  },
  {
    rule: 'a publication names a draft of this incident',
    kind: 'draft.published',
    data: () => ({ target: 'e_nosuchdraft01', text: 'All fixed, nothing to see', channel: 'email', audience: 'all', notified: [] }),
    window: () => ['drafts:publish', { incident, draft: 'e_nosuchdraft01', deliver: 'none' }],
    only: ['ingest', 'hub'],
    code: 'not-permitted',
    reason: /^Mallory may not publish an update of a draft that does not exist in this incident$/,
  },
  {
    rule: 'a milestone is not dated more than 30 days before the opening (1970)',
    kind: 'milestone.set',
    data: () => ({ milestone: 'impact-started', at: 0 }),
    window: () => ['event:record', { incident, kind: 'milestone.set', data: { milestone: 'impact-started', at: 0 } }],
    code: 'not-permitted',
    reason:
      /^Mallory may not set this milestone: impact started \(1970-01-01 00:00 UTC\) cannot be more than 30 days before the incident opened \(/,
  },
  {
    rule: 'only the chosen peer (comms, else commander, else opener) records a missed update',
    kind: 'update.overdue',
    data: () => ({ dueAt: Date.now() - 1000 }),
    window: () => ['event:record', { incident, kind: 'update.overdue', data: { dueAt: Date.now() - 1000 } }],
    only: ['cli', 'ingest', 'hub'],
    code: 'not-permitted',
    reason: /^Mallory may not record a missed update: Cara records it \(comms, else the commander, else whoever opened the incident\)$/,
  },
];

describe('every rule on every road: the same code and reason', () => {
  it('covers every kind that has a rule (a new rule needs a row here)', () => {
    const ruled = EVENT_KINDS.filter((k) => kindEntry(k).rule !== undefined).sort();
    expect([...new Set(ROWS.map((r) => r.kind))].sort()).toEqual(ruled);
  });

  for (const row of ROWS) {
    it(`${row.rule} (${row.kind})`, async () => {
      const [channel, payload] = row.window();
      const at = row.at ?? Date.now();
      const roads = {
        window: asRefusal(await window[channel](payload)),
        cli: await atTheCli(row.kind, row.data(), row.cli ?? null),
        ingest: await atIngest(await malloryWrites(row.kind, row.data(), at, newOriginFor(mallory.signer.key))),
        hub: await atTheHub(await malloryWrites(row.kind, row.data(), at, newOriginFor(mallory.signer.key))),
      };
      expect(roads.hub).toMatchObject({ code: row.code, reason: expect.stringMatching(row.reason) });
      const judged = row.only ?? (['window', 'cli', 'ingest', 'hub'] as const);
      expect(Object.fromEntries(judged.map((r) => [r, roads[r]]))).toEqual(Object.fromEntries(judged.map((r) => [r, roads.hub])));
      // The roads that cannot carry it refuse it all the same, earlier.
      for (const r of ['window', 'cli'] as const) if (!judged.includes(r)) expect(roads[r], r).not.toBeNull();
    });
  }

  it('time: nothing dated before the opening, on every road (an app or a CLI whose clock is a minute slow included)', async () => {
    const opened = (await dan.warRoom.state(incident)).openedAt;
    const tooEarly = (who: string) => ({
      code: 'too-early',
      reason: expect.stringMatching(new RegExp(`^${who}'s event is dated .*, before the incident opened \\(`)),
    });
    // On an origin of its own (a second install of hers), so only the incident's opening bounds it.
    const origin = newOriginFor(mallory.signer.key);
    const early = async () => malloryWrites('note.added', { text: 'it was fine in 1970' }, opened - 60_000, origin);
    expect(await atTheHub(await early())).toEqual(tooEarly('Mallory'));
    // A peer turns it away on arrival, in the gate's words (its identity check bounds time as the hub's does).
    const e = await early();
    const r = must(await dan.warRoom.ingest(incident, [e]));
    expect(r.added).toEqual([]);
    expect(r.rejected).toEqual([expect.stringMatching(/^Mallory's event is dated .*, before the incident opened \(/)]);
    // The app and the CLI stamp with their own clock, which adopts a teammate's stamp at most a second ahead:
    // a clock a minute slow stamps before the opening, and the gate refuses it there too.
    const slow = await person('Slow', () => Date.now() - 120_000);
    everyone.push(slow);
    await share();
    expect(asRefusal(await slow.warRoom.record(incident, 'note.added', { text: 'my clock is slow' }, 'window'))).toEqual(tooEarly('Slow'));
    expect(asRefusal(await slow.warRoom.record(incident, 'note.added', { text: 'my clock is slow' }))).toEqual(tooEarly('Slow'));
  });

  it('lint acknowledgement before ready: the window, the CLI and the hub refuse it alike; a peer does not re-judge it', async () => {
    const data = { target: ids.malsDraft, state: 'ready', acknowledged: [], digest: textDigest(MINIMISING) };
    const expected = { code: 'unacknowledged', reason: 'not marked ready: acknowledge these findings first: minimising-impact (warning)' };
    expect(asRefusal(await window['drafts:review']({ incident, draft: ids.malsDraft, step: 'ready', acknowledged: [] }))).toEqual(expected);
    expect(await atTheCli('draft.review', data, null)).toEqual(expected);
    expect(await atTheHub(await malloryWrites('draft.review', data))).toEqual(expected);
    // A write policy, judged where the event is written and first stored, not by the fold: the linter changes
    // between versions and must not rewrite history (src/kinds/define.ts, writePolicy).
    expect(await atIngest(await malloryWrites('draft.review', data, Date.now(), newOriginFor(mallory.signer.key)))).toBeNull();
  });

  it("the team's own words in a customer update (internal-fact): the window, the CLI and the hub refuse ready alike, and follow an edit", async () => {
    const guess = must(await ben.warRoom.record(incident, 'hypothesis.added', { text: 'IP address conflict on the private network' })).id;
    const text = 'Since 14:02 UTC, card payments are failing: IP address conflict on the private network. Next update at 15:00 UTC.';
    const draft = must(
      await mallory.drafts.createDraft({ incident, title: 'Too candid', audience: 'all', channel: 'status-page', text }),
    ).draftId;
    await pass([ben, mallory], [ana, mallory]);
    const acknowledged = ACKNOWLEDGE_ALL.filter((r) => r !== 'internal-fact');
    const data = { target: draft, state: 'ready', acknowledged, digest: textDigest(text) };
    const expected = { code: 'unacknowledged', reason: 'not marked ready: acknowledge these findings first: internal-fact (error)' };
    expect(asRefusal(await window['drafts:review']({ incident, draft, step: 'ready', acknowledged }))).toEqual(expected);
    expect(await atTheCli('draft.review', data, null)).toEqual(expected);
    expect(await atTheHub(await malloryWrites('draft.review', data))).toEqual(expected);
    // Ben rewords his hypothesis: the draft's words are no longer the team's, on the hub's book as in the fold.
    must(await ben.warRoom.record(incident, 'entry.edited', { target: guess, text: 'two hosts answer for one address' }));
    await pass([ben, mallory], [ana, mallory]);
    expect(await atTheCli('draft.review', data, null)).toBeNull();
    expect(await atTheHub(await malloryWrites('draft.review', data))).toBeNull();
  });

  it('lint acknowledgement and the text as reviewed: a ready step for other words than the draft holds is refused', async () => {
    const data = { target: ids.malsDraft, state: 'ready', acknowledged: ACKNOWLEDGE_ALL, digest: textDigest('other words') };
    const expected = { code: 'text-changed', reason: 'not marked ready: the text changed since it was reviewed; review it again' };
    expect(await atTheCli('draft.review', data, null)).toEqual(expected);
    expect(await atTheHub(await malloryWrites('draft.review', data))).toEqual(expected);
  });

  it('the window may not record what only the app records for it (review, publish, drafts, overdue): event:record refuses', async () => {
    for (const kind of ['draft.review', 'draft.published'] as const) {
      const data =
        kind === 'draft.review'
          ? { target: ids.malsDraft, state: 'ready', acknowledged: ACKNOWLEDGE_ALL, digest: textDigest(MINIMISING) }
          : { target: ids.bensDraft, text: CLEAN, channel: 'email', audience: 'affected' };
      expect(asRefusal(await window['event:record']({ incident, kind, data }))).toEqual({
        code: 'service-only',
        reason: `${kind} is recorded by the app's own steps (review, publish, drafts), not written directly`,
      });
    }
    const serviceOnly = EVENT_KINDS.filter((k) => kindEntry(k).serviceOnly);
    expect(serviceOnly).toEqual(['draft.created', 'draft.edited', 'draft.updated', 'draft.review', 'draft.published', 'update.overdue']);
    // The same steps through the app's own service are judged by the rules instead (here: the lint policy).
    expect(asRefusal(await window['drafts:review']({ incident, draft: ids.malsDraft, step: 'ready', acknowledged: [] }))).toMatchObject({
      code: 'unacknowledged',
    });
  });

  it('a viewer writes nothing: the window, the services (the CLI) and the hub refuse with the same code and reason', async () => {
    mallory.warRoom.joinedAs(incident, 'viewer');
    try {
      const viaWindow = asRefusal(await window['event:record']({ incident, kind: 'note.added', data: { text: 'hello' } }));
      const viaDrafts = asRefusal(
        await window['drafts:review']({ incident, draft: ids.malsDraft, step: 'ready', acknowledged: ACKNOWLEDGE_ALL }),
      );
      const viaService = await atTheCli('note.added', { text: 'hello' }, null);
      expect(viaWindow).toEqual({ code: 'forbidden', reason: expect.stringMatching(/viewer, which is read-only/) });
      expect([viaDrafts, viaService, accessRefusal('viewer')]).toEqual([viaWindow, viaWindow, viaWindow]);
    } finally {
      mallory.warRoom.joinedAs(incident, null);
    }
    expect(must(await mallory.warRoom.record(incident, 'note.added', { text: 'back as an editor' })).kind).toBe('note.added');
  });
});

// A CLI data dir holds the key the CLI signs with: Mallory's app and her CLI are the same person.
it('the CLI signs as the same key as the app in the same data dir', async () => {
  expect((await loadOrCreateSigner(join(mallory.dir)))!.actorId).toBe(mallory.signer.actorId);
});
