import { execFile } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_EVENTS } from '../../src/sync/protocol.js';
import type { HubSocket } from '../../main/sync/sync-client.js';
import { startChild, type Child } from '../helpers/child.js';
import { cleanupTempDirs, io, makePeer, mintInvite, readHubLog, tempDir, waitFor, type Peer } from '../helpers/hub-peers.js';

const run = promisify(execFile);
const ROOT = new URL('../..', import.meta.url).pathname;

/** The hub as a deployment runs it: the bundled CLI under plain node, settings from the environment. */
function startBundledHub(bundle: string, dataDir: string, port: number): Child {
  return startChild(process.execPath, [bundle, 'hub'], {
    cwd: dataDir,
    env: {
      PATH: process.env.PATH,
      HOME: dataDir,
      WARROOM_HUB_DATA_DIR: dataDir,
      WARROOM_HUB_PORT: String(port),
      WARROOM_LOG_FORMAT: 'json',
    },
  });
}

async function listening(hub: Child): Promise<string> {
  return (await hub.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/, 'the bundled hub to listen'))[1]!;
}

/** A metric's value in Prometheus text (the first sample with these labels). */
function sample(text: string, name: string): number {
  const m = new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+-]+)$`, 'm').exec(text);
  return m ? Number(m[1]) : NaN;
}

describe('the bundled hub, deployed: health, metrics, two peers, SIGTERM mid-stream', () => {
  let bundle: string;
  const hubs: Child[] = [];
  const peers: Peer[] = [];

  beforeAll(async () => {
    const pkg = await tempDir('warroom-bundle-');
    await run(process.execPath, ['scripts/build-cli.mjs', pkg], { cwd: ROOT });
    bundle = join(pkg, 'dist', 'warroom.mjs');
  }, 120_000);

  afterAll(async () => {
    for (const h of hubs) h.signal('SIGKILL');
    await Promise.all(peers.map((p) => p.close()));
    await cleanupTempDirs();
  });

  it('answers /healthz, /readyz and /metrics, and loses nothing it acknowledged when stopped mid-stream', async () => {
    const dataDir = await tempDir('warroom-deployed-');
    const first = startBundledHub(bundle, dataDir, 0);
    hubs.push(first);
    const url = await listening(first);
    const port = Number(new URL(url).port);

    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    await waitFor(async () => (await fetch(`${url}/readyz`)).status === 200, 'the hub to be ready');
    expect((await fetch(`${url}/nothing-here`)).status).toBe(404);

    const ana = await makePeer('ana');
    const ben = await makePeer('ben');
    peers.push(ana, ben);
    const opened = await ana.warRoom.createIncident({ title: 'Checkout failing for EU customers' });
    if (!opened.ok) throw new Error(opened.error);
    const incident = opened.value.incident;
    const token = await mintInvite(dataDir, incident, 'editor', Date.now() + 3_600_000);

    // What the hub acknowledged to ana: the ids in every ok push ack. Those must survive anything.
    const acked = new Set<string>();
    const recordingAcks = (u: string, opts: object): HubSocket => {
      const socket = io(u, opts) as HubSocket;
      const emitWithAck = socket.emitWithAck.bind(socket) as (ev: string, ...args: unknown[]) => Promise<unknown>;
      (socket as unknown as { emitWithAck: typeof emitWithAck }).emitWithAck = async (ev, ...args) => {
        const reply = (await emitWithAck(ev, ...args)) as { ok?: boolean; stored?: string[]; duplicates?: string[] };
        if (ev === CLIENT_EVENTS.push && reply?.ok) [...(reply.stored ?? []), ...(reply.duplicates ?? [])].forEach((id) => acked.add(id));
        return reply;
      };
      return socket;
    };
    await ana.connect(url, incident, token, { ioFactory: recordingAcks }).whenSynced();
    await ben.connect(url, incident, token).whenSynced();

    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(sample(metrics, 'warroom_hub_peers')).toBe(2);
    expect(sample(metrics, 'warroom_hub_rooms')).toBe(1);
    expect(sample(metrics, 'warroom_hub_events_pushed_total')).toBeGreaterThanOrEqual(1);
    expect(sample(metrics, 'warroom_hub_fsync_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(metrics).toContain('# TYPE warroom_hub_refusals_total counter');
    // The process's own figures under the names stock Node.js dashboards read.
    expect(sample(metrics, 'process_resident_memory_bytes')).toBeGreaterThan(0);

    // Ana keeps writing; the hub is stopped while her pushes are in flight.
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        const r = await ana.warRoom.record(incident, 'note.added', { text: `replica lag reading ${written}` });
        if (!r.ok) throw new Error(r.error);
        written++;
        await new Promise((r) => setTimeout(r, 2));
      }
    })();
    await waitFor(async () => (await readHubLog(dataDir, incident)).length >= 40, 'the stream to reach the hub', 30_000);
    first.signal('SIGTERM');
    expect(await first.exited).toEqual({ code: 0, signal: null });
    writing = false;
    await writer;

    const onDisk = new Set((await readHubLog(dataDir, incident)).map((e) => e.id));
    const lost = [...acked].filter((id) => !onDisk.has(id));
    expect(acked.size).toBeGreaterThan(10);
    expect(lost).toEqual([]);

    // Structured lines (pino): one JSON object per line with time, level and msg, and the fields that apply.
    const lines = first
      .stderr()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.length).toBeGreaterThan(2);
    for (const l of lines) expect(Object.keys(l)).toEqual(expect.arrayContaining(['level', 'msg', 'time']));
    expect(lines.map((l) => l.msg)).toContain('stopped');
    expect(lines).toContainEqual(expect.objectContaining({ level: 'info', msg: 'ana joined as editor', room: incident }));

    // Only its owner can read what it wrote.
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    expect((await stat(join(dataDir, 'incidents'))).mode & 0o777).toBe(0o700);
    for (const f of await readdir(join(dataDir, 'incidents'))) expect((await stat(join(dataDir, 'incidents', f))).mode & 0o777).toBe(0o600);

    // Back on the same port: the peers reconnect by themselves and everything ana wrote reaches hub and ben.
    const second = startBundledHub(bundle, dataDir, port);
    hubs.push(second);
    await listening(second);
    const all = (await ana.warRoom.events(incident)).map((e) => e.id);
    await waitFor(
      async () => new Set((await readHubLog(dataDir, incident)).map((e) => e.id)).size === all.length,
      'every event on the restarted hub',
      30_000,
    );
    await waitFor(async () => (await ben.warRoom.events(incident)).length === all.length, 'every event at ben', 30_000);
    second.signal('SIGTERM');
    expect((await second.exited).code).toBe(0);
  }, 120_000);
});
