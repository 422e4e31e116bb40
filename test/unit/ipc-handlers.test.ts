import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INVOKE_CHANNEL_NAMES } from '../../src/ipc/channels.js';
import { INVOKE_SCHEMAS } from '../../src/ipc/contract.js';
import { unpackEvents } from '../../src/ipc/packed-events.js';
import { createIpcHandlers, slug, type IpcHandlerTable, type IpcServices } from '../../main/ipc/handlers.js';
import { ViewState } from '../../main/app/view-state.js';
import { openConfStore } from '../../main/services/conf-store.js';
import { incidentsDir } from '../../main/services/data-dir.js';
import { DraftsService } from '../../main/services/drafts-service.js';
import { IncidentLogStore } from '../../main/services/incident-log-store.js';
import { PreferencesService } from '../../main/services/preferences.js';
import { WarRoom } from '../../main/services/war-room.js';
import { tempDir } from '../helpers/temp-dir.js';
import { call, value } from '../helpers/ipc-call.js';

let dir: { path: string; cleanup: () => Promise<void> };
let warRoom: WarRoom;
let opened: string[];
let clipboard: string[];
let savePath: string | null;

function table(extra: Partial<IpcServices> = {}): IpcHandlerTable {
  const kv = openConfStore(dir.path);
  const preferences = new PreferencesService(kv);
  return createIpcHandlers({
    warRoom,
    preferences,
    viewState: new ViewState(kv),
    drafts: new DraftsService({ warRoom }),
    app: { version: '1.2.3', platform: 'linux' },
    chooseSavePath: async () => savePath,
    writeClipboard: (t) => void clipboard.push(t),
    openExternal: async (url) => void opened.push(url),
    timeZone: 'UTC',
    ...extra,
  });
}

beforeEach(async () => {
  dir = await tempDir();
  warRoom = new WarRoom({ store: new IncidentLogStore(incidentsDir(dir.path)), actor: () => ({ id: 'u_tester0001', name: 'Tess' }) });
  opened = [];
  clipboard = [];
  savePath = null;
});

afterEach(async () => {
  await warRoom.close();
  await dir.cleanup();
});

describe('IPC handler table', () => {
  it('has exactly one handler per contract channel', () => {
    expect(Object.keys(table()).sort()).toEqual([...INVOKE_CHANNEL_NAMES].sort());
    expect(Object.keys(INVOKE_SCHEMAS).sort()).toEqual([...INVOKE_CHANNEL_NAMES].sort());
  });

  it('refuses a bad payload with the channel and the reason, and writes nothing', async () => {
    const t = table();
    expect(await call(t, 'incident:create', { title: '', severity: 'SEV1' })).toMatchObject({
      ok: false,
      error: 'incident:create: title: give the incident a title',
    });
    expect(await call(t, 'incident:create', { title: 'x', severity: 'SEV9' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^incident:create: severity/),
    });
    expect(await call(t, 'incident:open', { incident: '../../etc/passwd' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not a valid incident id/),
    });
    expect(await call(t, 'incident:create', { title: 'x', severity: 'SEV1', extra: 1 })).toMatchObject({ ok: false });
    expect(await call(t, 'event:record', { incident: 'inc_aaaaaa', kind: 'incident.opened', data: {} })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^event:record: kind/),
    });
    expect(await call(t, 'app:info', 'not an object')).toMatchObject({ ok: false });
    expect(await warRoom.listIncidents()).toEqual([]);
  });

  it('creates, records, opens and remembers when the incident was last seen', async () => {
    const t = table();
    const { incident } = value(await call(t, 'incident:create', { title: 'Checkout failing', severity: 'SEV1' }));
    const h = value(
      await call(t, 'event:record', {
        incident,
        kind: 'hypothesis.added',
        data: { text: 'primary database stalled while replicating to its replicas' },
      }),
    );
    value(await call(t, 'event:record', { incident, kind: 'action.added', data: { text: 'check replica lag', links: [h.id] } }));
    const refused = await call(t, 'event:record', { incident, kind: 'action.added', data: { text: 'x', links: ['e_doesnotexist'] } });
    expect(refused).toMatchObject({ ok: false, error: expect.stringMatching(/link: no hypothesis/) });

    const first = value(await call(t, 'incident:open', { incident }));
    expect(unpackEvents(first.events).map((e) => e.kind)).toEqual(['incident.opened', 'hypothesis.added', 'action.added']);
    expect(first.lastSeen).toBeNull();
    expect(first.issues).toEqual([]);
    value(await call(t, 'incident:seen', { incident, at: 1234 }));
    expect(value(await call(t, 'incident:open', { incident })).lastSeen).toBe(1234);
    expect(value(await call(t, 'incidents:list', {})).map((i) => [i.title, i.severity, i.entries])).toEqual([
      ['Checkout failing', 'SEV1', 2],
    ]);
    expect(await call(t, 'incident:open', { incident: 'inc_missing01' })).toMatchObject({
      ok: false,
      error: 'no incident "inc_missing01" on this machine',
    });
  });

  it('changes one preference without resetting the others', async () => {
    const t = table();
    value(await call(t, 'prefs:set', { displayName: 'Bob' }));
    value(await call(t, 'prefs:set', { theme: 'dark' }));
    expect(value(await call(t, 'prefs:get', {})).clock).toBe('system');
    value(await call(t, 'prefs:set', { clock: '12h' }));
    expect(await call(t, 'prefs:set', { clock: 'hh:mm' })).toMatchObject({ ok: false, code: 'invalid' });
    const prefs = value(await call(t, 'prefs:get', {}));
    expect(prefs).toMatchObject({ displayName: 'Bob', theme: 'dark', clock: '12h' });
    expect(value(await call(t, 'app:info', {}))).toMatchObject({
      version: '1.2.3',
      features: { sync: false, drafts: true, export: true, pdf: false },
    });
  });

  it('opens only https and mailto links outside the app', async () => {
    const t = table();
    expect(await call(t, 'link:open', { url: 'https://status.example.com' })).toEqual({ ok: true, value: null });
    for (const url of ['http://example.com', 'file:///etc/passwd', 'javascript:alert(1)'])
      expect((await call(t, 'link:open', { url })).ok).toBe(false);
    expect(opened).toEqual(['https://status.example.com']);
  });

  it('exports to the chosen file, or not at all when the dialog is cancelled', async () => {
    const t = table();
    const { incident } = value(await call(t, 'incident:create', { title: 'Checkout: failing / EU', severity: 'SEV2' }));
    expect(value(await call(t, 'export:save', { incident, format: 'md' }))).toEqual({ saved: false });
    savePath = join(dir.path, 'postmortem.md');
    expect(value(await call(t, 'export:save', { incident, format: 'md' }))).toEqual({ saved: true, path: savePath });
    expect(await readFile(savePath, 'utf8')).toContain('Checkout: failing / EU');
    expect(await call(t, 'export:save', { incident, format: 'pdf' })).toMatchObject({
      ok: false,
      error: 'PDF export is not available here',
    });
    expect(slug('Checkout: failing / EU')).toBe('checkout-failing-eu');
  });

  it('exports CSV for Excel with a UTF-8 byte order mark, and plain CSV without', async () => {
    const t = table();
    const { incident } = value(await call(t, 'incident:create', { title: 'Zahlungen für Müller GmbH', severity: 'SEV2' }));
    savePath = join(dir.path, 'excel.csv');
    value(await call(t, 'export:save', { incident, format: 'csv', bom: true }));
    const excel = await readFile(savePath);
    expect([...excel.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(excel.toString('utf8')).toContain('Müller');
    savePath = join(dir.path, 'plain.csv');
    value(await call(t, 'export:save', { incident, format: 'csv' }));
    expect((await readFile(savePath)).subarray(0, 4).toString()).toBe('time');
    expect((await call(t, 'export:save', { incident, format: 'csv', bom: 'yes' })).ok).toBe(false);
  });

  it('reports each stage of an export, so a large one shows progress', async () => {
    const stages: string[] = [];
    const printed: string[] = [];
    const t = table({
      exportProgress: (p) => stages.push(`${p.format}:${p.stage}:${p.events}`),
      renderPdf: async (html) => {
        printed.push(html);
        return new TextEncoder().encode('%PDF-1.7 fake');
      },
    });
    const { incident } = value(await call(t, 'incident:create', { title: 'Checkout failing', severity: 'SEV1' }));
    value(await call(t, 'event:record', { incident, kind: 'note.added', data: { text: 'errors at 40%' } }));
    savePath = join(dir.path, 'report.csv');
    value(await call(t, 'export:save', { incident, format: 'csv' }));
    savePath = join(dir.path, 'report.pdf');
    value(await call(t, 'export:save', { incident, format: 'pdf' }));
    expect(stages).toEqual([
      'csv:rendering:2',
      'csv:writing:2',
      'csv:done:2',
      'pdf:rendering:2',
      'pdf:printing:2',
      'pdf:writing:2',
      'pdf:done:2',
    ]);
    expect(printed[0]).toContain('<!DOCTYPE html>');
    expect(await readFile(savePath, 'utf8')).toBe('%PDF-1.7 fake');

    stages.length = 0;
    const failing = table({ exportProgress: (p) => stages.push(p.stage), renderPdf: () => Promise.reject(new Error('printer on fire')) });
    expect(await call(failing, 'export:save', { incident, format: 'pdf' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/printer on fire/),
    });
    expect(stages).toEqual(['rendering', 'printing', 'failed']);
  });

  it('says plainly what this build cannot do instead of throwing', async () => {
    const bare = table({ chooseSavePath: undefined, writeClipboard: undefined, drafts: null });
    expect(await call(bare, 'sync:join', { link: 'warroom://join?hub=http://127.0.0.1:1&incident=inc_aaaaaaa&token=t' })).toMatchObject({
      ok: false,
      error: 'sync is not available in this build',
    });
    expect(value(await call(bare, 'sync:status', { incident: 'inc_aaaaaaa' }))).toMatchObject({ state: 'local', unsynced: 0 });
    expect(await call(bare, 'clipboard:write', { text: 'x' })).toMatchObject({ ok: false, error: 'the clipboard is not available here' });
    expect(await call(bare, 'drafts:list', { incident: 'inc_aaaaaaa' })).toMatchObject({
      ok: false,
      error: 'customer updates are not available in this build',
    });
    const broken = createIpcHandlers({
      warRoom: { listIncidents: async () => Promise.reject(new Error('disk on fire')) } as unknown as WarRoom,
      preferences: new PreferencesService(openConfStore(dir.path)),
      viewState: new ViewState(openConfStore(dir.path)),
      app: { version: '0', platform: 'linux' },
    });
    expect(await broken['incidents:list']({})).toMatchObject({ ok: false, error: 'disk on fire' });
  });

  it('runs a plain draft through the drafts channels', async () => {
    const t = table();
    const { incident } = value(await call(t, 'incident:create', { title: 'Checkout failing', severity: 'SEV1' }));
    const { draftId } = value(await call(t, 'drafts:create', { incident, audience: 'affected', channel: 'status-page' }));
    const [card] = value(await call(t, 'drafts:list', { incident }));
    expect(card).toMatchObject({ id: draftId, audience: 'affected', review: { state: 'editing' } });
    expect(card!.text.length).toBeGreaterThan(0);
    value(await call(t, 'clipboard:write', { text: card!.text }));
    expect(clipboard).toEqual([card!.text]);
    expect(value(await call(t, 'drafts:discard', { incident, draft: draftId }))).toBeNull();
    expect(value(await call(t, 'drafts:list', { incident }))).toEqual([]);
  });
});
