import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type ManagerOptions, type SocketOptions } from 'socket.io-client';
import type { WarEvent } from '../../src/kinds/event.js';
import type { HubRole } from '../../src/sync/protocol.js';
import { loadOrCreateSecret } from '../../main/hub/hub-secret.js';
import { startHub, type HubOptions, type RunningHub } from '../../main/hub/hub-server.js';
import { signInvite } from '../../main/hub/invite-token.js';
import { IncidentLogStore } from '../../main/services/incident-log-store.js';
import { SyncClient, type HubSocket, type IoFactory } from '../../main/sync/sync-client.js';
import { WarRoom } from '../../main/services/war-room.js';
import { loadOrCreateSigner } from '../../main/identity/key-store.js';
import type { Signer } from '../../main/identity/event-signature.js';
import { signedHandshake, type AuthFunction } from '../../main/sync/raw-handshake.js';

/** Temp dirs made by these helpers, removed by `cleanupTempDirs()` in afterAll/afterEach. */
const made: string[] = [];

export async function tempDir(prefix = 'warroom-hub-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export async function cleanupTempDirs(): Promise<void> {
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}

export interface TestHub {
  hub: RunningHub;
  dataDir: string;
  invite(room: string, role?: HubRole, ttlMs?: number): Promise<string>;
  close(): Promise<void>;
}

/** An in-process hub on 127.0.0.1, a free port, a temp data dir. */
export async function startTestHub(options: Partial<HubOptions> = {}): Promise<TestHub> {
  const dataDir = options.dataDir ?? (await tempDir('warroom-hubdata-'));
  const hub = await startHub({ host: '127.0.0.1', port: 0, ...options, dataDir });
  return {
    hub,
    dataDir,
    invite: (room, role = 'editor', ttlMs = 3_600_000) => mintInvite(dataDir, room, role, Date.now() + ttlMs),
    close: () => hub.close(),
  };
}

export async function mintInvite(hubDataDir: string, room: string, role: HubRole, exp: number): Promise<string> {
  return signInvite(await loadOrCreateSecret(hubDataDir), { room, role, exp });
}

export interface Peer {
  name: string;
  actor: { id: string; name: string };
  signer: Signer;
  dir: string;
  warRoom: WarRoom;
  client: SyncClient | null;
  /** The socket of the current client, to cut its transport (a network drop) from a test. */
  socket: HubSocket | null;
  connect(hubUrl: string, incident: string, token: string, extra?: { ioFactory?: IoFactory; alternates?: string[] }): SyncClient;
  disconnect(): Promise<void>;
  close(): Promise<void>;
}

/** A teammate: their own data dir, WarRoom (own origin) and, once connected, a SyncClient. */
export async function makePeer(name: string, { now }: { now?: () => number } = {}): Promise<Peer> {
  const dir = await tempDir(`warroom-peer-${name}-`);
  const signer = (await loadOrCreateSigner(dir))!;
  const actor = { id: signer.actorId, name };
  const warRoom = new WarRoom({ store: new IncidentLogStore(join(dir, 'incidents')), actor: () => actor, signer, ...(now ? { now } : {}) });
  const peer: Peer = {
    name,
    actor,
    signer,
    dir,
    warRoom,
    client: null,
    socket: null,
    connect(hubUrl, incident, token, extra = {}) {
      const factory: IoFactory = extra.ioFactory ?? ((url, opts) => io(url, opts) as HubSocket);
      const client = new SyncClient({
        warRoom,
        incident,
        hubUrl,
        ...(extra.alternates ? { alternates: extra.alternates } : {}),
        token,
        reconnectDelayMs: 50,
        reconnectDelayMaxMs: 300,
        ackTimeoutMs: 5_000,
        ioFactory: (url, opts) => (peer.socket = factory(url, opts)),
      });
      peer.client = client;
      client.start();
      return client;
    },
    async disconnect() {
      await peer.client?.stop();
      peer.client = null;
      peer.socket = null;
    },
    async close() {
      await peer.disconnect();
      await warRoom.close();
    },
  };
  return peer;
}

/** Polls until `check` holds; fails with `what` if it does not within the timeout. */
export async function waitFor(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A bare socket.io client for speaking the protocol by hand (bad input, odd clients); no reconnection. */
export function rawSocket(url: string, auth: unknown, options: Partial<ManagerOptions & SocketOptions> = {}): HubSocket {
  return io(url, { auth: auth as object, transports: ['websocket'], reconnection: false, forceNew: true, ...options }) as HubSocket;
}

/**
 * A raw client's handshake: token, room, and proof that it holds `signer`'s key, signed over the challenge the
 * hub gives on that connection (asked for at each attempt). `change` alters what is sent (a forgery).
 */
export function signedAuth(
  signer: Signer,
  token: string,
  incident: string,
  name = 'Someone',
  change?: Parameters<typeof signedHandshake>[4],
): AuthFunction {
  return signedHandshake(signer, token, incident, name, change);
}

export { memorySigner } from '../../main/identity/event-signature.js';

/** A fresh key for a raw client (a hostile teammate, an outsider). */
export async function newSigner(): Promise<Signer> {
  return (await loadOrCreateSigner(await tempDir('warroom-key-')))!;
}

/** Resolves when a raw socket connects, or with the hub's refusal. */
export function connectOutcome(socket: HubSocket): Promise<{ connected: true } | { connected: false; message: string; code: unknown }> {
  return new Promise((resolve) => {
    socket.once('connect', () => resolve({ connected: true }));
    socket.once('connect_error', (err: Error & { data?: { code?: unknown } }) =>
      resolve({ connected: false, message: err.message, code: err.data?.code }),
    );
  });
}

/** Sorted, key-order-independent JSON of a set of events: two logs are identical when these are equal. */
export function canonical(events: readonly { id: string }[]): string[] {
  return [...events].sort((a, b) => (a.id < b.id ? -1 : 1)).map((e) => stableJson(e));
}

function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

export { io };

/** The events in a hub's log file, read without touching it (no torn-tail cut while the hub runs). */
export async function readHubLog(hubDataDir: string, incident: string): Promise<WarEvent[]> {
  const store = new IncidentLogStore(join(hubDataDir, 'incidents'));
  try {
    return (await store.readFrom(incident, 0)).events;
  } finally {
    await store.close();
  }
}

/** Every honest teammate writes once more and sees everyone's new note, with no sync error: nobody was held up or silenced. */
export async function teamStillWorks(team: readonly Peer[], incident: string): Promise<void> {
  const written: string[] = [];
  for (const p of team) {
    const r = await p.warRoom.record(incident, 'note.added', { text: `${p.name} still here ${written.length}` });
    if (!r.ok) throw new Error(r.error);
    written.push(r.value.id);
  }
  for (const p of team) {
    await waitFor(async () => {
      const ids = new Set((await p.warRoom.events(incident)).map((e) => e.id));
      return written.every((id) => ids.has(id));
    }, `${p.name} to see every teammate's new note`);
    // No expect() here: benches import these helpers outside vitest.
    const error = p.client!.status().error;
    if (error !== undefined) throw new Error(`${p.name}'s sync shows an error: ${error}`);
  }
}

/** The events of a pull's page (its lines), parsed: for tests that speak the protocol by hand. */
export function eventsOfPage(page: { lines: Uint8Array | ArrayBuffer }): WarEvent[] {
  const bytes = page.lines instanceof ArrayBuffer ? new Uint8Array(page.lines) : page.lines;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as WarEvent);
}
