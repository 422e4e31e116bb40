import { readFile, writeFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-dir.js';

describe('warroom CLI', () => {
  let dir: { path: string; cleanup: () => Promise<void> };
  const w = (...args: string[]) => cli([...args, '--data-dir', dir.path]);
  const logFile = (id: string) => join(dir.path, 'incidents', `${id}.jsonl`);

  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(() => dir.cleanup());

  async function incidentWithHypothesis() {
    const incident = (await w('new', '--title', 'Checkout failing', '--severity', 'SEV1', '--name', 'Alice')).stdout;
    const hyp = (
      await w(
        'post',
        '--incident',
        incident,
        '--kind',
        'hypothesis',
        '--text',
        'primary database stalled while replicating',
        '--name',
        'Alice',
      )
    ).stdout;
    return { incident, hyp };
  }

  it('runs an incident end to end and logs every entry in order with author and time', async () => {
    const { incident, hyp } = await incidentWithHypothesis();
    expect(incident).toMatch(/^inc_[0-9a-z]+$/);
    const ip = (
      await w(
        'post',
        '--incident',
        incident,
        '--kind',
        'hypothesis',
        '--text',
        'IP address conflict on the private network',
        '--name',
        'Bob',
      )
    ).stdout;
    const act = await w(
      'post',
      '--incident',
      incident,
      '--kind',
      'action',
      '--text',
      'check replica lag',
      '--links',
      `${hyp},${ip}`,
      '--owner',
      'Bob',
      '--name',
      'Bob',
    );
    expect(act.code).toBe(0);
    expect((await w('set', '--incident', incident, '--entry', act.stdout, '--status', 'running', '--name', 'Bob')).code).toBe(0);
    expect(
      (await w('set', '--incident', incident, '--entry', ip, '--status', 'ruled-out', '--text', 'one MAC answers', '--name', 'Bob')).code,
    ).toBe(0);
    expect((await w('post', '--incident', incident, '--kind', 'note', '--text', 'errors at 40%', '--name', 'Carol')).code).toBe(0);
    expect((await w('status', '--incident', incident, '--status', 'identified', '--name', 'Alice')).code).toBe(0);
    expect(
      (
        await w(
          'impact',
          '--incident',
          incident,
          '--customer',
          'Acme Corp',
          '--level',
          'critical',
          '--contact',
          'ops@acme.example',
          '--name',
          'Dana',
        )
      ).code,
    ).toBe(0);
    expect((await w('impact', '--incident', incident, '--customer', 'acme corp', '--notified', '--name', 'Dana')).code).toBe(0);

    const log = await w('log', '--incident', incident, '--json');
    expect(log.code).toBe(0);
    const rows = JSON.parse(log.stdout) as { id: string; at: string; author: string; kind: string; text: string; status?: string }[];
    expect(rows.map((r) => [r.kind, r.author])).toEqual([
      ['incident.opened', 'Alice'],
      ['hypothesis.added', 'Alice'],
      ['hypothesis.added', 'Bob'],
      ['action.added', 'Bob'],
      ['action.status', 'Bob'],
      ['hypothesis.status', 'Bob'],
      ['note.added', 'Carol'],
      ['incident.updated', 'Alice'],
      ['impact.added', 'Dana'],
      ['impact.updated', 'Dana'],
    ]);
    for (const r of rows) expect(new Date(r.at).toISOString()).toBe(r.at);
    expect(rows.map((r) => r.at)).toEqual([...rows.map((r) => r.at)].sort());
    expect(rows[2]).toMatchObject({ id: ip, text: 'IP address conflict on the private network', status: 'ruled-out' });
    expect(rows[3]).toMatchObject({ status: 'running', text: 'check replica lag' });
    expect(rows[6]).not.toHaveProperty('status');

    const list = await w('list', '--json');
    expect(JSON.parse(list.stdout)).toMatchObject([{ id: incident, title: 'Checkout failing', status: 'identified', severity: 'SEV1' }]);
    expect((await w('log', '--incident', incident)).stdout).toMatch(/Bob {2}hypothesis.status \[ruled-out\] IP address conflict/);
  });

  describe('bad input: a one-line reason, a non-zero exit and an unchanged log', () => {
    let incident: string;
    let hyp: string;
    let before: string;
    beforeEach(async () => {
      ({ incident, hyp } = await incidentWithHypothesis());
      before = await readFile(logFile(incident), 'utf8');
    });

    async function expectRefused(args: string[], reason: RegExp) {
      const r = await w(...args);
      expect(r.code).not.toBe(0);
      expect(r.stdout).toBe('');
      expect(r.stderr.split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(reason);
      expect(await readFile(logFile(incident), 'utf8')).toBe(before);
    }

    it('unknown kind', () => expectRefused(['post', '--incident', incident, '--kind', 'rumour', '--text', 'x'], /unknown kind "rumour"/));
    it('missing text', () => expectRefused(['post', '--incident', incident, '--kind', 'note'], /--text is required/));
    it('blank text', () => expectRefused(['post', '--incident', incident, '--kind', 'note', '--text', '   '], /--text is required/));
    it('unknown incident', () =>
      expectRefused(['post', '--incident', 'inc_nosuchthing', '--kind', 'note', '--text', 'x'], /no incident "inc_nosuchthing"/));
    it('unknown entry', () =>
      expectRefused(['set', '--incident', incident, '--entry', 'e_nosuchentry1', '--status', 'confirmed'], /no entry "e_nosuchentry1"/));
    it('a hypothesis cannot be "done"', () =>
      expectRefused(['set', '--incident', incident, '--entry', hyp, '--status', 'done'], /a hypothesis cannot be "done"/));
    it('a note has no status', async () => {
      const note = (await w('post', '--incident', incident, '--kind', 'note', '--text', 'observed')).stdout;
      before = await readFile(logFile(incident), 'utf8');
      await expectRefused(['set', '--incident', incident, '--entry', note, '--status', 'confirmed'], /a note has no status/);
    });
    it('a link to something that is not a hypothesis', () =>
      expectRefused(
        ['post', '--incident', incident, '--kind', 'action', '--text', 'x', '--links', 'e_nosuchentry1'],
        /link: no hypothesis "e_nosuchentry1"/,
      ));
    it('an unknown option', () =>
      expectRefused(['post', '--incident', incident, '--kind', 'note', '--text', 'x', '--colour', 'red'], /Unknown option '--colour'/));
    it('an unknown command', async () => {
      const r = await w('frobnicate');
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/unknown command "frobnicate"/);
    });
    it('a bad severity', async () => {
      const r = await w('new', '--title', 'x', '--severity', 'SEV9');
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/severity must be one of SEV1, SEV2, SEV3, SEV4/);
      expect(await readdir(join(dir.path, 'incidents'))).toHaveLength(1);
    });

    it('a malformed data file: reads warn and go on, writes refuse and point to repair', async () => {
      await writeFile(logFile(incident), before.replace('\n', '\n{"this is": "not an event"}\n'));
      const corrupted = await readFile(logFile(incident), 'utf8');
      before = corrupted;
      const log = await w('log', '--incident', incident, '--json');
      expect(log.code).toBe(0);
      expect(JSON.parse(log.stdout)).toHaveLength(2);
      expect(log.stderr).toMatch(/line 2: invalid event/);
      await expectRefused(
        ['post', '--incident', incident, '--kind', 'note', '--text', 'x'],
        /corrupt line\(s\) \(first: line 2\); nothing written\. Run: warroom repair/,
      );
      const repaired = await w('repair', '--incident', incident);
      expect(repaired.code).toBe(0);
      const files = await readdir(join(dir.path, 'incidents'));
      const rejected = files.find((n) => n.includes('.rejected-'))!;
      expect(await readFile(join(dir.path, 'incidents', rejected), 'utf8')).toBe('{"this is": "not an event"}\n');
      expect((await w('post', '--incident', incident, '--kind', 'note', '--text', 'after repair')).code).toBe(0);
    });
  });

  it('prints help for the tool and for each command', async () => {
    const top = await cli(['--help']);
    expect(top.code).toBe(0);
    for (const c of ['new', 'list', 'post', 'set', 'status', 'impact', 'log']) {
      expect(top.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
      const one = await cli([c, '--help']);
      expect(one.code).toBe(0);
      expect(one.stdout).toMatch(new RegExp(`Usage: warroom ${c}`));
    }
  });
});
