import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { request } from 'node:https';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CONNECT_ERROR_CODES, REFUSAL_CODES } from '../../src/sync/protocol.js';
import { cleanupTempDirs, connectOutcome, rawSocket, tempDir, waitFor } from '../helpers/hub-peers.js';
import { ROOT, spawnHub, type HubProcess } from '../helpers/hub-process.js';
import { missingTool } from '../helpers/system-tool.js';

// What an operator running `warroom hub` meets: TLS from nothing, metrics Prometheus accepts, logs with levels
// and fields, a readiness probe that says "not ready" while the hub drains. Runs against the source and (CI)
// the installed tarball, where `--self-signed` once crashed.

const VERSION = (JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/** GET over https, trusting exactly the given certificate (self-signed, so no host name to check). */
function httpsGet(url: string, ca: string): Promise<{ status: number; body: string; fingerprint: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca, checkServerIdentity: () => undefined }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      const fingerprint = (res.socket as import('node:tls').TLSSocket).getPeerCertificate().fingerprint256;
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, fingerprint }));
    });
    req.on('error', reject);
    req.end();
  });
}

const hubs: HubProcess[] = [];
afterEach(async () => {
  await Promise.all(hubs.splice(0).map((h) => h.stop('SIGKILL')));
  await cleanupTempDirs();
});

describe('warroom hub, as an operator runs it', () => {
  it('--self-signed on an empty data dir makes a certificate and answers /healthz and /metrics over https', async () => {
    const dataDir = join(await tempDir('warroom-ops-'), 'hub-data-not-made-yet');
    const hub = await spawnHub(['--port', '0', '--self-signed', '--data-dir', dataDir]);
    hubs.push(hub);
    expect(hub.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const cert = await readFile(join(dataDir, 'tls', 'cert.pem'), 'utf8');
    const health = await httpsGet(`${hub.url}/healthz`, cert);
    expect(health).toMatchObject({ status: 200, body: 'ok\n' });
    // What it serves is the certificate it wrote, and the fingerprint it told the operator about.
    expect(health.fingerprint).toBe(new X509Certificate(cert).fingerprint256);
    await waitFor(() => hub.stderr().includes('self-signed certificate, SHA-256'), 'the fingerprint line');
    expect(hub.stderr()).toContain(new X509Certificate(cert).fingerprint256);

    const metrics = await httpsGet(`${hub.url}/metrics`, cert);
    expect(metrics.status).toBe(200);
    expect(metrics.body).toMatch(
      new RegExp(`^warroom_hub_build_info\\{version="${VERSION.replace(/\./g, '\\.')}",nodejs="v[\\d.]+"\\} 1$`, 'm'),
    );
    // Every refusal code has its series from the start, at 0.
    for (const code of [...CONNECT_ERROR_CODES, ...REFUSAL_CODES])
      expect(metrics.body).toContain(`warroom_hub_refusals_total{code="${code}"} 0`);
    // Standard process metrics, unprefixed, as stock Node.js dashboards expect.
    expect(metrics.body).toMatch(/^process_resident_memory_bytes \d+/m);
    expect(metrics.body).toMatch(/^nodejs_eventloop_lag_seconds /m);
  });

  it.skipIf(missingTool('promtool'))('its /metrics passes `promtool check metrics`', async () => {
    const hub = await spawnHub(['--port', '0', '--data-dir', await tempDir('warroom-ops-')]);
    hubs.push(hub);
    // A refused connection, so a refusal series has moved off 0 too.
    const socket = rawSocket(hub.url, {});
    expect(await connectOutcome(socket)).toMatchObject({ connected: false, code: 'no-token' });
    socket.close();
    const text = await (await fetch(`${hub.url}/metrics`)).text();
    expect(text).toContain('warroom_hub_refusals_total{code="no-token"} 1');
    const check = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(`${check.stdout}${check.stderr}`).toBe('');
    expect(check.status).toBe(0);
  });

  it('logs JSON records through pino: the level the hub chose, room/peer/code fields, and only from --log-level up', async () => {
    const hub = await spawnHub(['--port', '0', '--data-dir', await tempDir('warroom-ops-'), '--log-format', 'json']);
    hubs.push(hub);
    const socket = rawSocket(hub.url, { token: 'not-a-token', incident: 'inc_abcdef1234' });
    await connectOutcome(socket);
    socket.close();
    await waitFor(() => hub.stderr().includes('refused a connection'), 'the refusal in the log');
    const records = hub
      .stderr()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records[0]).toMatchObject({ level: 'info', msg: 'listening', url: hub.url, version: VERSION, tls: false });
    expect(records).toContainEqual(expect.objectContaining({ level: 'warn', code: 'bad-handshake' }));
    for (const r of records) expect(new Date(String(r.time)).toISOString()).toBe(r.time);

    const quiet = await spawnHub(['--port', '0', '--data-dir', await tempDir('warroom-ops-'), '--log-format', 'json'], 15_000, {
      WARROOM_LOG_LEVEL: 'warn',
    });
    hubs.push(quiet);
    const refused = rawSocket(quiet.url, {});
    await connectOutcome(refused);
    refused.close();
    await waitFor(() => quiet.stderr().includes('refused a connection'), 'the refusal in the log');
    const levels = quiet
      .stderr()
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { level: string }).level);
    expect(levels).toEqual(['warn']);
  });

  it('on SIGTERM, /readyz answers 503 while the listener still answers, then the hub exits 0', async () => {
    const hub = await spawnHub(['--port', '0', '--data-dir', await tempDir('warroom-ops-')], 15_000, { WARROOM_HUB_DRAIN_SECONDS: '4' });
    hubs.push(hub);
    expect((await fetch(`${hub.url}/readyz`)).status).toBe(200);
    const exited = hub.stop('SIGTERM');
    await waitFor(async () => (await fetch(`${hub.url}/readyz`)).status === 503, 'readyz to say 503');
    // Still listening: health answers, so a load balancer sees "alive, not ready" and moves peers away.
    expect((await fetch(`${hub.url}/healthz`)).status).toBe(200);
    expect(await exited).toBe(0);
    await expect(fetch(`${hub.url}/healthz`)).rejects.toThrow();
  });
});
