import { z } from 'zod';
import { ID_PATTERN } from '../../src/model/ids.js';
import type { KeyValueStore } from '../services/preferences.js';

/**
 * What the window remembers between runs, beside the preferences: when the person last looked at each
 * incident, the window's size and position, and the rooms they joined. Lives in the same settings store
 * (electron-store in the app, conf in tests); read leniently, so a damaged value is forgotten, not fatal.
 */

const epochMs = z.int().min(0).max(8.64e15);
const lastSeenSchema = z.record(z.string().regex(ID_PATTERN), epochMs);

export const boundsSchema = z.strictObject({
  x: z.int().min(-100_000).max(100_000),
  y: z.int().min(-100_000).max(100_000),
  width: z.int().min(200).max(100_000),
  height: z.int().min(200).max(100_000),
  maximized: z.boolean().default(false),
});
export type WindowBounds = z.output<typeof boundsSchema>;

export const roomSchema = z.strictObject({
  hubUrl: z.string().min(1).max(2048),
  /** More hubs of the same cluster (a link naming several): tried in turn when one fails. */
  alternates: z.array(z.string().min(1).max(2048)).max(8).optional(),
  token: z.string().min(1).max(4096),
  /** Taken offline on purpose: not reconnected until the person says so. */
  paused: z.boolean().default(false),
  /** Served by this machine's embedded hub, which must be started again before rejoining. */
  hosted: z.boolean().default(false),
  /** The hub's certificate, pinned (from the link's fp=, or this machine's own hub on a network share). */
  fingerprint: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  /** Hosted rooms: shared with this machine only or with the local network. */
  reach: z.enum(['machine', 'network']).optional(),
  /** Hosted rooms: the read-only invite handed out beside the editor one. */
  viewerToken: z.string().min(1).max(4096).optional(),
});
export type SavedRoom = z.output<typeof roomSchema>;
const roomsSchema = z.record(z.string().regex(ID_PATTERN), roomSchema);

/** A team this person follows on a hub: incidents alerts open for it join themselves (main/sync/team-subscriptions.ts). */
export const teamSubscriptionSchema = z.strictObject({
  hubUrl: z.string().min(1).max(2048),
  team: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/),
  token: z.string().min(1).max(4096),
  fingerprint: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
});
export type TeamSubscription = z.output<typeof teamSubscriptionSchema>;
const teamsSchema = z.array(teamSubscriptionSchema).max(100);

/** At most this many incidents remember a last-seen time: the settings file is rewritten on every change. */
const MAX_LAST_SEEN = 200;

export class ViewState {
  constructor(private readonly store: KeyValueStore) {}

  lastSeen(incident: string): number | null {
    return this.lastSeenAll()[incident] ?? null;
  }

  setLastSeen(incident: string, at: number): number {
    const all = this.lastSeenAll();
    all[incident] = at;
    const kept = Object.entries(all)
      .sort((a, b) => b[1] - a[1])
      .slice(0, MAX_LAST_SEEN);
    this.store.set('lastSeen', Object.fromEntries(kept));
    return at;
  }

  windowBounds(): WindowBounds | null {
    const parsed = boundsSchema.safeParse(this.store.get('window'));
    return parsed.success ? parsed.data : null;
  }

  setWindowBounds(bounds: WindowBounds): void {
    const parsed = boundsSchema.safeParse(bounds);
    if (parsed.success) this.store.set('window', parsed.data);
  }

  rooms(): Record<string, SavedRoom> {
    const parsed = roomsSchema.safeParse(this.store.get('rooms') ?? {});
    return parsed.success ? { ...parsed.data } : {};
  }

  saveRoom(incident: string, room: SavedRoom | null): void {
    const rooms = this.rooms();
    if (room) rooms[incident] = room;
    else delete rooms[incident];
    this.store.set('rooms', rooms);
  }

  teams(): TeamSubscription[] {
    const parsed = teamsSchema.safeParse(this.store.get('teams') ?? []);
    return parsed.success ? parsed.data : [];
  }

  saveTeams(teams: readonly TeamSubscription[]): void {
    this.store.set('teams', teamsSchema.parse(teams));
  }

  private lastSeenAll(): Record<string, number> {
    const parsed = lastSeenSchema.safeParse(this.store.get('lastSeen') ?? {});
    return parsed.success ? { ...parsed.data } : {};
  }
}
