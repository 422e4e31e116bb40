import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadOrCreateSigner } from '../../main/identity/key-store.js';
import { IncidentLogStore } from '../../main/services/incident-log-store.js';
import { WarRoom } from '../../main/services/war-room.js';
import { cli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

/** `warroom verify`: an audit trail a third party can check offline, naming what was altered. */
describe('warroom verify', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  const w = (...args: string[]) => cli([...args, '--data-dir', dir.path]);
  const logFile = (id: string) => join(dir.path, 'incidents', `${id}.jsonl`);

  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(() => dir.cleanup());

  async function incidentOfFive(): Promise<{ incident: string; ids: string[] }> {
    const incident = (await w('new', '--title', 'Checkout failing', '--severity', 'SEV1', '--name', 'Alice')).stdout;
    const ids = [incident];
    for (const text of [
      'primary database stalled while replicating to its replicas',
      'IP address conflict on the private network',
      'primary firewall reset its configuration',
    ]) {
      ids.push((await w('post', '--incident', incident, '--kind', 'hypothesis', '--text', text, '--name', 'Alice')).stdout);
    }
    ids.push((await w('post', '--incident', incident, '--kind', 'note', '--text', 'errors at 40%', '--name', 'Alice')).stdout);
    return { incident, ids };
  }

  it('keeps its key in its own 0600 file, not in the preferences', async () => {
    await incidentOfFive();
    expect((await stat(join(dir.path, 'identity.key'))).mode & 0o777).toBe(0o600);
    expect(await readFile(join(dir.path, 'config.json'), 'utf8').catch(() => '')).not.toContain('privateKey');
  });

  it('passes an intact log and its JSON export, exit 0', async () => {
    const { incident } = await incidentOfFive();
    const ok = await w('verify', '--incident', incident);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/5 events: 5 signed, 0 unsigned .* no problems/);
    const out = join(dir.path, 'export.json');
    expect((await w('export', '--incident', incident, '--format', 'json', '--out', out)).code).toBe(0);
    const exported = await w('verify', out);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain('5 signed');
  });

  it('names the event when one byte of an event in the middle is changed, exit 1', async () => {
    const { incident, ids } = await incidentOfFive();
    const text = await readFile(logFile(incident), 'utf8');
    // "IP address" -> "IP addresS": one byte, in the third of five events.
    const at = text.indexOf('IP address conflict') + 'IP addres'.length;
    await writeFile(logFile(incident), text.slice(0, at) + 'S' + text.slice(at + 1));
    const bad = await w('verify', '--incident', incident);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(new RegExp(`FAIL line 3 \\(${ids[2]}\\): bad-signature`));
    for (const other of [ids[0], ids[1], ids[3], ids[4]]) expect(bad.stdout).not.toContain(other!);
    expect(bad.stdout).toMatch(/problem\(s\): this log was altered/);
  });

  it('names the event after one removed from the middle of an origin, and a tampered export', async () => {
    // One process writing five events (as the app does): one origin, one chain.
    const signer = (await loadOrCreateSigner(dir.path))!;
    const app = new WarRoom({
      store: new IncidentLogStore(join(dir.path, 'incidents')),
      actor: () => ({ id: 'ignored', name: 'Alice' }),
      signer,
    });
    const created = await app.createIncident({ title: 'Checkout failing' });
    if (!created.ok) throw new Error(created.error);
    const incident = created.value.incident;
    const ids = [incident];
    for (let i = 0; i < 4; i++) {
      const r = await app.record(incident, 'note.added', { text: `note ${i}` });
      if (!r.ok) throw new Error(r.error);
      ids.push(r.value.id);
    }
    await app.close();
    const lines = (await readFile(logFile(incident), 'utf8')).split('\n');
    await writeFile(logFile(incident), [...lines.slice(0, 2), ...lines.slice(3)].join('\n'));
    const gap = await w('verify', '--incident', incident);
    expect(gap.code).toBe(1);
    expect(gap.stdout).toContain(`(${ids[3]}): broken-chain`);

    const { incident: second } = await incidentOfFive();
    const out = join(dir.path, 'export.json');
    await w('export', '--incident', second, '--format', 'json', '--out', out);
    const json = await readFile(out, 'utf8');
    await writeFile(out, json.replace('"errors at 40%"', '"errors at 4%"'));
    const tampered = await w('verify', out);
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toMatch(/FAIL events\[\d\] \(e_[0-9a-z]+\): bad-signature/);
  });

  it('reads a log written before keys existed, and fails it as unsigned: nothing proves who wrote it', async () => {
    const old = {
      v: 1,
      id: 'inc_legacy0001',
      incident: 'inc_legacy0001',
      origin: 'o_legacy0001',
      seq: 1,
      at: { ms: 1_700_000_000_000, c: 0 },
      actor: { id: 'u_legacy0001', name: 'Old' },
      kind: 'incident.opened',
      data: { title: 'Before keys', severity: 'SEV2' },
    };
    await w('list');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(join(dir.path, 'incidents'), { recursive: true });
    await writeFile(logFile('inc_legacy0001'), JSON.stringify(old) + '\n');
    const r = await w('verify', '--incident', 'inc_legacy0001');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('FAIL line 1 (inc_legacy0001): unsigned: event inc_legacy0001 is not signed');
    expect(r.stdout).toContain('1 unsigned');
    expect((await w('log', '--incident', 'inc_legacy0001')).stdout).toContain('incident.opened');
  });
});
