import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportIncident, exportIncidentToFile } from '../../main/services/incident-exporter.js';
import { IncidentLogStore } from '../../main/services/incident-log-store.js';
import { WarRoom } from '../../main/services/war-room.js';
import { bigIncidentJsonl } from '../helpers/export-fixtures.js';
import { tempDir } from '../helpers/temp-dir.js';

const N = 100_000;
const INCIDENT = 'inc_big0000001';

describe('exporting a 100,000-entry incident', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  let warRoom: WarRoom;

  beforeAll(async () => {
    dir = await tempDir('warroom-export-large-');
    // Written in one go: the log store would otherwise fsync 100,000 times.
    await mkdir(join(dir.path, 'incidents'));
    await writeFile(join(dir.path, 'incidents', `${INCIDENT}.jsonl`), bigIncidentJsonl(N, INCIDENT));
    warRoom = new WarRoom({
      store: new IncidentLogStore(join(dir.path, 'incidents')),
      actor: () => ({ id: 'u_tester0001', name: 'tester' }),
    });
    expect((await warRoom.events(INCIDENT)).length).toBe(N);
    expect(await warRoom.issues(INCIDENT)).toEqual([]);
  });
  afterAll(async () => {
    await warRoom.close();
    await dir.cleanup();
  });

  it('exports every event to JSON', async () => {
    const json = await exportIncident(warRoom, INCIDENT, 'json');
    const doc = JSON.parse(json) as { events: { id: string }[]; state: { eventCount: number; timeline: unknown[] } };
    expect(doc.events).toHaveLength(N);
    expect(doc.events[N - 1]!.id).toBe((await warRoom.events(INCIDENT))[N - 1]!.id);
    expect(doc.state.eventCount).toBe(N);
    expect(doc.state.timeline).toHaveLength(N);
  });

  it('exports every timeline row to CSV', async () => {
    const csv = await exportIncident(warRoom, INCIDENT, 'csv', { tz: 'Europe/Berlin' });
    const parsed = Papa.parse<string[]>(csv, { skipEmptyLines: 'greedy' });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toHaveLength(N + 1);
    expect(parsed.data[N]![0]).toMatch(/^2024-10-28T04:46:40\.000\+01:00$/);
  });

  it('exports every timeline row to Markdown and HTML', async () => {
    const md = await exportIncident(warRoom, INCIDENT, 'md');
    // The full log is the appendix now (issue 15); the key-events table above it has dated rows of its own.
    expect(md.slice(md.indexOf('\n## Appendix: full log\n')).match(/^\| 20\d\d-/gm)).toHaveLength(N);
    const html = await exportIncident(warRoom, INCIDENT, 'html');
    expect(html.match(/<tr><td class="time">|<tr class="retracted"><td class="time">/g)).toHaveLength(N);
    expect(html.endsWith('</html>\n')).toBe(true);
  });

  it('streams each format to a file: the same bytes as the one-string export', async () => {
    for (const format of ['json', 'csv', 'md', 'html'] as const) {
      const path = join(dir.path, `out.${format}`);
      await exportIncidentToFile(warRoom, INCIDENT, format, path, { tz: 'Europe/Berlin' });
      expect((await readFile(path, 'utf8')) === (await exportIncident(warRoom, INCIDENT, format, { tz: 'Europe/Berlin' })), format).toBe(
        true,
      );
    }
  }, 180_000);
});
