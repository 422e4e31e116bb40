import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseJoinLink } from '../../src/sync/join-link.js';
import { SECRET_FILE } from '../../main/hub/hub-secret.js';
import { IncidentLogStore } from '../../main/services/incident-log-store.js';
import { cleanupTempDirs, makePeer, startTestHub, tempDir, waitFor, type TestHub } from '../helpers/hub-peers.js';
import { spawnHub, spawnWarroom } from '../helpers/hub-process.js';
import { cli as runWarroom } from '../helpers/run-cli.js';

async function cli(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const r = await runWarroom(args);
  const lines = (text: string): string[] => (text === '' ? [] : text.split('\n'));
  return { code: r.code, out: lines(r.stdout), err: lines(r.stderr) };
}

let hub: TestHub;
beforeEach(async () => {
  hub = await startTestHub();
});
afterEach(async () => {
  await hub.close();
  await cleanupTempDirs();
});

async function newIncident(dataDir: string): Promise<string> {
  const made = await cli(['new', '--title', 'Payments down', '--severity', 'SEV1', '--data-dir', dataDir, '--name', 'Ana']);
  expect(made.code).toBe(0);
  return made.out[0]!;
}

describe('warroom invite', () => {
  it('prints a token alone, or a join link with --link, and keeps its secret private', async () => {
    const token = await cli(['invite', '--data-dir', hub.dataDir, '--incident', 'inc_abcdef1234', '--role', 'viewer', '--expires', '2h']);
    expect(token.code).toBe(0);
    expect(token.out).toHaveLength(1);
    expect(token.out[0]).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(token.err.join('\n')).toContain('viewer on inc_abcdef1234');
    expect((await stat(join(hub.dataDir, SECRET_FILE))).mode & 0o777).toBe(0o600);

    const link = await cli([
      'invite',
      '--data-dir',
      hub.dataDir,
      '--incident',
      'inc_abcdef1234',
      '--role',
      'editor',
      '--hub-url',
      hub.hub.url,
      '--link',
    ]);
    expect(link.code).toBe(0);
    const parsed = parseJoinLink(link.out[0]!);
    expect(parsed.ok && parsed.value).toMatchObject({ hub: hub.hub.url, incident: 'inc_abcdef1234' });
  });

  it('refuses a bad role, duration or a link without a hub URL', async () => {
    expect((await cli(['invite', '--data-dir', hub.dataDir, '--incident', 'inc_abcdef1234', '--role', 'admin'])).code).toBe(2);
    expect(
      (await cli(['invite', '--data-dir', hub.dataDir, '--incident', 'inc_abcdef1234', '--role', 'editor', '--expires', 'soon'])).code,
    ).toBe(2);
    const noUrl = await cli(['invite', '--data-dir', hub.dataDir, '--incident', 'inc_abcdef1234', '--role', 'editor', '--link']);
    expect(noUrl.code).toBe(2);
    expect(noUrl.err[0]).toContain('--hub-url');
  });
});

describe('warroom sync, post --hub and join', () => {
  it('syncs once, joins from a link, posts straight to the hub and brings it back', async () => {
    const anaDir = await tempDir();
    const benDir = await tempDir();
    const incident = await newIncident(anaDir);
    const token = (await cli(['invite', '--data-dir', hub.dataDir, '--incident', incident, '--role', 'editor'])).out[0]!;

    const first = await cli(['sync', '--incident', incident, '--hub', hub.hub.url, '--token', token, '--once', '--data-dir', anaDir]);
    expect(first.err.join('\n')).toContain('sent 1, received 0');
    expect(first.code).toBe(0);

    const link = (
      await cli(['invite', '--data-dir', hub.dataDir, '--incident', incident, '--role', 'editor', '--hub-url', hub.hub.url, '--link'])
    ).out[0]!;
    const joined = await cli(['join', link, '--data-dir', benDir, '--name', 'Ben']);
    expect(joined.code).toBe(0);
    expect(joined.out).toEqual([incident]);

    const posted = await cli([
      'post',
      '--incident',
      incident,
      '--kind',
      'note',
      '--text',
      'rolled back release 42',
      '--hub',
      hub.hub.url,
      '--token',
      token,
      '--data-dir',
      benDir,
    ]);
    expect(posted.code).toBe(0);
    expect(posted.out[0]).toMatch(/^e_/);

    const back = await cli(['sync', '--incident', incident, '--hub', hub.hub.url, '--token', token, '--once', '--data-dir', anaDir]);
    expect(back.code).toBe(0);
    expect(back.err.join('\n')).toContain('sent 0, received 1');
    const log = await cli(['log', '--incident', incident, '--json', '--data-dir', anaDir]);
    expect(log.out.join('\n')).toContain('rolled back release 42');
  });

  it('posts to an incident this data dir has never seen, creating it from the hub', async () => {
    const anaDir = await tempDir();
    const ciDir = await tempDir();
    const incident = await newIncident(anaDir);
    const token = (await cli(['invite', '--data-dir', hub.dataDir, '--incident', incident, '--role', 'editor'])).out[0]!;
    expect((await cli(['sync', '--incident', incident, '--hub', hub.hub.url, '--token', token, '--once', '--data-dir', anaDir])).code).toBe(
      0,
    );

    const posted = await cli([
      'post',
      '--incident',
      incident,
      '--kind',
      'note',
      '--text',
      'deploy pipeline: rolled back',
      '--hub',
      hub.hub.url,
      '--token',
      token,
      '--data-dir',
      ciDir,
      '--name',
      'deploy-bot',
    ]);
    expect(posted.err).toEqual([]);
    expect(posted.code).toBe(0);
    const ci = new IncidentLogStore(join(ciDir, 'incidents'));
    expect((await ci.read(incident)).events.map((e) => e.kind)).toEqual(['incident.opened', 'note.added']);
    await ci.close();
  });

  it('fails with the reason when the hub refuses: bad token, viewer writing, nothing anywhere', async () => {
    const anaDir = await tempDir();
    const incident = await newIncident(anaDir);
    const badToken = await cli([
      'sync',
      '--incident',
      incident,
      '--hub',
      hub.hub.url,
      '--token',
      'not.valid',
      '--once',
      '--data-dir',
      anaDir,
    ]);
    expect(badToken.code).toBe(1);
    expect(badToken.err.join('\n')).toContain('not issued by this hub');

    const viewer = (await cli(['invite', '--data-dir', hub.dataDir, '--incident', incident, '--role', 'viewer'])).out[0]!;
    const asViewer = await cli(['sync', '--incident', incident, '--hub', hub.hub.url, '--token', viewer, '--once', '--data-dir', anaDir]);
    expect(asViewer.code).toBe(1);
    expect(asViewer.err.join('\n')).toContain('read-only');

    const ghost = 'inc_ghost12345';
    const ghostToken = (await cli(['invite', '--data-dir', hub.dataDir, '--incident', ghost, '--role', 'editor'])).out[0]!;
    const none = await cli([
      'sync',
      '--incident',
      ghost,
      '--hub',
      hub.hub.url,
      '--token',
      ghostToken,
      '--once',
      '--data-dir',
      await tempDir(),
    ]);
    expect(none.code).toBe(1);
    expect(none.err.join('\n')).toContain('neither');

    const half = await cli(['sync', '--incident', incident, '--hub', hub.hub.url, '--once', '--data-dir', anaDir]);
    expect(half.code).toBe(2);
  });

  it('post --hub to a hub that is not there fails with the reason and writes nothing', async () => {
    const anaDir = await tempDir();
    const incident = await newIncident(anaDir);
    const gone = await startTestHub();
    const token = await gone.invite(incident);
    await gone.close();
    const posted = await cli([
      'post',
      '--incident',
      incident,
      '--kind',
      'note',
      '--text',
      'lost?',
      '--hub',
      gone.hub.url,
      '--token',
      token,
      '--data-dir',
      anaDir,
    ]);
    expect(posted.code).toBe(1);
    expect(posted.err.join('\n')).toContain(`cannot reach the hub at ${gone.hub.url}`);
    expect(posted.out).toEqual([]);
    const log = new IncidentLogStore(join(anaDir, 'incidents'));
    expect((await log.read(incident)).events).toHaveLength(1);
    await log.close();
  });
});

describe('warroom hub (process)', () => {
  it('prints its URL, binds loopback and stops cleanly on SIGTERM and SIGINT', async () => {
    const dataDir = await tempDir();
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const proc = await spawnHub(['--port', '0', '--data-dir', dataDir]);
      expect(proc.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await proc.stop(signal)).toBe(0);
      expect(proc.stderr()).toContain('hub: stopped');
    }
  });
});

describe('warroom sync (live)', () => {
  it('stays in line both ways until SIGINT, including entries other processes write locally', async () => {
    const cliDir = await tempDir();
    const ana = await makePeer('ana');
    try {
      const opened = await ana.warRoom.createIncident({ title: 'Live CLI' });
      if (!opened.ok) throw new Error(opened.error);
      const incident = opened.value.incident;
      const token = await hub.invite(incident);
      await ana.connect(hub.hub.url, incident, token).whenSynced();

      const proc = spawnWarroom([
        'sync',
        '--incident',
        incident,
        '--hub',
        hub.hub.url,
        '--token',
        token,
        '--data-dir',
        cliDir,
        '--name',
        'Cli',
      ]);
      const cliLog = new IncidentLogStore(join(cliDir, 'incidents'));
      try {
        await waitFor(() => proc.stderr().includes('connected'), 'the CLI to connect', 15_000);
        await waitFor(async () => (await cliLog.readFrom(incident, 0)).events.length === 1, 'the incident in the CLI data dir');

        const fromAna = await ana.warRoom.record(incident, 'note.added', { text: 'from the app' });
        if (!fromAna.ok) throw new Error(fromAna.error);
        await waitFor(
          async () => (await cliLog.readFrom(incident, 0)).events.some((e) => e.id === fromAna.value.id),
          "ana's note in the CLI data dir",
        );

        // Another process appends to the same data dir without --hub: the live sync picks it up and sends it.
        const posted = await cli([
          'post',
          '--incident',
          incident,
          '--kind',
          'note',
          '--text',
          'posted beside the live sync',
          '--data-dir',
          cliDir,
        ]);
        expect(posted.code).toBe(0);
        await waitFor(
          async () => (await ana.warRoom.events(incident)).some((e) => e.id === posted.out[0]),
          'the local post at ana',
          15_000,
        );
      } finally {
        await cliLog.close();
        proc.child.kill('SIGINT');
      }
      expect(await proc.exited).toBe(0);
    } finally {
      await ana.close();
    }
  });

  it('exits 1 with the reason when the hub refuses the token', async () => {
    const proc = spawnWarroom([
      'sync',
      '--incident',
      'inc_abcdef1234',
      '--hub',
      hub.hub.url,
      '--token',
      'bad.token',
      '--data-dir',
      await tempDir(),
    ]);
    expect(await proc.exited).toBe(1);
    expect(proc.stderr()).toContain('not issued by this hub');
  });
});
