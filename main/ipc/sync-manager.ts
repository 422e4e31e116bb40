import { join } from 'node:path';
import { fail, ok, type Result } from '../../src/model/result.js';
import type { SyncStatus as RoomStatus } from '../../src/ipc/contract.js';
import { checkHubUrl, formatJoinLink } from '../../src/sync/join-link.js';
import { loadOrCreateSecret } from '../hub/hub-secret.js';
import { DEFAULT_HUB_PORT, startHub, type HubOptions, type RunningHub } from '../hub/hub-server.js';
import { readInviteRole, signInvite } from '../hub/invite-token.js';
import { SyncClient, type SyncClientOptions } from '../services/sync-client.js';
import type { SyncStatus as ClientStatus } from '../services/sync-status.js';
import type { WarRoom } from '../services/war-room.js';
import type { SavedRoom, ViewState } from './view-state.js';

/** The part of SyncClient the manager uses: tests may pass their own. */
export interface RoomClient {
  start(): void;
  stop(): Promise<void>;
  status(): ClientStatus;
  onStatus(listener: (s: ClientStatus) => void): () => void;
}

export interface SyncManagerOptions {
  warRoom: WarRoom;
  viewState: ViewState;
  /** The app's data dir: an embedded hub keeps its secret and logs in `<dataDir>/hub`. */
  dataDir: string;
  createClient?: (options: SyncClientOptions) => RoomClient;
  startHub?: (options: HubOptions) => Promise<RunningHub>;
  /** Where an embedded hub listens: loopback unless the person chose otherwise. */
  hubHost?: string;
  /** Preferred port for an embedded hub (a stable invite link); a free one is used when it is taken. */
  hubPort?: number;
  /** How long an invite made by "host this room" stays valid. */
  inviteMs?: number;
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
    return {
      incident,
      state: room.client ? (s?.state === 'connected' ? 'connected' : s?.state === 'connecting' ? 'connecting' : 'offline') : 'offline',
      hubUrl,
      unsynced: (s?.unsynced ?? 0) + (room.client ? 0 : room.pausedWrites),
      members: room.client ? (s?.peers ?? []).map((p) => ({ id: p.id, name: p.name, role: p.role })) : [],
      paused: room.saved.paused,
      hosting: room.saved.hosted,
      link: formatJoinLink({ hub: hubUrl, incident, token: room.saved.token }),
      lastSyncedAt: s?.lastSyncedAt ?? null,
      error: room.client ? (s?.error ?? null) : null,
      role: readInviteRole(room.saved.token),
    };
  }

  /** Unsynced events over every room, for the dock/tray badge. */
  totalUnsynced(): number {
    let n = 0;
    for (const id of this.rooms.keys()) n += this.status(id).unsynced;
    return n;
  }

  async join(target: { hubUrl: string; token: string; incident: string }, hosted = false): Promise<Result<RoomStatus>> {
    const hub = checkHubUrl(target.hubUrl);
    if (!hub.ok) return hub;
    await this.stopClient(target.incident);
    const saved: SavedRoom = { hubUrl: hub.value, token: target.token, paused: false, hosted };
    this.options.viewState.saveRoom(target.incident, saved);
    this.startRoom(target.incident, saved);
    return ok(this.status(target.incident));
  }

  /** Hosts the incident's room on this machine's embedded hub and joins it; the status carries the invite link. */
  async host(incident: string): Promise<Result<RoomStatus>> {
    if (!(await this.options.warRoom.exists(incident))) return fail(`no incident "${incident}" to host`);
    let hub: RunningHub;
    try {
      hub = await this.ensureHub();
    } catch (e) {
      return fail(`could not start a hub on this machine: ${(e as Error).message}`);
    }
    const secret = await loadOrCreateSecret(this.hubDir);
    const token = signInvite(secret, { room: incident, role: 'editor', exp: this.now() + (this.options.inviteMs ?? WEEK_MS) });
    return this.join({ hubUrl: hub.url, token, incident }, true);
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
    this.options.viewState.saveRoom(incident, null);
    this.emit(incident);
    return this.status(incident);
  }

  /** Rejoins the rooms remembered from the last run (hosted ones restart the embedded hub first). */
  async restore(): Promise<void> {
    for (const [incident, saved] of Object.entries(this.options.viewState.rooms())) {
      const room: Room = { saved, client: null, unsubscribe: null, pausedWrites: 0, lastStatus: null };
      this.rooms.set(incident, room);
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

  private ensureHub(): Promise<RunningHub> {
    if (!this.hub) {
      const start = this.options.startHub ?? startHub;
      const base = { dataDir: this.hubDir, host: this.options.hubHost ?? '127.0.0.1' };
      const port = this.options.hubPort ?? DEFAULT_HUB_PORT;
      this.hub = start({ ...base, port }).catch((e: unknown) => {
        // The usual port is taken (another hub, another app): any free port will do, the link carries it.
        if (port !== 0 && /in use/.test((e as Error).message)) return start({ ...base, port: 0 });
        throw e;
      });
      this.hub.catch(() => (this.hub = null));
    }
    return this.hub;
  }

  /** A hosted room's hub may come back on another port after a restart: its link follows. */
  private async rehost(incident: string, room: Room): Promise<void> {
    const hub = await this.ensureHub();
    if (hub.url !== room.saved.hubUrl) {
      room.saved = { ...room.saved, hubUrl: hub.url };
      this.options.viewState.saveRoom(incident, room.saved);
    }
  }

  private startRoom(incident: string, saved: SavedRoom): void {
    const room: Room = { saved, client: null, unsubscribe: null, pausedWrites: 0, lastStatus: null };
    this.rooms.set(incident, room);
    this.connect(incident, room);
  }

  private connect(incident: string, room: Room): void {
    const create = this.options.createClient ?? ((o: SyncClientOptions) => new SyncClient(o));
    const client = create({ warRoom: this.options.warRoom, incident, hubUrl: room.saved.hubUrl, token: room.saved.token, now: this.now });
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
  return { incident, state: 'local', hubUrl: null, unsynced: 0, members: [], paused: false, hosting: false, link: null, lastSyncedAt: null, error: null, role: null };
}
