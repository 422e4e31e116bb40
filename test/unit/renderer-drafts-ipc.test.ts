import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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

// The drafts channels the drafts pane uses beyond the basics: details of a draft, and publishing with delivery.

let dir: { path: string; cleanup: () => Promise<void> };
let me = { id: 'u_alice00001', name: 'Alice' };
let warRoom: WarRoom;
let clipboard: string[];
let savePath: string | null;

function table(extra: Partial<IpcServices> = {}): IpcHandlerTable {
  const kv = openConfStore(dir.path);
  return createIpcHandlers({
    warRoom,
    preferences: new PreferencesService(kv),
    viewState: new ViewState(kv),
    drafts: new DraftsService({ warRoom, timeZone: () => 'UTC' }),
    app: { version: '1', platform: 'linux' },
    chooseSavePath: async () => savePath,
    writeClipboard: (t) => void clipboard.push(t),
    timeZone: 'UTC',
    ...extra,
  });
}

beforeEach(async () => {
  dir = await tempDir();
  me = { id: 'u_alice00001', name: 'Alice' };
  warRoom = new WarRoom({ store: new IncidentLogStore(incidentsDir(dir.path)), actor: () => me });
  clipboard = [];
  savePath = null;
});

afterEach(async () => {
  await warRoom.close();
  await dir.cleanup();
});

/** An incident with one affected customer and an approved draft for affected customers: Alice wrote it, Bob (comms) approved it. */
async function approvedDraft(t: IpcHandlerTable, channel: 'email' | 'status-page') {
  const { incident } = value(
    await call(t, 'incident:create', { title: 'Checkout failing', severity: 'SEV1', summary: 'Card payments at checkout are failing' }),
  );
  value(await call(t, 'event:record', { incident, kind: 'impact.added', data: { customer: 'Acme Corp', level: 'critical' } }));
  value(
    await call(t, 'event:record', {
      incident,
      kind: 'role.assigned',
      data: { role: 'comms', person: { id: 'u_bob0000001', name: 'Bob' } },
    }),
  );
  const { draftId } = value(await call(t, 'drafts:create', { incident, audience: 'affected', channel }));
  const [card] = value(await call(t, 'drafts:list', { incident }));
  value(await call(t, 'drafts:review', { incident, draft: draftId, step: 'ready', acknowledged: card!.needsAcknowledgement }));
  me = { id: 'u_bob0000001', name: 'Bob' };
  value(await call(t, 'drafts:review', { incident, draft: draftId, step: 'approve', acknowledged: card!.needsAcknowledgement }));
  return { incident, draftId, text: card!.text };
}

describe('drafts:update', () => {
  it('changes the title, audience, channel and named customer, and explains a refusal', async () => {
    const t = table();
    const { incident } = value(await call(t, 'incident:create', { title: 'Checkout failing', severity: 'SEV1' }));
    const { draftId } = value(await call(t, 'drafts:create', { incident, audience: 'all', channel: 'status-page' }));
    expect(value(await call(t, 'drafts:update', { incident, draft: draftId, title: 'Second update', channel: 'social' }))).toBeNull();
    expect(value(await call(t, 'drafts:update', { incident, draft: draftId, audience: 'customer', customer: 'Acme Corp' }))).toBeNull();
    expect((await warRoom.state(incident)).drafts[draftId]).toMatchObject({
      title: 'Second update',
      channel: 'social',
      audience: 'customer',
      customer: 'Acme Corp',
    });
    expect(await call(t, 'drafts:update', { incident, draft: draftId, customer: null })).toMatchObject({
      ok: false,
      error: "a draft for one customer needs the customer's name",
    });
    expect(await call(t, 'drafts:update', { incident, draft: draftId, title: '  ' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/give the draft a title/),
    });
  });
});

describe('drafts:publish with delivery', () => {
  it('asks where to save an email before publishing; cancelling publishes nothing', async () => {
    const t = table();
    const { incident, draftId, text } = await approvedDraft(t, 'email');
    savePath = null;
    expect(await call(t, 'drafts:publish', { incident, draft: draftId, deliver: 'file' })).toMatchObject({
      ok: false,
      error: 'not published: no file was chosen',
    });
    expect((await warRoom.state(incident)).updates).toEqual([]);

    savePath = join(dir.path, 'update.txt');
    const published = value(await call(t, 'drafts:publish', { incident, draft: draftId, deliver: 'file' }));
    expect(published).toMatchObject({
      text,
      channel: 'email',
      delivered: { to: 'file', path: savePath },
      notified: [{ customer: 'Acme Corp' }],
    });
    expect(await readFile(savePath, 'utf8')).toBe(`${text}\n`);
    const state = await warRoom.state(incident);
    expect(state.updates.map((u) => u.text)).toEqual([text]);
    expect(Object.values(state.impacts)[0]!.notifiedAt).toBe(published.publishedAt);
  });

  it('copies a status-page update to the clipboard once it is recorded', async () => {
    const t = table();
    const { incident, draftId, text } = await approvedDraft(t, 'status-page');
    const published = value(await call(t, 'drafts:publish', { incident, draft: draftId, deliver: 'clipboard' }));
    expect(published.delivered).toEqual({ to: 'clipboard' });
    expect(clipboard).toEqual([text]);
    // A second publish is refused and copies nothing.
    expect(await call(t, 'drafts:publish', { incident, draft: draftId, deliver: 'clipboard' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/it was published, and a published update is final/),
    });
    expect(clipboard).toHaveLength(1);
  });

  it('reports a delivery that failed after publishing, with the text still recorded', async () => {
    const t = table({
      writeClipboard: () => {
        throw new Error('clipboard locked');
      },
    });
    const { incident, draftId } = await approvedDraft(t, 'status-page');
    const published = value(await call(t, 'drafts:publish', { incident, draft: draftId, deliver: 'clipboard' }));
    expect(published.delivered).toEqual({ to: 'none', problem: 'not copied: clipboard locked' });
    expect((await warRoom.state(incident)).updates).toHaveLength(1);
  });

  it('refuses before publishing when the delivery is not available here', async () => {
    const t = table({ writeClipboard: undefined, chooseSavePath: undefined });
    const { incident, draftId } = await approvedDraft(t, 'status-page');
    expect(await call(t, 'drafts:publish', { incident, draft: draftId, deliver: 'clipboard' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/clipboard is not available/),
    });
    expect(await call(t, 'drafts:publish', { incident, draft: draftId, deliver: 'file' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/saving files is not available/),
    });
    expect((await warRoom.state(incident)).updates).toEqual([]);
    // Without a delivery it is only recorded.
    expect(value(await call(t, 'drafts:publish', { incident, draft: draftId })).delivered).toEqual({ to: 'none' });
  });
});
