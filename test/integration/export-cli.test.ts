import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IncidentLogStore } from '../../main/services/incident-log-store.js';
import { cli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';
import { HOSTILE_INCIDENT, hostileIncident } from '../helpers/export-fixtures.js';

describe('warroom export and import', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  const dataA = () => join(dir.path, 'a');
  const dataB = () => join(dir.path, 'b');
  const file = (name: string) => join(dir.path, name);

  beforeEach(async () => {
    dir = await tempDir('warroom-export-');
    // The hostile incident, written the way the app writes it: through the log store.
    const store = new IncidentLogStore(join(dataA(), 'incidents'));
    await store.append(HOSTILE_INCIDENT, hostileIncident().events);
    await store.close();
  });
  afterEach(() => dir.cleanup());

  it('round trip: export JSON, import into an empty data dir, export again gives the same bytes', async () => {
    const first = await cli(['export', '--incident', HOSTILE_INCIDENT, '--format', 'json', '--out', file('a.json'), '--data-dir', dataA()]);
    expect(first).toMatchObject({ code: 0, stdout: '' });
    // The hostile fixture is unsigned (written as a log from before keys): kept, on request, as unverified history.
    expect(await cli(['import', file('a.json'), '--data-dir', dataB()])).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/unsigned/),
    });
    const imported = await cli(['import', file('a.json'), '--keep-unverified', '--data-dir', dataB()]);
    expect(imported).toMatchObject({ code: 0, stdout: HOSTILE_INCIDENT });
    expect(imported.stderr).toMatch(/warning: 20 event\(s\) kept as unverified history/);
    expect(imported.stderr).toMatch(/imported incident inc_hostile001 \(20 events\)/);
    const second = await cli([
      'export',
      '--incident',
      HOSTILE_INCIDENT,
      '--format',
      'json',
      '--out',
      file('b.json'),
      '--data-dir',
      dataB(),
    ]);
    expect(second.code).toBe(0);
    const [a, b] = await Promise.all([readFile(file('a.json')), readFile(file('b.json'))]);
    expect(a.length).toBeGreaterThan(1000);
    expect(b.equals(a)).toBe(true);
    // The imported incident is the same incident for every other format and command too.
    for (const format of ['md', 'csv', 'html']) {
      const fromA = await cli([
        'export',
        '--incident',
        HOSTILE_INCIDENT,
        '--format',
        format,
        '--tz',
        'Europe/Berlin',
        '--data-dir',
        dataA(),
      ]);
      const fromB = await cli([
        'export',
        '--incident',
        HOSTILE_INCIDENT,
        '--format',
        format,
        '--tz',
        'Europe/Berlin',
        '--data-dir',
        dataB(),
      ]);
      expect(fromA.code).toBe(0);
      expect(fromB.stdout).toBe(fromA.stdout);
    }
    const log = await cli(['log', '--incident', HOSTILE_INCIDENT, '--json', '--data-dir', dataB()]);
    expect(JSON.parse(log.stdout)).toEqual(
      JSON.parse((await cli(['log', '--incident', HOSTILE_INCIDENT, '--json', '--data-dir', dataA()])).stdout),
    );
  });

  it('round trip of an incident run through the CLI, then written to after import', async () => {
    const w = (...args: string[]) => cli([...args, '--data-dir', dataA(), '--name', 'Alice']);
    const incident = (await w('new', '--title', 'Checkout, "EU" down', '--severity', 'SEV1')).stdout;
    const hyp = (await w('post', '--incident', incident, '--kind', 'hypothesis', '--text', 'primary firewall reset its configuration'))
      .stdout;
    await w('post', '--incident', incident, '--kind', 'action', '--text', 'compare firewall config', '--links', hyp);
    await w('set', '--incident', incident, '--entry', hyp, '--status', 'confirmed', '--text', '=cmd config diff shows a reset');
    const exported = await w('export', '--incident', incident, '--format', 'json');
    expect(exported.code).toBe(0);
    const imported = await cli(['import', '-', '--data-dir', dataB()], { stdin: exported.stdout + '\n' });
    expect(imported).toMatchObject({ code: 0, stdout: incident });
    const again = await cli(['export', '--incident', incident, '--format', 'json', '--data-dir', dataB()]);
    expect(again.stdout).toBe(exported.stdout);
    // The imported log is a normal log: new entries go on it.
    const note = await cli(['post', '--incident', incident, '--kind', 'note', '--text', 'imported fine', '--data-dir', dataB()]);
    expect(note.code).toBe(0);
  });

  it('refuses an export whose signed events were altered, names the event, and writes nothing', async () => {
    const w = (...args: string[]) => cli([...args, '--data-dir', dataA(), '--name', 'Alice']);
    const incident = (await w('new', '--title', 'Checkout failing', '--severity', 'SEV1')).stdout;
    await w('post', '--incident', incident, '--kind', 'hypothesis', '--text', 'IP address conflict on the private network');
    await w('post', '--incident', incident, '--kind', 'note', '--text', 'errors at 40%');
    const exported = (await w('export', '--incident', incident, '--format', 'json')).stdout;
    const doc = JSON.parse(exported) as { events: { id: string; data: { text?: string } }[] };
    const at = doc.events.findIndex((e) => e.data.text === 'errors at 40%');
    await writeFile(file('altered.json'), exported.replace('"errors at 40%"', '"errors at 4%"'));
    const result = await cli(['import', file('altered.json'), '--data-dir', dataB()]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`events[${at}]: bad-signature: event ${doc.events[at]!.id}: the signature does not match its content`);
    expect(result.stderr).toMatch(/; nothing imported$/);
    expect(await readdir(join(dataB(), 'incidents')).catch(() => [])).toEqual([]);
  });

  it('stdout carries the same bytes as --out', async () => {
    const out = await cli(['export', '--incident', HOSTILE_INCIDENT, '--format', 'csv', '--out', file('t.csv'), '--data-dir', dataA()]);
    expect(out.stderr).toMatch(/^wrote .*t\.csv$/);
    const stdout = await cli(['export', '--incident', HOSTILE_INCIDENT, '--format', 'csv', '--data-dir', dataA()]);
    expect(stdout.stdout + '\n').toBe(await readFile(file('t.csv'), 'utf8'));
    // JSON streams in chunks that end mid-line: stdout still carries the file's bytes.
    await cli(['export', '--incident', HOSTILE_INCIDENT, '--format', 'json', '--out', file('t.json'), '--data-dir', dataA()]);
    const json = await cli(['export', '--incident', HOSTILE_INCIDENT, '--format', 'json', '--data-dir', dataA()]);
    expect(json.stdout + '\n').toBe(await readFile(file('t.json'), 'utf8'));
  });

  it('refuses to import over an incident that exists, and changes nothing', async () => {
    await cli(['export', '--incident', HOSTILE_INCIDENT, '--format', 'json', '--out', file('a.json'), '--data-dir', dataA()]);
    const log = join(dataA(), 'incidents', `${HOSTILE_INCIDENT}.jsonl`);
    const before = await readFile(log);
    const again = await cli(['import', file('a.json'), '--data-dir', dataA()]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/incident inc_hostile001 already exists in .*; nothing imported/);
    expect((await readFile(log)).equals(before)).toBe(true);
  });

  it('refuses a file with a bad event, names it, and writes nothing', async () => {
    await cli(['export', '--incident', HOSTILE_INCIDENT, '--format', 'json', '--out', file('a.json'), '--data-dir', dataA()]);
    const doc = JSON.parse(await readFile(file('a.json'), 'utf8')) as { events: Record<string, unknown>[] };
    doc.events[7] = { ...doc.events[7], actor: { id: 'u_x', name: '' } };
    await writeFile(file('bad.json'), JSON.stringify(doc));
    const result = await cli(['import', file('bad.json'), '--data-dir', dataB()]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^warroom import: .*bad\.json: events\[7\]: invalid event: actor\.name: .*; nothing imported$/);
    expect(await readdir(join(dataB(), 'incidents')).catch(() => [])).toEqual([]);
    const missing = await cli(['import', file('nope.json'), '--data-dir', dataB()]);
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringMatching(/cannot read .*nope\.json: no such file or directory$/) });
    expect((await cli(['import', '--data-dir', dataB()])).code).toBe(2);
  });

  it('warns when the state in the file was edited by hand, and imports the events', async () => {
    await cli(['export', '--incident', HOSTILE_INCIDENT, '--format', 'json', '--out', file('a.json'), '--data-dir', dataA()]);
    const doc = JSON.parse(await readFile(file('a.json'), 'utf8')) as { state: { title: string } };
    doc.state.title = 'edited';
    await writeFile(file('edited.json'), JSON.stringify(doc));
    const result = await cli(['import', file('edited.json'), '--keep-unverified', '--data-dir', dataB()]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/warning: the "state" in the file does not match its events/);
  });

  it('rejects unknown zones, formats and incidents with a clear message', async () => {
    const tz = await cli(['export', '--incident', HOSTILE_INCIDENT, '--format', 'md', '--tz', 'Mars/Olympus_Mons', '--data-dir', dataA()]);
    expect(tz).toMatchObject({ code: 2, stdout: '' });
    expect(tz.stderr).toMatch(/unknown time zone "Mars\/Olympus_Mons"/);
    const format = await cli(['export', '--incident', HOSTILE_INCIDENT, '--format', 'pdf', '--data-dir', dataA()]);
    expect(format).toMatchObject({ code: 2, stderr: expect.stringMatching(/unknown format "pdf": use md, json, csv, html/) });
    const missing = await cli(['export', '--incident', 'inc_nothere0001', '--format', 'md', '--data-dir', dataA()]);
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringMatching(/no incident "inc_nothere0001"/) });
  });

  it('never leaves a half-written file: a failed --out keeps the old file and no temporary', async () => {
    const target = file('report.html');
    await mkdir(target); // renaming a file over a directory fails after the content was written
    const failed = await cli(['export', '--incident', HOSTILE_INCIDENT, '--format', 'html', '--out', target, '--data-dir', dataA()]);
    expect(failed.code).toBe(1);
    expect((await readdir(dir.path)).filter((n) => n.includes('.tmp'))).toEqual([]);
    const existing = file('old.md');
    await writeFile(existing, 'old content');
    const ok = await cli(['export', '--incident', HOSTILE_INCIDENT, '--format', 'md', '--out', existing, '--data-dir', dataA()]);
    expect(ok.code).toBe(0);
    expect(await readFile(existing, 'utf8')).toMatch(/^# Postmortem: /);
    expect((await readdir(dir.path)).filter((n) => n.includes('.tmp'))).toEqual([]);
  });
});
