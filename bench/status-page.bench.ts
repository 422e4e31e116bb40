// The public status page under many readers: summary.json from the hub (routing, the room's cached document,
// ETag and Cache-Control) against a bare node:http server answering the very same bytes, in the same run.
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cleanupTempDirs } from '../test/helpers/hub-peers.js';
import { must, publishApproved, teamRoom } from '../test/helpers/team-room.js';
import type { BenchOptions, BenchRow } from './table.js';

const PATH = '/api/v2/summary.json';
const CONCURRENCY = 32;

/** Requests answered per second by `port` for `ms`, with CONCURRENCY keep-alive connections each asking in turn. */
async function readsPerSecond(port: number, ms: number): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const until = performance.now() + ms;
  let done = 0;
  const get = () =>
    new Promise<void>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: PATH, agent }, (res) => {
        if (res.statusCode !== 200) reject(new Error(`${PATH} answered ${res.statusCode}`));
        res.resume();
        res.on('end', () => resolve());
      });
      req.on('error', reject);
      req.end();
    });
  const reader = async () => {
    while (performance.now() < until) {
      await get();
      done++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, reader));
  const rate = done / ((performance.now() - started) / 1000);
  agent.destroy();
  return rate;
}

/** The same bytes and headers the hub sends, from a server that does nothing else. */
async function bareServer(body: Buffer, headers: Record<string, string>): Promise<Server> {
  const server = createServer((_req, res) => {
    res.writeHead(200, headers);
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return server;
}

export async function benchStatusPage({ quick }: BenchOptions): Promise<BenchRow[]> {
  const team = await teamRoom();
  let bare: Server | null = null;
  try {
    must(await team.alice.warRoom.record(team.incident, 'incident.visibility', { public: true }));
    must(await team.alice.warRoom.record(team.incident, 'component.set', { name: 'Checkout API', status: 'partial_outage' }));
    await publishApproved(team, {
      text: 'Since 14:02 UTC some checkouts in the EU fail: payments time out. We are moving traffic off a stalled replica. Next update by 15:00 UTC.',
      channel: 'status-page',
    });
    await team.hub.hub.channels.settled();
    const answer = await fetch(`${team.hub.hub.url}${PATH}`);
    const body = Buffer.from(await answer.arrayBuffer());
    const keep = ['content-type', 'etag', 'cache-control', 'last-modified'];
    const headers = Object.fromEntries(keep.flatMap((h) => (answer.headers.get(h) ? [[h, answer.headers.get(h)!]] : [])));
    bare = await bareServer(body, headers);
    const barePort = (bare.address() as AddressInfo).port;
    // Interleaved rounds, best of each: a busy moment on the shared machine hits both alike.
    const roundMs = quick ? 500 : 2_000;
    const rounds = quick ? 2 : 4;
    let hub = 0;
    let baseline = 0;
    await readsPerSecond(team.hub.hub.port, 300); // warm-up
    for (let i = 0; i < rounds; i++) {
      baseline = Math.max(baseline, await readsPerSecond(barePort, roundMs));
      hub = Math.max(hub, await readsPerSecond(team.hub.hub.port, roundMs));
    }
    const ratio = hub / baseline;
    return [
      {
        what: `status page summary.json (${body.length} bytes) read by ${CONCURRENCY} keep-alive readers`,
        figure: hub,
        unit: 'req/s',
        baseline: { what: 'bare node:http, same bytes', figure: baseline, unit: 'req/s' },
        ratio,
        ratioLabel: 'of bare',
        target: '>= 0.5x of bare',
        met: ratio >= 0.5,
      },
    ];
  } finally {
    await new Promise<void>((resolve) => (bare ? bare.close(() => resolve()) : resolve()));
    await team.close();
    await cleanupTempDirs();
  }
}
