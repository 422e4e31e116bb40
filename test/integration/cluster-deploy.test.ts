import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { clusterInvite, clusterLog } from '../helpers/hub-cluster.js';
import { startChild, type Child } from '../helpers/child.js';
import { cleanupTempDirs, makePeer, tempDir, waitFor, type Peer } from '../helpers/hub-peers.js';
import { spawnHub, type HubProcess } from '../helpers/hub-process.js';
import { freePort, startPostgres, startRedis, type PostgresServer, type RedisServer } from '../helpers/real-servers.js';

// deploy/cluster/: the docker-compose file and the HAProxy config a team runs several hubs with. Checked by the
// tools themselves (docker-compose and haproxy, installed by .ci/run), and the HAProxy config run for real in
// front of two hubs on a real Postgres and Redis.

const run = promisify(execFile);
const COMPOSE = 'deploy/cluster/docker-compose.yml';
const HAPROXY = 'deploy/cluster/haproxy.cfg';

let postgres: PostgresServer | null = null;
/** What compose gives each hub (read by the first test): the hubs below run with it. */
let hubEnvironment: Record<string, string> = {};
let redis: RedisServer | null = null;
let haproxy: Child | null = null;
const hubs: HubProcess[] = [];
const peers: Peer[] = [];
afterAll(async () => {
  await Promise.all(peers.map((p) => p.close()));
  haproxy?.signal('SIGKILL');
  await Promise.all(hubs.map((h) => h.stop('SIGKILL')));
  await Promise.all([postgres?.stop(), redis?.stop()]);
  await cleanupTempDirs();
});

interface ComposeService {
  environment?: Record<string, string>;
  ports?: Array<{ published: number | string; target: number }>;
  depends_on?: Record<string, { condition: string }>;
  image?: string;
}

describe('deploy/cluster: two hubs, Postgres, Redis and HAProxy', () => {
  it('docker-compose accepts the file, and it wires both hubs to the one Postgres and Redis behind HAProxy', async () => {
    const env = { ...process.env, WARROOM_DB_PASSWORD: 'not-a-real-password' };
    const { stdout } = await run('docker-compose', ['-f', COMPOSE, 'config'], { env });
    // docker-compose is Python; its YAML reader comes with it.
    const toJson = 'import json, sys, yaml; print(json.dumps(yaml.safe_load(sys.stdin)))';
    const parsed = JSON.parse(
      await new Promise<string>((resolve, reject) => {
        const child = execFile('python3', ['-c', toJson], (e, out) => (e ? reject(e) : resolve(out)));
        child.stdin!.end(stdout);
      }),
    ) as { services: Record<string, ComposeService> };
    const { services } = parsed;
    expect(Object.keys(services).sort()).toEqual(['haproxy', 'hub1', 'hub2', 'postgres', 'redis']);
    for (const hub of ['hub1', 'hub2']) {
      expect(services[hub]!.environment).toMatchObject({
        WARROOM_HUB_STORAGE: 'postgres://warroom:not-a-real-password@postgres:5432/warroom',
        WARROOM_HUB_REDIS: 'redis://redis:6379',
      });
      expect(services[hub]!.depends_on).toMatchObject({
        postgres: { condition: 'service_healthy' },
        redis: { condition: 'service_healthy' },
      });
    }
    hubEnvironment = services.hub1!.environment!;
    expect(services.haproxy!.environment).toEqual({ WARROOM_HUB1: 'hub1:7311', WARROOM_HUB2: 'hub2:7311' });
    expect(services.haproxy!.ports).toEqual([expect.objectContaining({ published: 7311, target: 7311 })]);
    // Without the database password it refuses to start rather than run with an empty one.
    const { WARROOM_DB_PASSWORD: _, ...without } = env;
    await expect(run('docker-compose', ['-f', COMPOSE, 'config', '-q'], { env: without })).rejects.toThrow(/WARROOM_DB_PASSWORD/);
  });

  it('haproxy -c accepts the config', async () => {
    const { stdout, stderr } = await run('haproxy', ['-c', '-f', HAPROXY]);
    expect(stdout + stderr).toContain('Configuration file is valid');
  });

  it('through HAProxy (the config above), a team keeps working when the hub behind one of them is killed', async () => {
    [postgres, redis] = await Promise.all([startPostgres({ fsync: false }), startRedis()]);
    const storage = await postgres.newDatabase('warroom');
    // The hubs run as compose runs them: `warroom hub` with compose's environment and the image's (Dockerfile ENV),
    // the service names pointing at this machine's Postgres and Redis and the address kept on 127.0.0.1.
    const here = (v: string): string =>
      v.replace('@postgres:5432/', `@127.0.0.1:${postgres!.port}/`).replace('redis://redis:6379', redis!.url);
    const composed = Object.fromEntries(Object.entries(hubEnvironment).map(([k, v]) => [k, here(v)]));
    expect(composed.WARROOM_HUB_STORAGE).toContain(`127.0.0.1:${postgres.port}/warroom`);
    for (let i = 0; i < 2; i++) {
      const dataDir = await tempDir('warroom-lb-hub-');
      const image = { WARROOM_HUB_DATA_DIR: dataDir, WARROOM_HUB_HOST: '127.0.0.1', WARROOM_HUB_PORT: '0', WARROOM_LOG_FORMAT: 'json' };
      hubs.push(await spawnHub([], 90_000, { ...image, ...composed }));
    }
    const port = await freePort();
    haproxy = startChild('haproxy', ['-db', '-f', HAPROXY], {
      // This machine's open-file limit is lower than a container's; the config's maxconn is the one thing changed.
      env: {
        ...process.env,
        WARROOM_LB_MAXCONN: '4000',
        WARROOM_LB_BIND: `127.0.0.1:${port}`,
        WARROOM_HUB1: `127.0.0.1:${hubs[0]!.port}`,
        WARROOM_HUB2: `127.0.0.1:${hubs[1]!.port}`,
      },
    });
    const front = `http://127.0.0.1:${port}`;
    await waitFor(async () => (await fetch(`${front}/readyz`).catch(() => null))?.status === 200, 'HAProxy to serve a hub', 20_000);
    // WebSocket only: a long-polling session (several requests a balancer could send to different hubs) is refused.
    const polling = await fetch(`${front}/socket.io/?EIO=4&transport=polling`);
    expect(polling.status).toBe(400);

    const team = await Promise.all(['Ana', 'Ben', 'Cara', 'Dev'].map((n) => makePeer(n)));
    peers.push(...team);
    const [ana] = team as [Peer];
    const opened = await ana.warRoom.createIncident({ title: 'Checkout failing for EU customers' });
    if (!opened.ok) throw new Error(opened.error);
    const incident = opened.value.incident;
    const token = await clusterInvite(storage, incident);
    // One URL for everyone: HAProxy spreads them over the two hubs.
    for (const p of team) await p.connect(front, incident, token).whenSynced(20_000);

    expect(await hubs[0]!.stop('SIGKILL')).toBeNull();
    const written: string[] = [];
    for (const p of team) {
      const e = await p.warRoom.record(incident, 'note.added', { text: `${p.name}: still here after hub 1 died` });
      if (!e.ok) throw new Error(e.error);
      written.push(e.value.id);
    }
    for (const p of team) {
      await waitFor(
        async () => {
          const held = new Set((await p.warRoom.events(incident)).map((e) => e.id));
          return written.every((id) => held.has(id)) && p.client!.status().unsynced === 0;
        },
        `${p.name} to hold every teammate's note through hub 2`,
        30_000,
      );
    }
    const stored = (await clusterLog(storage, incident)).map((e) => e.id);
    expect(stored).toEqual(expect.arrayContaining(written));
    for (const p of team) expect((await p.warRoom.events(incident)).map((e) => e.id)).toEqual(stored);
  }, 300_000);
});
