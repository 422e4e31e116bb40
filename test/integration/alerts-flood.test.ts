import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AM_SECRET, TEAM_RULES } from '../helpers/alert-hub.js';
import { cleanupTempDirs, makePeer, mintInvite, readHubLog, tempDir, waitFor, type Peer } from '../helpers/hub-peers.js';
import { spawnHub, type HubProcess } from '../helpers/hub-process.js';

const FLOOD = fileURLToPath(new URL('../helpers/alert-flood.mjs', import.meta.url));
const SINK = fileURLToPath(new URL('../helpers/http-sink.mjs', import.meta.url));

/** Runs the flood script against `url` for `seconds` while `during` runs; resolves with both outcomes. */
async function underFlood<T>(
  url: string,
  seconds: number,
  during: () => Promise<T>,
): Promise<{ result: T; counts: Record<string, number> }> {
  const flood = spawn(process.execPath, [FLOOD, url, AM_SECRET, String(seconds), '12'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  flood.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const done = new Promise<void>((resolve) => flood.once('exit', () => resolve()));
  await new Promise((r) => setTimeout(r, 1_000)); // the flood is under way
  const result = await during();
  await done;
  return { result, counts: JSON.parse(out) as Record<string, number> };
}

/** A plain HTTP server in a process of its own: the same flood sent there loads the machine and leaves the hub alone. */
async function startSink(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [SINK], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Ms from one teammate writing a note to another having it, for `n` notes written one after another. */
async function liveLatencies(writer: Peer, reader: Peer, incident: string, n: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const text = `latency probe ${i} ${Math.random()}`;
    let seenAt = 0;
    const off = reader.warRoom.onEvents((_, events) => {
      if (events.some((e) => e.kind === 'note.added' && (e.data as { text: string }).text === text)) seenAt = performance.now();
    });
    const start = performance.now();
    const r = await writer.warRoom.record(incident, 'note.added', { text });
    if (!r.ok) throw new Error(r.error);
    await waitFor(() => seenAt > 0, `probe ${i}`, 20_000);
    off();
    times.push(seenAt - start);
    await new Promise((res) => setTimeout(res, 20));
  }
  return times;
}

/**
 * An alert storm (or someone hammering the webhook) must not slow the room people are typing in: the hub answers
 * a flood with cheap refusals (401, 400, 413, and 429 once a source's rate is spent) and writes only what the
 * rate allows. Measured as the live room's latency in the same run, idle and under the flood, in ratio.
 */
describe('an alert flood does not slow a live room', () => {
  let hub: HubProcess;
  let hubDir: string;
  let ana: Peer;
  let ben: Peer;
  let incident: string;

  beforeAll(async () => {
    hubDir = await tempDir('warroom-flood-hub-');
    const config = join(hubDir, 'alerts.json');
    await writeFile(
      config,
      JSON.stringify({ sources: { alertmanager: { auth: 'bearer', secret: AM_SECRET } }, rules: TEAM_RULES, perSecond: 5, burst: 10 }),
    );
    hub = await spawnHub(['--port', '0', '--data-dir', hubDir, '--alerts', config]);
    ana = await makePeer('Ana');
    ben = await makePeer('Ben');
    const opened = await ana.warRoom.createIncident({ title: 'Checkout errors' });
    if (!opened.ok) throw new Error(opened.error);
    incident = opened.value.incident;
    for (const p of [ana, ben]) p.connect(hub.url, incident, await mintInvite(hubDir, incident, 'editor', Date.now() + 3_600_000));
    await ana.client!.whenSynced();
    await ben.client!.whenSynced();
  }, 60_000);

  afterAll(async () => {
    await ana?.close();
    await ben?.close();
    await hub?.stop();
    await cleanupTempDirs();
  });

  it('same-run latency of a live room: the same flood sent to the hub webhook and to another process, within a generous ratio', async () => {
    await liveLatencies(ana, ben, incident, 5); // warm-up
    // The baseline: the machine as loaded by the flood (its sender and a receiver that does nothing), the hub untouched.
    // Two rounds each, alternating, so a neighbour's burst of work on this shared machine lands on both sides.
    const sink = await startSink();
    const elsewhere: number[] = [];
    const onHub: number[] = [];
    const counts: Record<string, number> = {};
    for (let round = 0; round < 2; round++) {
      elsewhere.push(...(await underFlood(sink.url, 6, () => liveLatencies(ana, ben, incident, 20))).result);
      const flooded = await underFlood(`${hub.url}/alerts/alertmanager`, 6, () => liveLatencies(ana, ben, incident, 20));
      onHub.push(...flooded.result);
      for (const [k, v] of Object.entries(flooded.counts)) counts[k] = (counts[k] ?? 0) + v;
    }
    sink.stop();
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    const ratio = median(onHub) / median(elsewhere);
    console.log(
      `live room p50: flood elsewhere ${median(elsewhere).toFixed(1)} ms, flood on the hub's webhook ${median(onHub).toFixed(1)} ms (${ratio.toFixed(2)}x); ${total} requests answered ${JSON.stringify(counts)}`,
    );
    // The flood was real: every kind of refusal, and the rate limit reached.
    expect(total).toBeGreaterThan(300);
    for (const status of ['401', '400', '413', '429']) expect(counts[status], `answers ${status}`).toBeGreaterThan(0);
    // The room stays live: generous, as these machines are shared, but a hub that did real work per request would fail it.
    expect(ratio).toBeLessThan(4);
    // What was written is what the rate allows (a burst of 10 and 5 a second over 2 x 6 s), not one note per request; the live room got none.
    expect(counts['200'] ?? 0).toBeLessThanOrEqual(10 + 5 * 14);
    expect((await readHubLog(hubDir, incident)).filter((e) => e.kind === 'alert.received')).toHaveLength(0);
  }, 120_000);
});
