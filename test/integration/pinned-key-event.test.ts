import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keyEvents } from '../../src/incident/key-events.js';
import { createIpcHandlers, type IpcHandlerTable } from '../../main/ipc/handlers.js';
import { ViewState } from '../../main/app/view-state.js';
import { openConfStore } from '../../main/services/conf-store.js';
import { incidentsDir } from '../../main/services/data-dir.js';
import { IncidentLogStore } from '../../main/services/incident-log-store.js';
import { PreferencesService } from '../../main/services/preferences.js';
import { WarRoom } from '../../main/services/war-room.js';
import { call, value } from '../helpers/ipc-call.js';
import { tempDir } from '../helpers/temp-dir.js';

/**
 * A note pinned as a key event, as the window pins it (the row menu records entry.pinned), is a key event
 * everywhere one is shown: the catch-up view (which renders keyEvents), the Markdown postmortem, the HTML
 * report and the PDF (the HTML the app prints), and the JSON export.
 */
const NOTE = 'replica lag back to 2 s on every replica';

describe('a pinned note is a key event everywhere', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  let warRoom: WarRoom;
  let t: IpcHandlerTable;
  let savePath: string | null;
  let printed: string[];
  let incident: string;
  let noteId: string;

  beforeEach(async () => {
    dir = await tempDir();
    warRoom = new WarRoom({ store: new IncidentLogStore(incidentsDir(dir.path)), actor: () => ({ id: 'u_alice00001', name: 'Alice' }) });
    const kv = openConfStore(dir.path);
    printed = [];
    savePath = null;
    t = createIpcHandlers({
      warRoom,
      preferences: new PreferencesService(kv),
      viewState: new ViewState(kv),
      app: { version: '0.0.0', platform: 'linux' },
      chooseSavePath: async () => savePath,
      renderPdf: async (html) => {
        printed.push(html);
        return new TextEncoder().encode('%PDF-1.7 stand-in');
      },
      timeZone: 'UTC',
    });
    incident = value(await call(t, 'incident:create', { title: 'Checkout failing', severity: 'SEV1' })).incident;
    const record = async (kind: string, data: unknown) => value(await call(t, 'event:record', { incident, kind, data })) as { id: string };
    await record('note.added', { text: 'paged the database team' });
    noteId = (await record('note.added', { text: NOTE })).id;
    await record('note.added', { text: 'coffee ordered' });
    await record('entry.pinned', { target: noteId, pinned: true });
  });

  afterEach(async () => {
    await warRoom.close();
    await dir.cleanup();
  });

  async function saved(format: 'md' | 'html' | 'pdf' | 'json'): Promise<string> {
    savePath = join(dir.path, `export.${format}`);
    expect(value(await call(t, 'export:save', { incident, format }))).toMatchObject({ saved: true });
    return format === 'pdf' ? printed.at(-1)! : readFile(savePath, 'utf8');
  }

  const keyEventsOfHtml = (html: string): string[] =>
    [...parseHTML(html).document.querySelectorAll('section.key-events tbody tr')].map((tr) => tr.textContent ?? '');

  it('in the catch-up view, the Markdown, HTML and PDF key events and the JSON export', async () => {
    const state = await warRoom.state(incident);
    // The catch-up view renders exactly keyEvents(state).
    expect(keyEvents(state)).toContainEqual(expect.objectContaining({ kind: 'pinned', what: NOTE, pinned: true, rowId: noteId }));
    expect(keyEvents(state).filter((k) => k.what.includes('coffee'))).toEqual([]);

    const md = await saved('md');
    const keySection = md.slice(md.indexOf('## Timeline of key events'), md.indexOf('## Appendix'));
    expect(keySection).toContain(NOTE);
    expect(keySection).not.toContain('coffee ordered');

    for (const format of ['html', 'pdf'] as const) {
      const rows = keyEventsOfHtml(await saved(format));
      expect(
        rows.some((r) => r.includes(NOTE)),
        format,
      ).toBe(true);
      expect(
        rows.some((r) => r.includes('coffee ordered')),
        format,
      ).toBe(false);
    }

    const json = JSON.parse(await saved('json')) as {
      events: { id: string; kind: string; data: unknown }[];
      state: { keyEvents: Record<string, unknown> };
    };
    expect(Object.keys(json.state.keyEvents)).toEqual([noteId]);
    expect(json.events).toContainEqual(expect.objectContaining({ kind: 'entry.pinned', data: { target: noteId, pinned: true } }));
  });

  it('is no longer one once unpinned, or once the note is retracted', async () => {
    value(await call(t, 'event:record', { incident, kind: 'entry.pinned', data: { target: noteId, pinned: false } }));
    expect(keyEvents(await warRoom.state(incident)).filter((k) => k.kind === 'pinned')).toEqual([]);
    expect(keyEventsOfHtml(await saved('html')).some((r) => r.includes(NOTE))).toBe(false);
    value(await call(t, 'event:record', { incident, kind: 'entry.pinned', data: { target: noteId, pinned: true } }));
    value(await call(t, 'event:record', { incident, kind: 'entry.retracted', data: { target: noteId, reason: 'wrong incident' } }));
    expect(keyEvents(await warRoom.state(incident)).filter((k) => k.kind === 'pinned')).toEqual([]);
  });
});
