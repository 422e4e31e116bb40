import { chmod, mkdir } from 'node:fs/promises';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { Server, type Socket } from 'socket.io';
import type { Actor } from '../../src/model/envelope.js';
import type { WarEvent } from '../../src/kinds/event.js';
import { describeZodIssues } from '../../src/model/result.js';
import { accessRefusal } from '../../src/kinds/rules.js';
import {
  CLIENT_EVENTS,
  handshakeAuthSchema,
  HUB_EVENTS,
  PROTOCOL_LIMITS,
  headRequestSchema,
  pullRequestSchema,
  pushRequestSchema,
  channelsRequestSchema,
  vectorToMap,
  type ClientToHubEvents,
  type ConnectErrorCode,
  type ErrorAck,
  type ErrorCode,
  type HubRole,
  type HubToClientEvents,
  type PullAck,
  type PushAck,
  utf8Length,
} from '../../src/sync/protocol.js';
import { hubHttpHandler, type HubHttpRoute } from './hub-http.js';
import { attachAddOns, type HubAddOnOptions } from './hub-add-ons.js';
import type { HubLog } from './hub-log.js';
import { HubChannels, type HubChannelsOptions } from './channels/hub-channels.js';
import { statusPageRoutes } from './status-page/status-page-routes.js';
import { Inflight } from './hub-inflight.js';
import { HubMetrics } from './hub-metrics.js';
import { loadOrCreateSecret } from './hub-secret.js';
import { FileHubStorage, type HubStorage } from './hub-storage.js';
import { HubPresence } from './hub-presence.js';
import { emitInSlices } from './sliced-broadcast.js';
import type { HubRelay } from './hub-relay.js';
import { flowControl, roomRelay } from './hub-flow.js';
import { HubRoom } from './hub-room.js';
import { verifyInvite } from './invite-token.js';
import { PersonalInvites } from './personal-invites.js';
import { HandshakeChallenges } from './hub-challenge.js';
import { checkHandshake, type Signer } from '../identity/event-signature.js';
import { loadOrCreateSigner } from '../identity/key-store.js';
import { headSignatureHolds } from '../identity/room-chain.js';
import type { RateLimits } from './connection-budget.js';
import type { HolderBudget, HolderBudgets } from './holder-budgets.js';
import type { PagesInFlight } from './pages-in-flight.js';
import { RevokedInvites } from './revoked-invites.js';
import type { ClusterSettings } from './cluster/cluster-settings.js';
import type { ClusterParts } from './cluster/cluster-parts.js';
import type { HubCluster } from './cluster/hub-cluster.js';
import type { RevocationList } from './cluster/postgres-hub-state.js';

export interface HubOptions extends HubAddOnOptions {
  /** Holds the secret that signs invites and, with the file adapter, every room's log. */
  dataDir: string;
  /** Loopback unless told otherwise: a hub on every interface is a choice, not a default. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** PEM certificate and key: the hub then serves https/wss only. */
  tls?: { cert: string | Buffer; key: string | Buffer };
  storage?: HubStorage;
  now?: () => number;
  /** One record per notable thing (a peer joining, a refused message), with its level; the CLI logs them through pino. */
  log?: HubLog;
  /** A room nobody has used for this long is dropped from memory and reloaded from storage when next used. */
  idleRoomMs?: number;
  /** Presence changes are coalesced and sent at most this often per room. */
  presenceIntervalMs?: number;
  /** Adds the process's own metrics (memory, CPU, event-loop lag) to /metrics: for a standalone hub. */
  processMetrics?: boolean;
  /** How long a graceful stop waits for pushes being made durable. */
  drainMs?: number;
  /**
   * On stop, how long the hub keeps listening with /readyz answering 503 (and new peers refused) before it
   * closes the listener: a load balancer polling /readyz takes it out of rotation first. Default 0.
   */
  readinessGraceMs?: number;
  /** Rate limits of one key, and of one invite's holders together (defaults: PROTOCOL_LIMITS); tests and benches pass their own. */
  rateLimits?: RateLimits;
  /** Open connections one invite may have at once (default PROTOCOL_LIMITS.connectionsPerInvite). */
  connectionsPerInvite?: number;
  /** Bytes queued for a peer that does not read before it is dropped (default PROTOCOL_LIMITS.sendBufferBytes). */
  sendBufferBytes?: number;
  /** Bytes queued for all peers together before the longest queues are dropped (default PROTOCOL_LIMITS.sendBuffersBytes). */
  sendBuffersBytes?: number;
  /** The address others reach the hub at (behind a proxy): the status page's links and feed ids use it. */
  publicUrl?: string;
  /** Webhook retry timing and mail timeouts (tests shorten them); the settings themselves are in <dataDir>/channels.json. */
  channels?: Pick<HubChannelsOptions, 'webhooks' | 'mailTimeoutMs'>;
  /**
   * Several hubs sharing one truth: rooms, invites' secret, the order's key and revocations in Postgres, live
   * fan-out and presence through Redis (main/hub/cluster/). Without it the hub keeps everything in its data dir.
   */
  cluster?: ClusterSettings;
}

export interface RunningHub {
  url: string;
  host: string;
  port: number;
  /** The status page, email and webhooks (tests wait on `settled()`). */
  channels: HubChannels;
  close(): Promise<void>;
}

interface PeerData {
  room: string;
  role: HubRole;
  exp: number;
  actor: Actor;
  /** The public key this connection proved it holds: it writes for this key only. */
  key: string;
  /** The invite it came in with: its id (for revocation) and its signature (to count its connections). */
  inviteId: string | undefined;
  inviteKey: string;
}

type Ack = (reply: unknown) => void;
type PeerSocket = Socket<ClientToHubEvents, HubToClientEvents, Record<string, never>, PeerData>;

const KNOWN_EVENTS = new Set<string>(Object.values(CLIENT_EVENTS));

export const DEFAULT_HUB_PORT = 7311;

/** The hub's identity key in its data dir (mode 0600, like the secret). */
export const HUB_KEY_FILE = 'hub-identity.key';

/** What the connection handlers share with the hub that started them. */
export interface Hub {
  options: HubOptions;
  now: () => number;
  log: HubLog;
  io: Server<ClientToHubEvents, HubToClientEvents, Record<string, never>, PeerData>;
  metrics: HubMetrics;
  secret: Awaited<ReturnType<typeof loadOrCreateSecret>>;
  /** Signs the head of each room's agreed order, and the handshake challenges (the hub's identity). */
  hubKey: Signer;
  challenges: HandshakeChallenges;
  personal: Pick<PersonalInvites, 'claim'>;
  revoked: RevocationList;
  inflight: Inflight;
  presence: HubPresence;
  relay: HubRelay;
  channels: HubChannels;
  roomOf: (id: string) => Promise<HubRoom>;
  lastUsed: Map<string, number>;
  /** Open connections per invite signature. */
  perInvite: Map<string, number>;
  maxPerInvite: number;
  /** Push, pull and connection budgets per key and per invite. */
  budgets: HolderBudgets;
  /** Catch-up pages built and not yet read by their connections. */
  pages: PagesInFlight;
  flags: { ready: boolean; stopping: boolean };
  /** Told of every event a push stored (alerts follow incidents being resolved). */
  onStored?: (room: string, stored: readonly WarEvent[]) => void;
}

/** Starts a hub: standalone (`warroom hub`) or inside the desktop app. Resolves once it is listening. */
export async function startHub(options: HubOptions): Promise<RunningHub> {
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => undefined);
  const host = options.host ?? '127.0.0.1';
  // The database and Redis clients load only for a hub in a cluster: the app's own hub never needs them.
  const cluster: HubCluster | null = options.cluster
    ? await (await import('./cluster/hub-cluster.js')).openCluster(options.cluster, log, now)
    : null;
  const { secret, hubKey, personal, revoked } = await hubKeeping(options, cluster, now);
  const flags = { ready: false, stopping: false };
  const inflight = new Inflight();
  const metrics = new HubMetrics(
    { peers: () => io.of('/').sockets.size, rooms: () => cache.rooms.size },
    { processMetrics: options.processMetrics === true },
  );
  const storage = metrics.timed(cluster?.storage ?? options.storage ?? new FileHubStorage(options.dataDir));
  const { channels, self } = await startChannels(options, { hubKey, now, log, roomOf: (id) => cache.roomOf(id), relay: () => relay });
  const cache = roomCache({
    storage,
    now,
    log,
    hubKey,
    idleRoomMs: options.idleRoomMs ?? 60_000,
    peersIn: (id) => io.sockets.adapter.rooms.get(id)?.size ?? 0,
    loaded: (room) => {
      room.onOrdered((range) => relay.order(room.id, range));
      channels.watch(room);
    },
  });

  const routes: HubHttpRoute[] = [statusPageRoutes((name) => channels.document(name))];
  const { server, io } = servers(options, hubHttpHandler({ metrics, ready: () => flags.ready && !flags.stopping, routes }), cluster);
  // Declared before the cluster's parts start (they need the presence): until then, presence flushes locally.
  let clusterParts: ClusterParts | null = null;
  const presence = presenceOf(io, options.presenceIntervalMs, () => clusterParts);
  const onSlowReader = slowReaderDropped(log, metrics);
  const flow = flowControl(io, options, metrics, now, onSlowReader);
  const relay = roomRelay(io, cluster !== null, (room) => cache.loadedRoom(room)?.head() ?? null, { ...flow, onSlowReader });
  const maxPerInvite = options.connectionsPerInvite ?? PROTOCOL_LIMITS.connectionsPerInvite;
  const parts = { options, now, log, io, metrics, secret, hubKey, personal, revoked, inflight, presence, relay, channels, flags };
  const challenges = new HandshakeChallenges(hubKey, now);
  challenges.attach(io);
  const hub: Hub = {
    ...parts,
    challenges,
    roomOf: cache.roomOf,
    lastUsed: cache.lastUsed,
    perInvite: new Map(),
    maxPerInvite,
    budgets: flow.budgets,
    pages: flow.pages,
  };
  // Alert webhooks and the team namespace, the browser view: each only when asked for (hub-add-ons.ts).
  await attachAddOns(hub, storage, routes);
  io.use((socket, next) => admitPeer(hub, socket, next));
  io.on('connection', (socket: PeerSocket) => onPeerConnected(hub, socket));

  const loadedRooms = () => cache.ready.values();
  if (cluster)
    clusterParts = await (await import('./cluster/cluster-parts.js')).startClusterParts({ cluster, io, presence, log, loadedRooms });

  const port = await listenUntilReady(server, options.port ?? DEFAULT_HUB_PORT, host, storage, flags, log);
  const stopWatching = flow.watch();
  const revocationTimer = endRevokedConnections(hub);
  const url = `${options.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}`;
  self.listening(url, host, port);

  const stopTimers = () => {
    for (const timer of [cache.evictTimer, revocationTimer]) clearInterval(timer);
    presence.close();
    stopWatching();
    clusterParts?.stop();
  };
  return { url, host, port, channels, close: closer({ hub, server, storage, stopTimers, cluster }) };
}

/** Listens, then marks the hub ready once storage answers: a load balancer or an orchestrator sends peers only then. */
async function listenUntilReady(
  server: HttpServer,
  port: number,
  host: string,
  storage: HubStorage,
  flags: { ready: boolean },
  log: HubLog,
): Promise<number> {
  await listen(server, port, host);
  await storage.listRooms().then(
    () => (flags.ready = true),
    (e: unknown) => log('error', `storage is not ready: ${e instanceof Error ? e.message : String(e)}`),
  );
  return (server.address() as AddressInfo).port;
}

/** The invite secret, the hub's key, personal invites and revocations: in the data dir, or the cluster's database. */
async function hubKeeping(options: HubOptions, cluster: HubCluster | null, now: () => number) {
  // Everything the hub writes is its owner's only (the logs hold customer names and contacts).
  await mkdir(options.dataDir, { recursive: true, mode: 0o700 });
  await chmod(options.dataDir, 0o700);
  return {
    secret: cluster?.secret ?? (await loadOrCreateSecret(options.dataDir)),
    // The hub's own key: it signs the head of each room's agreed order (main/hub/PROTOCOL.md, "Agreed order").
    hubKey: cluster?.hubKey ?? (await loadOrCreateSigner(options.dataDir, HUB_KEY_FILE))!,
    personal: cluster?.personal ?? (await PersonalInvites.load(options.dataDir)),
    revoked: cluster?.revoked ?? new RevokedInvites(options.dataDir, now),
  };
}

/** The status page, email and webhooks: started before the rooms load, so each loaded room is watched. */
async function startChannels(
  options: HubOptions,
  deps: {
    hubKey: Signer;
    now: () => number;
    log: HubLog;
    roomOf: (id: string) => Promise<HubRoom>;
    relay: () => HubRelay;
  },
): Promise<{ channels: HubChannels; self: { listening(url: string, host: string, port: number): void } }> {
  // Where the hub answers, known once it listens: the status page's links and the webhooks' self-check use it.
  const self = { url: '', port: 0 };
  const channels = await HubChannels.start({
    dataDir: options.dataDir,
    hubKey: deps.hubKey,
    now: deps.now,
    log: (line) => deps.log('warn', line, { code: 'channels' }),
    roomOf: deps.roomOf,
    relay: (room, events, bytes) => deps.relay().relay(room, '', [...events], bytes),
    self: () => ({
      url: options.publicUrl?.replace(/\/+$/, '') ?? self.url,
      port: self.port,
      publicOrigin: publicOrigin(options.publicUrl),
    }),
    ...options.channels,
  });
  const listening = (url: string, host: string, port: number) =>
    Object.assign(self, { url: hubUrlFor(url, host, port, options.tls !== undefined), port });
  return { channels, self: { listening } };
}

/** What dropping a peer that does not read says in the log and counts in /metrics. */
function slowReaderDropped(log: HubLog, metrics: HubMetrics) {
  return (socket: Socket, bytes: number): void => {
    const data = socket.data as Partial<PeerData>;
    const peer = printable(String(data.actor?.id));
    log('warn', `dropped a peer that does not read: ${bytes} bytes queued for it`, { room: data.room, peer, code: 'slow-reader' });
    metrics.slowReaderDropped();
  };
}

/** The HTTP(S) server (health, metrics) and the Socket.IO server on it. */
function servers(options: HubOptions, http: ReturnType<typeof hubHttpHandler>, cluster: HubCluster | null) {
  const server: HttpServer = options.tls
    ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, http)
    : createHttpServer(http);
  const io = new Server<ClientToHubEvents, HubToClientEvents, Record<string, never>, PeerData>(server, {
    maxHttpBufferSize: PROTOCOL_LIMITS.messageBytes,
    serveClient: false,
    // With several hubs, `io.to(room).emit` reaches the room's sockets on every hub (Redis Streams). WebSocket
    // only: a long-polling session is several requests that a load balancer could send to different hubs.
    ...(cluster ? { adapter: cluster.adapter, transports: ['websocket' as const] } : {}),
  });
  return { server, io };
}

/**
 * Presence: the whole list goes only to those who just joined (one message, encoded once for all of them); the
 * rest of the room hears what changed.
 */
function presenceOf(io: Hub['io'], intervalMs: number | undefined, cluster: () => ClusterParts | null): HubPresence {
  return new HubPresence((flush) => {
    // Several hubs: the room's list is everyone's on every hub (cluster/cluster-presence.ts says it).
    const shared = cluster()?.presence;
    if (shared) return shared.flushed(flush);
    const { room, delta, joiners, members } = flush;
    if (delta) emitInSlices(io, room, joiners, HUB_EVENTS.presenceDelta, delta);
    if (joiners.length) io.local.to(joiners).emit(HUB_EVENTS.presence, { members });
  }, intervalMs);
}

/** The hub's close, once however often it is called. */
interface Closing {
  hub: Hub;
  server: HttpServer;
  storage: HubStorage;
  stopTimers: () => void;
  cluster: HubCluster | null;
}

function closer({ hub, server, storage, stopTimers, cluster }: Closing) {
  let closing: Promise<void> | null = null;
  return (): Promise<void> =>
    (closing ??= (async () => {
      // Draining: /readyz says 503 and new peers and requests are refused while the listener stays open, so
      // load balancers see it; what was asked is answered; only then does the listener close.
      hub.flags.stopping = true;
      const grace = hub.options.readinessGraceMs;
      if (grace) await new Promise((resolve) => setTimeout(resolve, grace));
      await hub.inflight.idle(hub.options.drainMs ?? 10_000);
      server.close();
      stopTimers();
      await hub.channels.close();
      await new Promise<void>((resolve) => {
        void hub.io.close(() => resolve());
        server.closeAllConnections();
      });
      // Appends already accepted finish before the files close.
      await storage.close();
      await cluster?.close();
    })());
}

interface RoomCacheOptions {
  storage: HubStorage;
  now: () => number;
  log: HubLog;
  hubKey: Signer;
  idleRoomMs: number;
  peersIn: (id: string) => number;
  /** Told of each room once loaded (to hear the positions it gives out). */
  loaded: (room: HubRoom) => void;
}

/** Rooms are loaded on first use and dropped once idle; `lastUsed` is on the real clock, not `now` (tests fake that). */
function roomCache({ storage, now, log, hubKey, idleRoomMs, peersIn, loaded }: RoomCacheOptions) {
  const rooms = new Map<string, Promise<HubRoom>>();
  /** The rooms whose load finished: what the relay asks for a head. */
  const ready = new Map<string, HubRoom>();
  const lastUsed = new Map<string, number>();
  const releasing = new Map<string, Promise<void>>();
  const roomOf = (id: string): Promise<HubRoom> => {
    lastUsed.set(id, performance.now());
    // A room whose write to shared storage failed may hold what was never stored: it is read again.
    if (ready.get(id)?.stale) {
      rooms.delete(id);
      ready.delete(id);
    }
    let room = rooms.get(id);
    if (!room) {
      // A room being let go of finishes its writes before it is read again.
      const released = releasing.get(id) ?? Promise.resolve();
      room = released.then(() => HubRoom.load(id, storage, now, hubKey));
      rooms.set(id, room);
      room.then(
        (r) => {
          ready.set(id, r);
          loaded(r);
          r.issues.forEach((i) => log('warn', `line ${i.line} of the room's log: ${i.reason}`, { room: id }));
        },
        () => undefined,
      );
      room.catch(() => rooms.delete(id));
    }
    return room;
  };
  const evictIdleRooms = async (): Promise<void> => {
    const cutoff = performance.now() - idleRoomMs;
    for (const [id, loading] of rooms) {
      if ((lastUsed.get(id) ?? 0) > cutoff || peersIn(id) > 0) continue;
      const room = await loading.catch(() => null);
      // Checked again after the await: someone may have come back meanwhile.
      if (rooms.get(id) !== loading || room?.busy || (lastUsed.get(id) ?? 0) > cutoff || peersIn(id) > 0) continue;
      rooms.delete(id);
      ready.delete(id);
      lastUsed.delete(id);
      const release = storage
        .releaseRoom(id)
        .catch((e: unknown) =>
          log('error', `could not release the room's storage: ${e instanceof Error ? e.message : String(e)}`, { room: id }),
        );
      releasing.set(id, release);
      void release.then(() => releasing.get(id) === release && releasing.delete(id));
    }
  };
  const evictTimer = setInterval(() => void evictIdleRooms(), Math.max(10, Math.min(idleRoomMs, 30_000)));
  evictTimer.unref();
  return { rooms, ready, lastUsed, roomOf, loadedRoom: (id: string) => ready.get(id), evictTimer };
}

/** The handshake: checks in this order, each refusal logged, counted and sent with its code. */
function admitPeer(hub: Hub, socket: PeerSocket, next: (err?: Error) => void): void {
  const { log, metrics, now, perInvite, maxPerInvite } = hub;
  const refuse = (code: ConnectErrorCode, reason: string): void => {
    log('warn', `refused a connection: ${reason}`, { code });
    metrics.refused(code);
    next(Object.assign(new Error(reason), { data: { code } }));
  };
  if (hub.flags.stopping) return refuse('unavailable', 'the hub is shutting down: the app reconnects once it is back');
  const raw = socket.handshake.auth as Record<string, unknown> | undefined;
  if (!raw || typeof raw.token !== 'string' || raw.token === '') {
    return refuse('no-token', 'no invite token: ask the hub host for one (warroom invite)');
  }
  const auth = handshakeAuthSchema.safeParse(raw);
  if (!auth.success) {
    const issue = auth.error.issues[0];
    return refuse(
      'bad-handshake',
      `bad handshake: ${issue ? `${issue.path.map(String).join('.')}: ${issue.message}` : 'invalid'} (expected auth {token, incident, actor: {id, name}, key, proof: {nonce, hub, sig}})`,
    );
  }
  const stale = hub.challenges.take(socket.conn, auth.data.proof.nonce);
  if (stale) return refuse('bad-challenge', stale);
  const keyProblem = checkHandshake(auth.data.incident, auth.data.actor.id, auth.data.key, auth.data.proof, hub.hubKey.key);
  if (keyProblem) return refuse('bad-key', keyProblem);
  const claims = verifyInvite(hub.secret, auth.data.token, auth.data.incident, now());
  if (!claims.ok) return refuse(claims.code ?? 'bad-token', claims.error);
  const inviteKey = auth.data.token.slice(auth.data.token.indexOf('.') + 1);
  if ((perInvite.get(inviteKey) ?? 0) >= maxPerInvite) {
    return refuse(
      'too-many-connections',
      `this invite already has ${maxPerInvite} open connections, the most one invite may: ask the hub host for your own invite`,
    );
  }
  const tooMany = hub.budgets.admit(auth.data.incident, inviteKey, auth.data.key);
  if (tooMany) return refuse('too-many-connections', tooMany);
  const admit = (): void => {
    Promise.all([hub.roomOf(auth.data.incident), hub.revoked.isRevoked(claims.value.jti)]).then(
      ([, isRevoked]) => {
        if (isRevoked) return refuse('revoked-token', 'this invite was revoked by the hub host: ask them for a new one');
        // Counted here, before `connection`, so a thousand simultaneous handshakes cannot all pass the cap.
        perInvite.set(inviteKey, (perInvite.get(inviteKey) ?? 0) + 1);
        socket.data = {
          room: auth.data.incident,
          role: claims.value.role,
          exp: claims.value.exp,
          actor: auth.data.actor,
          key: auth.data.key,
          inviteId: claims.value.jti,
          inviteKey,
        };
        next();
      },
      (e: unknown) =>
        refuse('unavailable', `the hub could not open incident ${auth.data.incident}: ${e instanceof Error ? e.message : String(e)}`),
    );
  };
  if (claims.value.sub === undefined) return admit();
  hub.personal.claim(claims.value.sub, auth.data.actor.id).then(
    (mine) =>
      mine ? admit() : refuse('bad-token', 'this personal invite was already used by someone else: ask the hub host for your own invite'),
    (e: unknown) => refuse('unavailable', `the hub could not record the personal invite: ${e instanceof Error ? e.message : String(e)}`),
  );
}

function onPeerConnected(hub: Hub, socket: PeerSocket): void {
  const { room: roomId, actor, role } = socket.data;
  const { now, log, metrics, roomOf } = hub;
  const budget = hub.budgets.join(roomId, socket.data.inviteKey, socket.data.key);
  // A peer may emit "error" by name; with no listener Node would throw it. socket.io 4.8 adds a no-op
  // listener itself; this one keeps the hub safe should an upgrade drop it.
  socket.on('error', () => undefined);
  void socket.join(roomId);
  hub.presence.join(roomId, socket.id, actor, role, now());
  log('info', `${printable(actor.name)} joined as ${role}`, { room: roomId, peer: printable(actor.id) });
  answerUnknownEvents(socket);
  const handle = requestHandler(hub, socket);

  handle(CLIENT_EVENTS.pull, async (payload) => {
    const wait = budget.pull();
    if (wait > 0) return rateLimited(wait, 'pulls');
    const req = pullRequestSchema.safeParse(payload);
    if (!req.success) return errorAck('bad-request', `bad ${CLIENT_EVENTS.pull}: ${describeZodIssues(req.error.issues)}`);
    return pullPage(hub, socket, budget, await roomOf(roomId), req.data);
  });

  handle(CLIENT_EVENTS.push, async (payload) => {
    const denied = accessRefusal(role);
    if (denied) return errorAck(denied.code, denied.reason);
    const req = pushRequestSchema.safeParse(payload);
    if (!req.success) return errorAck('bad-request', `bad ${CLIENT_EVENTS.push}: ${describeZodIssues(req.error.issues)}`);
    const wait = budget.push(req.data.events.length, approximateBytes(req.data.events));
    if (wait > 0) return rateLimited(wait, 'pushes');
    const room = await roomOf(roomId);
    // The rest of the room gets the events while the hub's fsync runs; the ack below waits for it (HubRoom.push).
    const outcome = await room.push(req.data.events, actor, socket.data.key, (stored, bytes) =>
      hub.relay.relay(roomId, socket.id, [...stored], bytes),
    );
    metrics.pushed(outcome.stored.length);
    for (const r of outcome.refused) metrics.refused(r.code);
    hub.onStored?.(roomId, outcome.stored);
    if (outcome.refused.length > 0)
      log('warn', `refused ${outcome.refused.length} event(s): ${printable(outcome.refused[0]!.reason)}`, {
        room: roomId,
        peer: printable(actor.id),
        code: outcome.refused[0]!.code,
      });
    return {
      ok: true,
      stored: outcome.stored.map((e) => e.id),
      duplicates: outcome.duplicates,
      refused: outcome.refused,
      vector: room.vector(),
    };
  });

  // A peer's signed head, for the others to hold against their own: one story per room, or everyone hears.
  handle(CLIENT_EVENTS.head, async (payload) => {
    const wait = budget.pull();
    if (wait > 0) return rateLimited(wait, 'heads');
    const req = headRequestSchema.safeParse(payload);
    if (!req.success) return errorAck('bad-request', `bad ${CLIENT_EVENTS.head}: ${describeZodIssues(req.error.issues)}`);
    if (req.data.head.hub !== hub.hubKey.key || !headSignatureHolds(roomId, req.data.head)) {
      return errorAck('bad-request', `bad ${CLIENT_EVENTS.head}: the head is not signed by this hub for this room`);
    }
    socket.to(roomId).emit(HUB_EVENTS.head, { from: { id: actor.id, name: actor.name }, head: req.data.head });
    return { ok: true };
  });

  answerChannels(hub, roomId, handle, budget);

  socket.on('disconnect', () => {
    budget.leave();
    hub.pages.release(socket.id);
    const left = (hub.perInvite.get(socket.data.inviteKey) ?? 1) - 1;
    if (left > 0) hub.perInvite.set(socket.data.inviteKey, left);
    else hub.perInvite.delete(socket.data.inviteKey);
    hub.presence.leave(roomId, socket.id, actor.id);
    hub.lastUsed.set(roomId, performance.now());
  });
}

/**
 * One catch-up page, charged before it is built: its bytes count against the connection's previous page (it
 * must have been read), its key's, its invite's and the hub's pages in flight, and its key's pull budget.
 */
async function pullPage(
  hub: Hub,
  socket: PeerSocket,
  budget: HolderBudget,
  room: HubRoom,
  req: { vector: Parameters<typeof vectorToMap>[0]; after?: number | undefined; limit?: number | undefined },
): Promise<PullAck | ErrorAck> {
  const theirs = vectorToMap(req.vector);
  const after = req.after ?? 0;
  const limit = req.limit ?? PROTOCOL_LIMITS.batchEvents;
  const most = room.pageBytes(theirs, after, limit);
  const full = hub.pages.reserve(socket.id, socket.data.key, socket.data.inviteKey, most);
  if (full) return { ok: false, code: 'rate-limited', error: `no next page yet: ${full}`, retryAfterMs: PAGE_RETRY_MS };
  budget.chargePulled(most);
  try {
    const page = await room.pull(theirs, after, limit);
    hub.pages.built(socket.id, page.lines.byteLength);
    hub.metrics.pulled(page.count);
    budget.chargePulled(page.bytes - most);
    return { ok: true, lines: page.lines, count: page.count, order: page.order, next: page.next, vector: room.vector(), head: room.head() };
  } catch (e) {
    hub.pages.release(socket.id);
    throw e;
  }
}

/** How long a peer whose page is still on its way is told to wait before asking again. */
const PAGE_RETRY_MS = 100;

/** What the hub does with this room beyond sync: its status page, email and webhooks, and how deliveries went. */
function answerChannels(hub: Hub, roomId: string, handle: ReturnType<typeof requestHandler>, budget: HolderBudget): void {
  handle(CLIENT_EVENTS.channels, async (payload) => {
    const wait = budget.pull();
    if (wait > 0) return rateLimited(wait, 'requests');
    const req = channelsRequestSchema.safeParse(payload);
    if (!req.success) return errorAck('bad-request', `bad ${CLIENT_EVENTS.channels}: ${describeZodIssues(req.error.issues)}`);
    return { ok: true as const, ...(await hub.channels.answer(roomId)) };
  });
}

/** Events the protocol does not know get an error, by ack when the peer gave one. */
function answerUnknownEvents(socket: PeerSocket): void {
  socket.onAny((event: unknown, ...args: unknown[]) => {
    if (typeof event === 'string' && KNOWN_EVENTS.has(event)) return;
    try {
      const name = String(event).slice(0, 200);
      const ack = args[args.length - 1];
      const error: ErrorAck = {
        ok: false,
        code: 'unknown-event',
        error: `unknown event "${name}": see PROTOCOL.md for the events a hub accepts`,
      };
      if (typeof ack === 'function') safeAck(ack as Ack, error);
      else socket.emit(HUB_EVENTS.error, { code: error.code, error: error.error, event: name });
    } catch {
      // Whatever a peer sends, the hub goes on.
    }
  });
}

/** Wraps a request's work in the checks every request gets first (ack, expiry, revocation, shape, stopping) and its answer. */
function requestHandler(hub: Hub, socket: PeerSocket) {
  const { now, log, metrics } = hub;
  const { room: roomId, actor } = socket.data;
  let ignored = 0;
  /** Per request name, until when this connection was told to wait (hub clock): asking sooner is ignoring it. */
  const waitUntil = new Map<string, number>();
  return (event: keyof ClientToHubEvents, work: (payload: unknown) => Promise<PullAck | PushAck | { ok: true } | ErrorAck>): void => {
    socket.on(event, (...args: unknown[]) => {
      const ack = typeof args[args.length - 1] === 'function' ? (args.pop() as Ack) : null;
      if (!ack) {
        socket.emit(HUB_EVENTS.error, { code: 'bad-request', error: `${event} needs an acknowledgement callback`, event });
        return;
      }
      if (socket.data.exp <= now()) {
        safeAck(ack, errorAck('expired-token', 'invite token has expired: ask the hub host for a new invite'));
        socket.disconnect(true);
        return;
      }
      if (hub.revoked.isRevokedNow(socket.data.inviteId)) {
        safeAck(ack, errorAck('expired-token', 'this invite was revoked by the hub host: ask them for a new one'));
        socket.disconnect(true);
        return;
      }
      if (args.length !== 1) return safeAck(ack, errorAck('bad-request', `${event} takes exactly one payload object`));
      // Stopping: what was asked before is answered, what comes now waits for the next hub (the peer retries).
      if (hub.flags.stopping) return safeAck(ack, errorAck('unavailable', 'the hub is shutting down; retry later'));
      const early = now() < (waitUntil.get(event) ?? 0);
      void hub.inflight.track(work(args[0])).then(
        (reply) => {
          if (!reply.ok) metrics.refused(reply.code);
          safeAck(ack, reply);
          // A peer that keeps asking instead of waiting as told is flooding: its refusals cost the hub too. One
          // that waits as told and is told to wait again (a crowded invite) is only patient.
          const limited = reply.ok ? undefined : reply.code === 'rate-limited' ? reply.retryAfterMs : undefined;
          if (limited === undefined) ignored = 0;
          else {
            if (early) ignored++;
            waitUntil.set(event, Math.max(waitUntil.get(event) ?? 0, now() + limited));
          }
          if (ignored >= PROTOCOL_LIMITS.ignoredRetries) {
            log('warn', `dropped a peer: ${ignored} requests in a row after being told to wait`, {
              room: roomId,
              peer: printable(actor.id),
              code: 'rate-limited',
            });
            socket.disconnect(true);
          }
        },
        (e: unknown) => {
          log('error', `${event} failed: ${e instanceof Error ? e.message : String(e)}`, { room: roomId, peer: printable(actor.id) });
          safeAck(ack, errorAck('unavailable', 'the hub could not store this right now; retry later'));
        },
      );
    });
  };
}

/** The origin of --public-url, for the webhooks' self-check. */
function publicOrigin(publicUrl: string | undefined): string | null {
  try {
    return publicUrl ? new URL(publicUrl).origin : null;
  } catch {
    return null;
  }
}

/** A hub on every interface is reached at loopback from this machine: its page links name an address that answers. */
function hubUrlFor(url: string, host: string, port: number, tls: boolean): string {
  return host === '0.0.0.0' || host === '::' ? `${tls ? 'https' : 'http'}://127.0.0.1:${port}` : url;
}

function listen(server: HttpServer, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException): void => {
      reject(e.code === 'EADDRINUSE' ? new Error(`port ${port} on ${host} is already in use: pick another with --port`) : e);
    };
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/**
 * A revoked or expired invite ends its open connections within a second, not only at their next request: a
 * connection that only listens would otherwise keep streaming the room for as long as it stays open.
 */
function endRevokedConnections({ io, revoked, log, now }: Hub): NodeJS.Timeout {
  const end = (socket: { data: PeerData; disconnect(close: boolean): unknown }, code: 'revoked-token' | 'expired-token') => {
    const why = code === 'revoked-token' ? 'its invite was revoked' : 'its invite expired';
    log('info', `ended a connection: ${why}`, { room: socket.data.room, peer: printable(socket.data.actor.id), code });
    socket.disconnect(true);
  };
  const timer = setInterval(() => {
    // Expiry needs no file read: checked first, on the hub's clock.
    const at = now();
    for (const socket of io.sockets.sockets.values())
      if (socket.data.exp !== undefined && socket.data.exp <= at) end(socket, 'expired-token');
    void revoked.refresh().then(
      () => {
        for (const socket of io.sockets.sockets.values()) if (revoked.isRevokedNow(socket.data.inviteId)) end(socket, 'revoked-token');
      },
      () => undefined,
    );
  }, 1_000);
  timer.unref();
  return timer;
}

/** Peer-chosen text in the hub's log: no control characters, so a name cannot forge log lines. */
function printable(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    out += c < 0x20 || (c >= 0x7f && c <= 0x9f) ? '?' : ch;
  }
  return out;
}

function errorAck(code: ErrorCode, error: string): ErrorAck {
  return { ok: false, code, error };
}

function rateLimited(retryAfterMs: number, what: string): ErrorAck {
  return { ok: false, code: 'rate-limited', error: `too many ${what} from this connection: retry in ${retryAfterMs} ms`, retryAfterMs };
}

/** Bytes of a push for its rate limit: the UTF-8 length of its JSON, or the most a message may be. */
function approximateBytes(events: readonly unknown[]): number {
  try {
    return utf8Length(JSON.stringify(events));
  } catch {
    return PROTOCOL_LIMITS.messageBytes;
  }
}

/** An ack to a peer that has gone away must not throw into the hub. */
function safeAck(ack: Ack, reply: unknown): void {
  try {
    ack(reply);
  } catch {
    // The peer is gone; it will ask again on reconnect.
  }
}
