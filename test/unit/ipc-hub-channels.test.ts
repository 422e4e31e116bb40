import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelsAck } from '../../src/sync/protocol.js';
import { fail, ok, type Result } from '../../src/model/result.js';
import { createIpcHandlers, type IpcHandlerTable, type IpcServices } from '../../main/ipc/handlers.js';
import { ViewState } from '../../main/app/view-state.js';
import { openConfStore } from '../../main/services/conf-store.js';
import { incidentsDir } from '../../main/services/data-dir.js';
import { DraftsService } from '../../main/services/drafts-service.js';
import { IncidentLogStore } from '../../main/services/incident-log-store.js';
import { PreferencesService } from '../../main/services/preferences.js';
import { WarRoom } from '../../main/services/war-room.js';
import { tempDir } from '../helpers/temp-dir.js';
import { call, value } from '../helpers/ipc-call.js';
import { approveByBob } from '../helpers/second-approver.js';

// The window's road to the hub's channels: `hub:channels` answers what the hub does (or why there is no hub),
// and `drafts:publish` with `deliver: 'hub'` hands email to the hub's mailer, refusing before anything is
// recorded when the hub cannot send it. The hub itself is stood in by its answer; the e2e uses a real one.

const TEXT =
  'Since 14:02 UTC card payments at checkout fail for EU customers. We are moving traffic to a standby database. Next update at 15:00 UTC.';
const HUB_ACTOR = { id: `u_${'h'.repeat(26)}`, name: 'Acme status' };

function hubAnswer(smtp: boolean): ChannelsAck {
  return {
    ok: true,
    statusPage: { url: 'http://127.0.0.1:7777/status', title: 'Acme status' },
    email: smtp
      ? { configured: true, from: 'Acme status <status@acme.example>', server: '127.0.0.1:2525' }
      : { configured: false, from: null, server: null },
    mailer: HUB_ACTOR,
    webhooks: [],
    deliveries: [],
    deadLetters: [],
    problem: null,
  };
}

let dir: { path: string; cleanup: () => Promise<void> };
let warRoom: WarRoom;
let clipboard: string[];
let asked: string[];

beforeEach(async () => {
  dir = await tempDir();
  warRoom = new WarRoom({ store: new IncidentLogStore(incidentsDir(dir.path)), actor: () => ({ id: 'u_tester0001', name: 'Tess' }) });
  clipboard = [];
  asked = [];
});
afterEach(async () => {
  await warRoom.close();
  await dir.cleanup();
});

/** The handler table with a sync manager whose room's hub answers `answer` (or cannot be reached). */
function table(answer: Result<ChannelsAck> | null): IpcHandlerTable {
  const kv = openConfStore(dir.path);
  const sync =
    answer === null
      ? null
      : ({
          channels: async (incident: string) => {
            asked.push(incident);
            return answer;
          },
        } as unknown as NonNullable<IpcServices['sync']>);
  return createIpcHandlers({
    warRoom,
    preferences: new PreferencesService(kv),
    viewState: new ViewState(kv),
    sync,
    drafts: new DraftsService({ warRoom }),
    app: { version: 't', platform: 'linux' },
    writeClipboard: (t) => void clipboard.push(t),
  });
}

/** A draft written with TEXT, marked ready here and approved by Bob (a second person), as the rules ask. */
async function approved(incident: string, audience: 'affected' | 'all', channel: 'email' | 'status-page'): Promise<string> {
  const draft = value(await warRoom.record(incident, 'draft.created', { title: 'First update', audience, channel })).id;
  await approveByBob(warRoom, incident, draft, TEXT, Date.now());
  return draft;
}

/** An incident with four customers (three verified email contacts, one phone number) and an approved email to the affected. */
async function approvedEmail(t: IpcHandlerTable, verified = true): Promise<{ incident: string; draft: string }> {
  const { incident } = value(await call(t, 'incident:create', { title: 'Checkout failing', severity: 'SEV1' }));
  for (const [customer, contact] of [
    ['Acme Corp', 'ops@acme.example'],
    ['Globex', 'it@globex.example'],
    ['Initech', 'noc@initech.example'],
    ['Hooli', '+1 555 0100'],
  ])
    value(
      await call(t, 'event:record', {
        incident,
        kind: 'impact.added',
        data: { customer, level: 'major', contact, contactVerified: verified },
      }),
    );
  return { incident, draft: await approved(incident, 'affected', 'email') };
}

describe('hub:channels over IPC', () => {
  it('answers what the hub does, or plainly why there is no hub to ask; a bad payload is refused', async () => {
    expect(value(await call(table(ok(hubAnswer(true))), 'hub:channels', { incident: 'inc_aaaaaaa' }))).toMatchObject({
      reason: null,
      hub: { email: { configured: true }, mailer: HUB_ACTOR, statusPage: { url: 'http://127.0.0.1:7777/status' } },
    });
    const notShared = value(
      await call(table(fail('this incident is not shared through a hub')), 'hub:channels', { incident: 'inc_aaaaaaa' }),
    );
    expect(notShared).toEqual({ hub: null, reason: 'this incident is not shared through a hub' });
    expect(value(await call(table(null), 'hub:channels', { incident: 'inc_aaaaaaa' }))).toEqual({
      hub: null,
      reason: 'sync is not available in this build',
    });
    for (const bad of [{}, { incident: '../etc' }, { incident: 'inc_aaaaaaa', extra: 1 }, null, 'inc_aaaaaaa'])
      expect(await call(table(ok(hubAnswer(true))), 'hub:channels', bad)).toMatchObject({ ok: false, code: 'invalid' });
    // Asked twice (the two good payloads above); none of the bad ones reached the hub.
    expect(asked).toEqual(['inc_aaaaaaa', 'inc_aaaaaaa']);
  });
});

describe("drafts:publish through the hub's mailer", () => {
  it('names the hub as mailer, marks nobody notified on publishing, and says how many it will email', async () => {
    const t = table(ok(hubAnswer(true)));
    const { incident, draft } = await approvedEmail(t);
    const published = value(await call(t, 'drafts:publish', { incident, draft, deliver: 'hub' }));
    expect(published.delivered).toEqual({ to: 'hub', statusPage: 'http://127.0.0.1:7777/status', mailer: HUB_ACTOR, recipients: 3 });
    expect(published.notified).toEqual([]);
    const state = await warRoom.state(incident);
    expect(state.updates).toHaveLength(1);
    expect(state.updates[0]).toMatchObject({ channel: 'email', mailer: HUB_ACTOR.id, notified: [] });
    // Nobody is told until the mail server takes their message (email.delivery, written by the hub).
    expect(Object.values(state.impacts).filter((i) => i.notifiedAt !== null)).toEqual([]);
    expect(clipboard).toEqual([]);
  });

  it('refuses before recording anything when the hub has no mail server, nobody has a verified address, or there is no hub', async () => {
    const cases: Array<[Result<ChannelsAck> | null, boolean, RegExp]> = [
      [ok(hubAnswer(false)), true, /not published: this room's hub has no mail server set up/],
      [ok(hubAnswer(true)), false, /not published: none of the 4 customers it is for has a verified email address/],
      [fail('this room is offline: reconnect it to reach its hub'), true, /not published: this room is offline.*copy the text instead/],
      [null, true, /not published: this build cannot reach a hub/],
    ];
    for (const [answer, verified, error] of cases) {
      const t = table(answer);
      const { incident, draft } = await approvedEmail(t, verified);
      const r = await call(t, 'drafts:publish', { incident, draft, deliver: 'hub' });
      expect(r).toMatchObject({ ok: false, error: expect.stringMatching(error) });
      const state = await warRoom.state(incident);
      expect(state.updates).toEqual([]);
      expect(state.drafts[draft]!.review.state).toBe('approved');
      // The clipboard is the way out the window offers, and it still works.
      expect(value(await call(t, 'drafts:publish', { incident, draft, deliver: 'clipboard' })).delivered).toEqual({ to: 'clipboard' });
      expect((await warRoom.state(incident)).updates[0]!.mailer).toBeUndefined();
    }
  });

  it('puts a status-page update on the hub without naming a mailer', async () => {
    const t = table(ok(hubAnswer(false)));
    const { incident } = value(await call(t, 'incident:create', { title: 'Checkout failing', severity: 'SEV1' }));
    const draftId = await approved(incident, 'all', 'status-page');
    const published = value(await call(t, 'drafts:publish', { incident, draft: draftId, deliver: 'hub' }));
    expect(published.delivered).toEqual({ to: 'hub', statusPage: 'http://127.0.0.1:7777/status' });
    expect((await warRoom.state(incident)).updates[0]!.mailer).toBeUndefined();
  });
});
