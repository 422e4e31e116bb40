import { join } from 'node:path';
import { fail, ok, type Result } from '../../src/model/result.js';
import { randomId } from '../../src/model/ids.js';
import type { RoomShare, SyncStatus as RoomStatus, ShareReach } from '../../src/ipc/contract.js';
import { checkHubUrls, formatJoinLink } from '../../src/sync/join-link.js';
import { browserViewLink } from '../../src/sync/browser-link.js';
import { loadOrCreateCertificate, type HubCertificate } from '../hub/hub-certificate.js';
import { loadOrCreateSecret } from '../hub/hub-secret.js';
import { hubUrlAt, reachableAddresses, type ReachableAddress } from '../hub/reachable-addresses.js';
import { DEFAULT_HUB_PORT, startHub, type HubOptions, type RunningHub } from '../hub/hub-server.js';
import { readInviteRole, signInvite } from '../hub/invite-token.js';
import { SyncClient, type SyncClientOptions } from './sync-client.js';
import type { ConnectionStatus as ClientStatus } from './sync-status.js';
import type { WarRoom } from '../services/war-room.js';
import { joinConsentQuestion, KnownHubs } from '../services/known-hubs.js';
import type { SavedRoom, ViewState } from '../app/view-state.js';
import type { ChannelsAck } from '../../src/sync/protocol.js';

/** The part of SyncClient the manager uses: tests may pass their own. */
export interface RoomClient {
  start(): void;
  stop(): Promise<void>;
  status(): ClientStatus;
  onStatus(listener: (s: ClientStatus) => void): () => void;
  /** What the hub does with the room beyond sync (status page, email, webhooks); absent in test stand-ins. */
  channels?(): Promise<ChannelsAck>;
}

export interface SyncManagerOptions {
  warRoom: WarRoom;
  viewState: ViewState;
  /** The app's data dir: an embedded hub keeps its secret and logs in `<dataDir>/hub`. */
  dataDir: string;
  createClient?: (options: SyncClientOptions) => RoomClient;
  startHub?: (options: HubOptions) => Promise<RunningHub>;
  /** Where an embedded hub listens when shared with this machine only: loopback. */
  hubHost?: string;
  /** Where it listens when shared with the local network: every interface. */
  networkHost?: string;
  /** This machine's addresses that teammates can reach (os.networkInterfaces by default). */
  addresses?: () => ReachableAddress[];
  /** Preferred port for an embedded hub (a stable invite link); a free one is used when it is taken. */
  hubPort?: number;
  /** How long an invite made by "host this room" stays valid. */
  inviteMs?: number;
  /** The built web view (dist/web-view): the embedded hub serves it, and shares carry a browser link. */
  webViewDir?: string;
  now?: () => number;
}

interface Room {
  saved: SavedRoom;
  client: RoomClient | null;
  unsubscribe: (() => void) | null;
  /** Local events written while the room was taken offline: the hub cannot have them. */
  pausedWrites: number;
  lastStatus: ClientStatus | null;
}

const WEEK_MS = 7 * 86_400_000;

/**
 * The rooms this app is in: one SyncClient per shared incident, and the embedded hub when this machine
 * hosts. Remembers joined rooms (view state) so the app rejoins them after a restart.
 */
export class SyncManager {
  private readonly rooms = new Map<string, Room>();
  private readonly listeners = new Set<(s: RoomStatus) => void>();
  private hub: Promise<RunningHub> | null = null;
  /** How far the running embedded hub reaches: one hub, so every room this machine hosts shares it. */
  private hubReach: ShareReach | null = null;
  private certificate: HubCertificate | null = null;
  private readonly now: () => number;
  private readonly stopWatching: () => void;

  constructor(private readonly options: SyncManagerOptions) {
    this.now = options.now ?? Date.now;
    this.stopWatching = options.warRoom.onEvents((incident, events, source) => {
      const room = this.rooms.get(incident);
      if (room && !room.client && source === 'local') {
        room.pausedWrites += events.length;
        this.emit(incident);
      }
    });
  }

  onStatus(listener: (s: RoomStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  status(incident: string): RoomStatus {
    const room = this.rooms.get(incident);
    if (!room) return localStatus(incident);
    const s = room.client ? room.client.status() : room.lastStatus;
    const hubUrl = room.saved.hubUrl;
    const share = room.saved.hosted ? this.shareOf(incident, room.saved) : null;
    return {
      incident,
      state: room.client ? (s?.state === 'connected' ? 'connected' : s?.state === 'connecting' ? 'connecting' : 'offline') : 'offline',
      hubUrl,
      unsynced: (s?.unsynced ?? 0) + (room.client ? 0 : room.pausedWrites),
      members: room.client ? (s?.peers ?? []).map((p) => ({ id: p.id, name: p.name, role: p.role })) : [],
      paused: room.saved.paused,
      hosting: room.saved.hosted,
      link: share
        ? (share.links[0]?.editor ?? null)
        : formatJoinLink({
            hub: hubUrl,
            ...(room.saved.alternates?.length ? { alternates: room.saved.alternates } : {}),
            incident,
            token: room.saved.token,
            fingerprint: room.saved.fingerprint,
          }),
      share,
      lastSyncedAt: s?.lastSyncedAt ?? null,
      error: room.client ? (s?.error ?? null) : null,
      role: readInviteRole(room.saved.token),
    };
  }

  /**
   * What the room's hub does with it beyond sync: its status page, email to customers, chat webhooks and how
   * their deliveries went. Refused with the reason when the incident is not shared or the hub cannot be asked.
   */
  async channels(incident: string): Promise<Result<ChannelsAck>> {
    const room = this.rooms.get(incident);
    if (!room) return fail("this incident is not shared through a hub: the status page, email and chat webhooks are a hub's");
    if (!room.client?.channels) return fail('this room is offline: reconnect it to reach its hub');
    try {
      return ok(await room.client.channels());
    } catch (e) {
      return fail(`the hub did not answer: ${(e as Error).message}`);
    }
  }

  /** Unsynced events over every room, for the dock/tray badge. */
  totalUnsynced(): number {
    let n = 0;
    for (const id of this.rooms.keys()) n += this.status(id).unsynced;
    return n;
  }

  /**
   * Joins a room. A link naming a hub this machine has never used, for an incident that exists here, is
   * refused with the consent question (code `consent-needed`) until asked again with `confirmed`.
   */
  async join(
    target: { hubUrl: string; alternates?: string[]; token: string; incident: string; fingerprint?: string; confirmed?: boolean },
    hosting?: { reach: ShareReach; viewerToken: string },
  ): Promise<Result<RoomStatus>> {
    const hubs = checkHubUrls([target.hubUrl, ...(target.alternates ?? [])]);
    if (!hubs.ok) return hubs;
    const [hubUrl, ...alternates] = hubs.value as [string, ...string[]];
    const known = new KnownHubs(this.options.dataDir);
    if (hosting === undefined && !target.confirmed) {
      for (const url of hubs.value) {
        const question = await joinConsentQuestion(this.options.warRoom, known, url, target.incident, target.fingerprint);
        if (question) return fail(question, 'consent-needed');
      }
    }
    // What was agreed: this incident, with these hubs, under this certificate (pinned now if it is the first).
    for (const url of hubs.value) await known.remember(url, target.incident, target.fingerprint);
    await this.stopClient(target.incident);
    const saved: SavedRoom = {
      hubUrl,
      ...(alternates.length ? { alternates } : {}),
      token: target.token,
      paused: false,
      hosted: hosting !== undefined,
      ...(target.fingerprint ? { fingerprint: target.fingerprint } : {}),
      ...(hosting ? { reach: hosting.reach, viewerToken: hosting.viewerToken } : {}),
    };
    this.options.viewState.saveRoom(target.incident, saved);
    this.startRoom(target.incident, saved);
    return ok(this.status(target.incident));
  }

  /**
   * Hosts the incident's room on this machine's embedded hub and joins it; the status carries the invite
   * links. `machine`: loopback only. `network`: every interface, over TLS with a self-signed certificate
   * whose fingerprint the links carry; the links name this machine's reachable addresses, never 0.0.0.0.
   */
  async host(incident: string, reach: ShareReach = 'machine'): Promise<Result<RoomStatus>> {
    if (!(await this.options.warRoom.exists(incident))) return fail(`no incident "${incident}" to host`);
    let hub: RunningHub;
    try {
      hub = await this.ensureHub(reach, incident);
    } catch (e) {
      return fail(`could not start a hub on this machine: ${(e as Error).message}`);
    }
    const secret = await loadOrCreateSecret(this.hubDir);
    const exp = this.now() + (this.options.inviteMs ?? WEEK_MS);
    const token = signInvite(secret, { room: incident, role: 'editor', exp, jti: randomId('i_', 12) });
    const viewerToken = signInvite(secret, { room: incident, role: 'viewer', exp, jti: randomId('i_', 12) });
    const fingerprint = reach === 'network' ? this.certificate?.fingerprint : undefined;
    return this.join(
      { hubUrl: this.localUrl(hub, reach), token, incident, ...(fingerprint ? { fingerprint } : {}) },
      { reach, viewerToken },
    );
  }

  /** Takes a room offline (writes stay local and are counted) or brings it back. */
  async setOnline(incident: string, online: boolean): Promise<Result<RoomStatus>> {
    const room = this.rooms.get(incident);
    if (!room) return fail(`incident ${incident} is not shared with a hub: join or host a room first`);
    room.saved = { ...room.saved, paused: !online };
    this.options.viewState.saveRoom(incident, room.saved);
    if (online && !room.client) {
      if (room.saved.hosted) await this.rehost(incident, room);
      this.connect(incident, room);
    } else if (!online && room.client) {
      room.lastStatus = room.client.status();
      room.pausedWrites = 0;
      await this.stopClient(incident, false);
    }
    this.emit(incident);
    return ok(this.status(incident));
  }

  async leave(incident: string): Promise<RoomStatus> {
    await this.stopClient(incident);
    this.rooms.delete(incident);
    this.options.warRoom.joinedAs(incident, null);
    this.options.viewState.saveRoom(incident, null);
    this.emit(incident);
    return this.status(incident);
  }

  /** Rejoins the rooms remembered from the last run (hosted ones restart the embedded hub first). */
  async restore(): Promise<void> {
    for (const [incident, saved] of Object.entries(this.options.viewState.rooms())) {
      const room: Room = { saved, client: null, unsubscribe: null, pausedWrites: 0, lastStatus: null };
      this.rooms.set(incident, room);
      this.options.warRoom.joinedAs(incident, readInviteRole(saved.token));
      if (saved.paused) continue;
      if (saved.hosted) await this.rehost(incident, room).catch(() => undefined);
      this.connect(incident, room);
    }
  }

  async close(): Promise<void> {
    this.stopWatching();
    for (const id of [...this.rooms.keys()]) await this.stopClient(id, false);
    const hub = this.hub;
    this.hub = null;
    if (hub) await (await hub.catch(() => null))?.close();
  }

  private get hubDir(): string {
    return join(this.options.dataDir, 'hub');
  }

  /** Our own client always reaches the embedded hub through loopback, pinned like everyone else on a network share. */
  private localUrl(hub: RunningHub, reach: ShareReach): string {
    return hubUrlAt(reach === 'network' ? '127.0.0.1' : hub.host, hub.port, reach === 'network');
  }

  private shareOf(incident: string, saved: SavedRoom): RoomShare {
    const reach = saved.reach ?? 'machine';
    const link = (hub: string, token: string): string =>
      formatJoinLink({ hub, incident, token, ...(saved.fingerprint ? { fingerprint: saved.fingerprint } : {}) });
    const viewerToken = saved.viewerToken ?? saved.token;
    const browser = (hub: string): string | null => (this.options.webViewDir ? browserViewLink(hub, viewerToken) : null);
    if (reach === 'machine') {
      return {
        reach,
        fingerprint: null,
        links: [
          {
            address: '127.0.0.1',
            interfaceName: 'this machine',
            editor: link(saved.hubUrl, saved.token),
            viewer: link(saved.hubUrl, viewerToken),
            browser: browser(saved.hubUrl),
          },
        ],
      };
    }
    const port = Number(new URL(saved.hubUrl).port);
    const addresses = (this.options.addresses ?? reachableAddresses)();
    return {
      reach,
      fingerprint: saved.fingerprint ?? null,
      links: addresses.map((a) => ({
        address: a.address,
        interfaceName: a.interfaceName,
        editor: link(hubUrlAt(a.address, port, true), saved.token),
        viewer: link(hubUrlAt(a.address, port, true), viewerToken),
        browser: browser(hubUrlAt(a.address, port, true)),
      })),
    };
  }

  /**
   * The embedded hub, reaching as far as asked. Switching reach restarts it, and every room this machine
   * hosts moves along (one hub, one port, one reach), except `current`, which the caller rejoins itself.
   */
  private async ensureHub(reach: ShareReach, current?: string): Promise<RunningHub> {
    if (this.hub && this.hubReach !== reach) {
      const old = this.hub;
      this.hub = null;
      await (await old.catch(() => null))?.close();
      const hub = await this.startEmbeddedHub(reach);
      for (const [incident, room] of this.rooms) {
        if (!room.saved.hosted || incident === current) continue;
        room.saved = { ...room.saved, reach };
        await this.rehost(incident, room);
        if (room.client) {
          await this.stopClient(incident, false);
          this.connect(incident, room);
        }
      }
      return hub;
    }
    return this.startEmbeddedHub(reach);
  }

  private startEmbeddedHub(reach: ShareReach): Promise<RunningHub> {
    if (!this.hub) {
      this.hubReach = reach;
      this.hub = this.launchHub(reach);
      this.hub.catch(() => ((this.hub = null), (this.hubReach = null)));
    }
    return this.hub;
  }

  private async launchHub(reach: ShareReach): Promise<RunningHub> {
    const start = this.options.startHub ?? startHub;
    const network = reach === 'network';
    if (network) this.certificate ??= await loadOrCreateCertificate(this.hubDir);
    const base = {
      dataDir: this.hubDir,
      host: network ? (this.options.networkHost ?? '0.0.0.0') : (this.options.hubHost ?? '127.0.0.1'),
      ...(this.options.webViewDir ? { webViewDir: this.options.webViewDir } : {}),
      ...(network && this.certificate ? { tls: { cert: this.certificate.cert, key: this.certificate.key } } : {}),
    };
    const port = this.options.hubPort ?? DEFAULT_HUB_PORT;
    return start({ ...base, port }).catch((e: unknown) => {
      // The usual port is taken (another hub, another app): any free port will do, the link carries it.
      if (port !== 0 && /in use/.test((e as Error).message)) return start({ ...base, port: 0 });
      throw e;
    });
  }

  /** A hosted room's hub may come back on another port after a restart: its link follows. */
  private async rehost(incident: string, room: Room): Promise<void> {
    const reach = room.saved.reach ?? 'machine';
    const hub = await this.startEmbeddedHub(this.hubReach ?? reach);
    const hubUrl = this.localUrl(hub, this.hubReach ?? reach);
    const fingerprint = this.hubReach === 'network' ? this.certificate?.fingerprint : undefined;
    const viewerToken =
      room.saved.viewerToken ??
      signInvite(await loadOrCreateSecret(this.hubDir), {
        room: incident,
        role: 'viewer',
        exp: this.now() + (this.options.inviteMs ?? WEEK_MS),
      });
    if (
      hubUrl !== room.saved.hubUrl ||
      fingerprint !== room.saved.fingerprint ||
      viewerToken !== room.saved.viewerToken ||
      reach !== this.hubReach
    ) {
      room.saved = { ...room.saved, hubUrl, viewerToken, reach: this.hubReach ?? reach, fingerprint };
      if (!fingerprint) delete room.saved.fingerprint;
      this.options.viewState.saveRoom(incident, room.saved);
    }
  }

  private startRoom(incident: string, saved: SavedRoom): void {
    const room: Room = { saved, client: null, unsubscribe: null, pausedWrites: 0, lastStatus: null };
    this.rooms.set(incident, room);
    // How this person joined decides what they may write, on every road (src/kinds/rules.ts: a viewer, nothing).
    this.options.warRoom.joinedAs(incident, readInviteRole(saved.token));
    this.connect(incident, room);
  }

  private connect(incident: string, room: Room): void {
    const create = this.options.createClient ?? ((o: SyncClientOptions) => new SyncClient(o));
    const client = create({
      warRoom: this.options.warRoom,
      incident,
      hubUrl: room.saved.hubUrl,
      ...(room.saved.alternates?.length ? { alternates: room.saved.alternates } : {}),
      token: room.saved.token,
      now: this.now,
      ...(room.saved.fingerprint ? { fingerprint: room.saved.fingerprint } : {}),
    });
    room.client = client;
    room.pausedWrites = 0;
    room.unsubscribe = client.onStatus(() => this.emit(incident));
    client.start();
    this.emit(incident);
  }

  private async stopClient(incident: string, forget = true): Promise<void> {
    const room = this.rooms.get(incident);
    if (!room?.client) return;
    const client = room.client;
    room.unsubscribe?.();
    room.client = null;
    room.unsubscribe = null;
    await client.stop();
    if (forget) this.rooms.delete(incident);
  }

  private emit(incident: string): void {
    const status = this.status(incident);
    for (const l of this.listeners) {
      try {
        l(status);
      } catch {
        // A closed window must not stop sync.
      }
    }
  }
}

export function localStatus(incident: string): RoomStatus {
  return {
    incident,
    state: 'local',
    hubUrl: null,
    unsynced: 0,
    members: [],
    paused: false,
    hosting: false,
    link: null,
    share: null,
    lastSyncedAt: null,
    error: null,
    role: null,
  };
}
