import { readdir, readFile } from 'node:fs/promises';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Server } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import { formatJoinLink } from '../../src/sync/join-link.js';
import { hubProofText } from '../../src/model/signed-payload.js';
import { CHALLENGE_EVENT, HANDSHAKE_NAMESPACE } from '../../src/sync/protocol.js';
import { loadOrCreateCertificate } from '../../main/hub/hub-certificate.js';
import { memorySigner } from '../../main/identity/event-signature.js';
import type { HandshakeAuth } from '../../main/sync/raw-handshake.js';
import { askChallenge } from '../../main/sync/hub-challenge-client.js';
import { verifySignature } from '../../main/identity/event-signature.js';
import { cli } from '../helpers/run-cli.js';
import { SyncClient } from '../../main/sync/sync-client.js';
import { spawnWarroom } from '../helpers/hub-process.js';
import {
  cleanupTempDirs,
  connectOutcome,
  makePeer,
  rawSocket,
  readHubLog,
  signedAuth,
  startTestHub,
  tempDir,
  waitFor,
  type Peer,
  type TestHub,
} from '../helpers/hub-peers.js';

const hubs: TestHub[] = [];
const closers: (() => unknown)[] = [];
const peers: Peer[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
  await Promise.all(peers.splice(0).map((p) => p.close()));
  await Promise.all(hubs.splice(0).map((h) => h.close()));
  await cleanupTempDirs();
});

async function hubOf(options: Parameters<typeof startTestHub>[0] = {}): Promise<TestHub> {
  const h = await startTestHub(options);
  hubs.push(h);
  return h;
}

function socketTo(url: string, auth: unknown, options = {}) {
  const s = rawSocket(url, auth, options);
  closers.push(() => s.disconnect());
  return s;
}

const verify = (key: string, text: string, sig: string) => verifySignature(key, text, sig, false);

describe('a captured handshake opens nothing', () => {
  it('replayed on a new connection, after the first was used, or later than 30 s: refused; a fresh one still works', async () => {
    let skew = 0;
    const hub = await hubOf({ now: () => Date.now() + skew });
    const incident = 'inc_replay000001';
    const token = await hub.invite(incident);
    const ana = memorySigner();
    let captured: HandshakeAuth | null = null;
    const first = socketTo(
      hub.hub.url,
      signedAuth(ana, token, incident, 'Ana', (a) => (captured = a)),
    );
    expect(await connectOutcome(first)).toEqual({ connected: true });
    // Mallory saw the handshake (a proxy's log, a debugging dump) and plays it back while Ana is connected, and after.
    const replay = await connectOutcome(socketTo(hub.hub.url, captured!));
    expect(replay).toMatchObject({ connected: false, code: 'bad-challenge' });
    expect(replay.connected === false && replay.message).toMatch(/no challenge this hub issued on this connection/);
    first.disconnect();
    expect(await connectOutcome(socketTo(hub.hub.url, captured!))).toMatchObject({ connected: false, code: 'bad-challenge' });
    // Replayed on its own connection (she asks a challenge, then sends Ana's old handshake): still another nonce.
    const onOwn = socketTo(
      hub.hub.url,
      signedAuth(memorySigner(), token, incident, 'Mallory', () => captured!),
    );
    expect(await connectOutcome(onOwn)).toMatchObject({ connected: false, code: 'bad-challenge' });
    // A challenge answered too late (the hub's clock moved 31 s between the challenge and the handshake).
    const slow = socketTo(
      hub.hub.url,
      signedAuth(ana, token, incident, 'Ana', (a) => {
        skew += 31_000;
        return a;
      }),
    );
    const late = await connectOutcome(slow);
    expect(late).toMatchObject({ connected: false, code: 'bad-challenge' });
    expect(late.connected === false && late.message).toMatch(/more than 30 s old/);
    // Ana, honest, at the hub's time now: in.
    expect(await connectOutcome(socketTo(hub.hub.url, signedAuth(ana, token, incident, 'Ana')))).toEqual({ connected: true });
  });

  it('a handshake made for hub A is refused by hub B, even answering B’s own challenge on B’s connection', async () => {
    const real = await hubOf();
    const incident = 'inc_otherhub0001';
    const token = await real.invite(incident);
    // Mallory's hub A: when Ana asks it for a challenge, Mallory asks the real hub B for one on her own connection
    // and hands B's nonce to Ana, signed with A's key. Ana's handshake then answers B's nonce, for hub A, and
    // Mallory sends it to B on the connection B issued the nonce on.
    const mallorysKey = memorySigner();
    let round: { nonce: Promise<ChallengeOfB>; auth: (a: HandshakeAuth) => void } | null = null;
    const hubA = await standInHub({
      challenge: async (clientNonce) => {
        const { nonce } = await round!.nonce;
        return { ok: true, nonce, hub: mallorysKey.key, sig: mallorysKey.sign(hubProofText(clientNonce, nonce)) };
      },
      handshake: (auth) => round!.auth(auth as HandshakeAuth),
    });
    closers.push(() => hubA.close());
    const ana = memorySigner();
    const relay = async (change: (a: HandshakeAuth, b: ChallengeOfB) => object) => {
      let gotNonce!: (c: ChallengeOfB) => void;
      let gotAuth!: (a: HandshakeAuth) => void;
      const nonce = new Promise<ChallengeOfB>((r) => (gotNonce = r));
      const auth = new Promise<HandshakeAuth>((r) => (gotAuth = r));
      round = { nonce, auth: gotAuth };
      const mallory = socketTo(real.hub.url, function (this: { io: Parameters<typeof askChallenge>[0] }, cb: (d: object) => void) {
        void askChallenge(this.io, { verify }).then(gotNonce);
        void Promise.all([auth, nonce]).then(([a, b]) => cb(change(a, b)));
      } as never);
      await nonce;
      expect(await connectOutcome(socketTo(hubA.url, signedAuth(ana, token, incident, 'Ana')))).toMatchObject({ connected: false });
      return connectOutcome(mallory);
    };
    const asIs = await relay((a) => a);
    expect(asIs).toMatchObject({ connected: false, code: 'bad-key' });
    expect(asIs.connected === false && asIs.message).toMatch(/made for another hub/);
    // Naming B's key instead: Ana's signature covers A's.
    const renamed = await relay((a, b) => ({ ...a, proof: { ...a.proof, hub: b.hub } }));
    expect(renamed).toMatchObject({ connected: false, code: 'bad-key' });
    expect(renamed.connected === false && renamed.message).toMatch(/does not verify/);
    expect(await readHubLog(real.dataDir, incident)).toEqual([]);
    // Ana at the real hub: in.
    expect(await connectOutcome(socketTo(real.hub.url, signedAuth(ana, token, incident, 'Ana')))).toEqual({ connected: true });
  });
});

type ChallengeOfB = { nonce: string; hub: string };

interface StandIn {
  url: string;
  close(): Promise<void>;
}

/** A hub impostor: answers the challenge namespace as told, and hands on whatever handshake reaches it. */
async function standInHub(behaviour: {
  challenge: (clientNonce: string) => Promise<object>;
  handshake: (auth: unknown) => void;
}): Promise<StandIn> {
  const http: HttpServer = createServer();
  const io = new Server(http, { transports: ['websocket'] });
  io.of(HANDSHAKE_NAMESPACE).on('connection', (s) => {
    s.on(CHALLENGE_EVENT, (p: { nonce: string }, ack: (r: object) => void) => void behaviour.challenge(p.nonce).then(ack));
  });
  io.use((socket, next) => {
    behaviour.handshake(socket.handshake.auth);
    next(Object.assign(new Error('held'), { data: { code: 'unavailable' } }));
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => void io.close(() => r())),
  };
}

describe('an impostor hub with the real certificate', () => {
  it('gets nothing from a teammate who holds the room: no handshake, no event, no title; the team keeps working, on a second machine too', async () => {
    const cert = await loadOrCreateCertificate(await tempDir('warroom-cert-'));
    const tls = { cert: cert.cert, key: cert.key };
    const real = await hubOf({ tls });
    const anaDir = await tempDir('warroom-ana-');
    const ana = (...args: string[]) => cli([...args, '--data-dir', anaDir]);
    const title = 'Card payments failing at checkout';
    const incident = (await ana('new', '--title', title, '--name', 'Ana')).stdout;
    const realLink = formatJoinLink({ hub: real.hub.url, incident, token: await real.invite(incident), fingerprint: cert.fingerprint });
    expect((await ana('join', realLink, '--yes')).code).toBe(0);

    // Mallory serves the same certificate (a copy from the TLS terminator she runs), at another address, with
    // her own hub key. Her link carries the real fingerprint; Ana even says yes.
    const heard: string[] = [];
    const impostor = await hubOf({ tls, log: (_level, message) => heard.push(message) });
    const bait = formatJoinLink({ hub: impostor.hub.url, incident, token: await impostor.invite(incident), fingerprint: cert.fingerprint });
    const fooled = await ana('join', bait, '--yes');
    expect(fooled.code).not.toBe(0);
    expect(fooled.stderr).toMatch(/not the one this incident's agreed order was signed with.*Nothing was sent/);
    // The app's own client (a teammate who joined in the window) says the same and stops, sending nothing.
    const app = await makePeer('cara');
    peers.push(app);
    const joined = new SyncClient({
      warRoom: app.warRoom,
      incident,
      hubUrl: real.hub.url,
      token: await real.invite(incident),
      fingerprint: cert.fingerprint,
    });
    closers.push(() => joined.stop());
    joined.start();
    await joined.whenSynced(20_000);
    await joined.stop();
    expect((await app.warRoom.state(incident)).title).toBe(title);
    const lured = new SyncClient({
      warRoom: app.warRoom,
      incident,
      hubUrl: impostor.hub.url,
      token: await impostor.invite(incident),
      fingerprint: cert.fingerprint,
    });
    closers.push(() => lured.stop());
    lured.start();
    await waitFor(() => /agreed order was signed with/.test(lured.status().error ?? ''), 'the app to refuse the impostor', 20_000);
    expect(await readHubLog(impostor.dataDir, incident)).toEqual([]);
    expect(heard.filter((m) => /joined|refused a connection/.test(m))).toEqual([]);
    expect(await filesMention(impostor.dataDir, [title, incident])).toEqual([]);

    // The honest team: Bob, a second machine (his own process and profile), joins the real hub and writes; Ana sees it.
    const bobDir = await tempDir('warroom-bob-');
    const bob = spawnWarroom(['join', realLink, '--yes', '--data-dir', bobDir]);
    expect(await bob.exited).toBe(0);
    const post = spawnWarroom([
      'post',
      '--incident',
      incident,
      '--kind',
      'note',
      '--text',
      'Bob: processor status page shows an outage',
      '--name',
      'Bob',
      '--data-dir',
      bobDir,
      '--hub',
      real.hub.url,
      '--token',
      await real.invite(incident),
      '--fingerprint',
      cert.fingerprint,
    ]);
    expect(await post.exited, post.stderr()).toBe(0);
    expect((await ana('join', realLink)).code).toBe(0);
    const log = await ana('log', '--incident', incident);
    expect(log.stdout).toContain('processor status page shows an outage');
  }, 120_000);
});

/** Files under `dir` whose text contains any of `needles`. */
async function filesMention(dir: string, needles: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const text = await readFile(path, 'utf8').catch(() => '');
    if (needles.some((n) => text.includes(n))) found.push(path);
  }
  return found;
}
