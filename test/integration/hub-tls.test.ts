import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import {
  cleanupTempDirs,
  connectOutcome,
  io,
  makePeer,
  mintInvite,
  rawSocket,
  signedAuth,
  readHubLog,
  tempDir,
  waitFor,
  type Peer,
} from '../helpers/hub-peers.js';
import { spawnHub, type HubProcess } from '../helpers/hub-process.js';
import type { HubSocket } from '../../main/sync/sync-client.js';

const run = promisify(execFile);

/** A throwaway self-signed certificate for 127.0.0.1, made with openssl for this test only. */
async function selfSigned(dir: string): Promise<{ cert: string; key: string; pem: string }> {
  const cert = join(dir, 'hub.crt');
  const key = join(dir, 'hub.key');
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    key,
    '-out',
    cert,
    '-days',
    '1',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
  ]);
  return { cert, key, pem: await readFile(cert, 'utf8') };
}

let hub: HubProcess | null = null;
const peers: Peer[] = [];
const sockets: HubSocket[] = [];
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await Promise.all(peers.map((p) => p.close()));
  await hub?.stop('SIGKILL');
  await cleanupTempDirs();
});

describe('warroom hub --tls-cert/--tls-key', () => {
  it('serves wss: clients that trust the certificate sync, others are refused at the TLS layer', async () => {
    const dir = await tempDir('warroom-tls-');
    const tls = await selfSigned(dir);
    const hubDir = join(dir, 'hub');
    hub = await spawnHub(['--port', '0', '--data-dir', hubDir, '--tls-cert', tls.cert, '--tls-key', tls.key]);
    expect(hub.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);

    const ana = await makePeer('ana');
    const ben = await makePeer('ben');
    peers.push(ana, ben);
    const opened = await ana.warRoom.createIncident({ title: 'Over TLS' });
    if (!opened.ok) throw new Error(opened.error);
    const incident = opened.value.incident;
    const token = await mintInvite(hubDir, incident, 'editor', Date.now() + 60_000);
    const trusting = { ioFactory: (url: string, opts: object) => io(url, { ...opts, ca: tls.pem }) as HubSocket };

    await ana.connect(hub.url, incident, token, trusting).whenSynced();
    expect(ana.socket!.io.engine.transport.name).toBe('websocket');
    expect((ana.socket!.io.engine.transport as unknown as { uri(): string }).uri()).toMatch(/^wss:\/\//);
    const client = ben.connect(hub.url, incident, token, trusting);
    await client.whenSynced();
    const note = await ben.warRoom.record(incident, 'note.added', { text: 'encrypted in transit' });
    if (!note.ok) throw new Error(note.error);
    await waitFor(async () => (await ana.warRoom.events(incident)).some((e) => e.id === note.value.id), 'the note at ana over wss');
    await waitFor(async () => (await readHubLog(hubDir, incident)).length === 2, 'the note on the hub');

    // Without trusting the certificate the TLS handshake fails before any War Room message is read.
    const untrusting = rawSocket(hub.url, signedAuth(ana.signer, token, incident));
    sockets.push(untrusting);
    const out = await connectOutcome(untrusting);
    expect(out.connected).toBe(false);

    expect(await hub.stop('SIGTERM')).toBe(0);
    hub = null;
  });
});
