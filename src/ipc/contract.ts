import { z } from 'zod';
import type { PackedEvents } from './packed-events.js';
import type { DraftView } from '../comms/draft-view.js';
import type { Actor } from '../model/envelope.js';
import type { WarEvent } from '../kinds/event.js';
import type { OrderRange } from '../model/room-order.js';
import type { RefusedEvent } from '../model/incident-state.js';
import { ID_PATTERN } from '../model/ids.js';
import { EXPORT_TARGETS, type ExportTarget } from '../export/export-formats.js';
import type { IncidentMetrics } from '../incident/incident-metrics.js';
import { EVENT_KINDS, type EventKind } from '../kinds/index.js';
import type { Result } from '../model/result.js';
import type { HubRole } from '../sync/protocol.js';
import { EVENT_CHANNEL_NAMES, type EventChannelName, type InvokeChannelName } from './channels.js';
import {
  DRAFT_AUDIENCES,
  DRAFT_CHANNELS,
  LIMITS,
  SEVERITIES,
  TEMPLATE_KEYS,
  type DraftChannel,
  type IncidentStatus,
  type Severity,
} from '../model/vocabulary.js';

/**
 * The one typed list of IPC channels between main and the renderer. Main validates every payload with the
 * schema of its channel (the renderer is untrusted); every answer is a Result, so a refusal is a value the
 * UI can show, never an exception that loses the user's input.
 */

const incidentId = z.string().regex(ID_PATTERN, 'is not a valid incident id');
const entityId = z.string().regex(ID_PATTERN, 'is not a valid id');
const none = z.strictObject({});

/** Kinds the renderer may record through `event:record`: opening goes through `incident:create`; alerts come only from the hub. */
export const RECORDABLE_KINDS = EVENT_KINDS.filter((k) => k !== 'incident.opened' && k !== 'alert.received') as Exclude<
  EventKind,
  'incident.opened' | 'alert.received'
>[];

export { EXPORT_TARGETS, type ExportTarget } from '../export/export-formats.js';

export const THEMES = ['system', 'light', 'dark'] as const;

export const PUBLISH_DELIVERIES = ['clipboard', 'file', 'none'] as const;
export type PublishDelivery = (typeof PUBLISH_DELIVERIES)[number];
export type Theme = (typeof THEMES)[number];
/** How the window writes clock times: the system's habit, or the person's choice of 24-hour or AM/PM. */
export const CLOCKS = ['system', '24h', '12h'] as const;
export type Clock = (typeof CLOCKS)[number];

export const INVOKE_SCHEMAS = {
  'app:info': none,
  'prefs:get': none,
  'prefs:set': z.strictObject({
    displayName: z.string().trim().min(1, 'must not be empty').max(LIMITS.name).optional(),
    hubUrl: z.string().trim().max(2048).optional(),
    theme: z.enum(THEMES).optional(),
    clock: z.enum(CLOCKS).optional(),
  }),
  'incidents:list': none,
  'incident:create': z.strictObject({
    title: z.string().trim().min(1, 'give the incident a title').max(LIMITS.title),
    severity: z.enum(SEVERITIES),
    summary: z.string().trim().max(LIMITS.text).optional(),
  }),
  /** Returns the incident's events: the renderer folds them with the shared IncidentFolder. */
  'incident:open': z.strictObject({ incident: incidentId }),
  /** Remembers when this person last looked at the incident (the "what changed" digest starts there). */
  'incident:seen': z.strictObject({ incident: incidentId, at: z.int().min(0).max(8.64e15) }),
  'event:record': z.strictObject({
    incident: incidentId,
    kind: z.enum(RECORDABLE_KINDS as [string, ...string[]]),
    data: z.record(z.string(), z.unknown()),
  }),
  'sync:join': z.union([
    /** `confirmed`: the person saw what would be shared with a hub this machine has never used (join-consent.ts). */
    z.strictObject({ link: z.string().trim().min(1).max(8192), confirmed: z.literal(true).optional() }),
    z.strictObject({
      hubUrl: z.string().trim().min(1).max(2048),
      token: z.string().trim().min(1).max(4096),
      incident: incidentId,
      confirmed: z.literal(true).optional(),
    }),
  ]),
  /** reach: this machine only (loopback), or the local network (all interfaces, TLS with a pinned self-signed certificate). */
  'sync:host': z.strictObject({ incident: incidentId, reach: z.enum(['machine', 'network']).optional() }),
  /** Takes a joined room offline (writes stay local) or reconnects it. */
  'sync:online': z.strictObject({ incident: incidentId, online: z.boolean() }),
  'sync:leave': z.strictObject({ incident: incidentId }),
  'sync:status': z.strictObject({ incident: incidentId }),
  /** Follows a team's alerts from a `warroom://team` link; `confirmed`: the person saw what following means. */
  'teams:follow': z.strictObject({ link: z.string().trim().min(1).max(8192), confirmed: z.literal(true).optional() }),
  'drafts:list': z.strictObject({ incident: incidentId }),
  'drafts:create': z.strictObject({
    incident: incidentId,
    audience: z.enum(DRAFT_AUDIENCES),
    channel: z.enum(DRAFT_CHANNELS),
    customer: z.string().trim().max(LIMITS.name).optional(),
    template: z.enum(TEMPLATE_KEYS).optional(),
    title: z.string().trim().max(LIMITS.title).optional(),
  }),
  /** One Yjs update (base64) made by the editor: concurrent edits merge, none is lost. */
  'drafts:edit': z.strictObject({ incident: incidentId, draft: entityId, update: z.string().min(1).max(LIMITS.yUpdate) }),
  'drafts:review': z.strictObject({
    incident: incidentId,
    draft: entityId,
    step: z.enum(['ready', 'approve', 'back']),
    acknowledged: z.array(z.string().max(64)).max(50).default([]),
    note: z.string().trim().max(LIMITS.text).optional(),
  }),
  /** Title, audience, channel or named customer of a draft. */
  'drafts:update': z.strictObject({
    incident: incidentId,
    draft: entityId,
    title: z.string().trim().min(1, 'give the draft a title').max(LIMITS.title).optional(),
    audience: z.enum(DRAFT_AUDIENCES).optional(),
    channel: z.enum(DRAFT_CHANNELS).optional(),
    customer: z.string().trim().max(LIMITS.name).nullable().optional(),
  }),
  /**
   * Publishes an approved draft, then delivers it: `clipboard` copies the text (status page, social), `file`
   * asks where and saves it (email; cancelling the dialog publishes nothing), `none` only records it.
   */
  // markAffectedNotified: an update for all customers (a status page) also marks every affected customer notified.
  'drafts:publish': z.strictObject({
    incident: incidentId,
    draft: entityId,
    deliver: z.enum(PUBLISH_DELIVERIES).default('none'),
    markAffectedNotified: z.boolean().optional(),
  }),
  'drafts:discard': z.strictObject({ incident: incidentId, draft: entityId, reason: z.string().trim().max(LIMITS.text).optional() }),
  // bom: CSV for Excel (a UTF-8 byte order mark first); ignored by the other formats.
  'export:save': z.strictObject({ incident: incidentId, format: z.enum(EXPORT_TARGETS), bom: z.boolean().optional() }),
  'clipboard:write': z.strictObject({ text: z.string().max(16_384) }),
  'link:open': z.strictObject({ url: z.string().max(2048) }),
} as const satisfies Record<InvokeChannelName, z.ZodType>;

export type InvokeChannel = keyof typeof INVOKE_SCHEMAS;
export type PayloadOf<C extends InvokeChannel> = z.input<(typeof INVOKE_SCHEMAS)[C]>;
export type ParsedPayloadOf<C extends InvokeChannel> = z.output<(typeof INVOKE_SCHEMAS)[C]>;

export interface AppInfo {
  actor: Actor;
  origin: string;
  version: string;
  platform: string;
  /** What this build can do right now; the UI hides what is missing instead of failing on click. */
  features: { sync: boolean; host: boolean; drafts: boolean; export: boolean; pdf: boolean };
}

export interface PrefsView {
  displayName: string;
  actorId: string;
  hubUrl: string;
  theme: Theme;
  clock: Clock;
}

export interface IncidentListEntry {
  id: string;
  title: string;
  severity: Severity;
  status: IncidentStatus;
  openedAt: number;
  lastEventAt: number;
  entries: number;
  /** Durations and updates on time; absent from peers that predate them. */
  metrics?: IncidentMetrics;
}

export interface OpenedIncident {
  incident: string;
  /** Packed for the crossing (see packed-events.ts); `unpackEvents` gives the events back. */
  events: PackedEvents;
  /** When this person last looked (epoch ms), or null on a first visit. */
  lastSeen: number | null;
  /** Problems found replaying the log (a torn tail cut, corrupt lines skipped), one line each. */
  issues: string[];
  /**
   * The room's agreed order: null while no hub has ordered the incident (the events' own order is then the
   * agreed one); else how many of `events` (which come in fold order) hold positions given by the hub.
   */
  settled: number | null;
}

/** A sync client's connection to its hub. */
export const CONNECTION_STATES = ['connecting', 'connected', 'offline'] as const;
export type ConnectionState = (typeof CONNECTION_STATES)[number];
/** A room as the window shows it: local = not shared with any hub. */
export const SYNC_STATES = ['local', ...CONNECTION_STATES] as const;
export type SyncState = (typeof SYNC_STATES)[number];

export interface RoomMember {
  id: string;
  name: string;
  role?: string;
}

/** "Saved" means on this disk; "synced" means on the hub's disk (docs/ARCHITECTURE.md). */
export interface SyncStatus {
  incident: string;
  /** local = not shared with any hub. */
  state: SyncState;
  hubUrl: string | null;
  /** Events saved here that the hub has not acknowledged yet. */
  unsynced: number;
  members: RoomMember[];
  /** Taken offline on purpose: writes stay local until the person reconnects. */
  paused: boolean;
  /** True when this machine hosts the room's hub. */
  hosting: boolean;
  /** The invite link to share, when hosting. */
  link: string | null;
  /** When this machine hosts: how far it reaches, and an editor and a viewer link per address teammates can use. */
  share: RoomShare | null;
  lastSyncedAt: number | null;
  error: string | null;
  /** What the join token lets this person do in the room (null when not shared): a viewer's window is read-only. */
  role: HubRole | null;
}

export type ShareReach = 'machine' | 'network';

export interface ShareLink {
  /** The address in the link (an address of this machine on some network, never 0.0.0.0). */
  address: string;
  /** Where that address lives (eth0, wlan0), so the person can pick the office network over a VPN. */
  interfaceName: string;
  editor: string;
  viewer: string;
  /** The viewer link as a web page (`https://hub/view/#token`), for people without the app: null when the hub has no web view. */
  browser: string | null;
}

export interface RoomShare {
  reach: ShareReach;
  /** SHA-256 of the hub's certificate (network shares), for reading out over the phone. */
  fingerprint: string | null;
  links: ShareLink[];
}

/** A draft as the drafts pane shows it: one shape for main and the window (src/comms/draft-view.ts). */
export type DraftCard = DraftView;

export interface PublishedDraft {
  text: string;
  channel: DraftChannel;
  fileName: string;
  publishedAt: number;
  notified: { id: string; customer: string }[];
  /** Where the text went; a delivery that failed after publishing says why (the text is in the timeline). */
  delivered: { to: 'clipboard' } | { to: 'file'; path: string } | { to: 'none'; problem?: string };
}

export type SaveOutcome = { saved: true; path: string } | { saved: false };

export interface InvokeResults {
  'app:info': AppInfo;
  'prefs:get': PrefsView;
  'prefs:set': PrefsView;
  'incidents:list': IncidentListEntry[];
  'incident:create': { incident: string };
  'incident:open': OpenedIncident;
  'incident:seen': { lastSeen: number };
  'event:record': WarEvent;
  'sync:join': SyncStatus;
  'sync:host': SyncStatus;
  'sync:online': SyncStatus;
  'sync:leave': SyncStatus;
  'sync:status': SyncStatus;
  'teams:follow': { team: string; hubUrl: string };
  'drafts:list': DraftCard[];
  'drafts:create': { draftId: string };
  'drafts:edit': { text: string };
  'drafts:update': null;
  'drafts:review': null;
  'drafts:publish': PublishedDraft;
  'drafts:discard': null;
  'export:save': SaveOutcome;
  'clipboard:write': null;
  'link:open': null;
}

export type ResultOf<C extends InvokeChannel> = InvokeResults[C];

/** Commands the application menu, tray and deep links send to the renderer. */
export const APP_COMMANDS = [
  'new-incident',
  'incident-list',
  'join-room',
  'host-room',
  'palette',
  'quick-entry',
  'view-timeline',
  'view-board',
  'view-customers',
  'view-drafts',
  'view-postmortem',
  'toggle-theme',
  'export',
  'search',
] as const;
export type AppCommand = (typeof APP_COMMANDS)[number];

export const NOTICE_KINDS = [
  'hypothesis-confirmed',
  'status-changed',
  'update-due',
  'review-requested',
  'alert-opened',
  'info',
  'error',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export interface Notice {
  kind: NoticeKind;
  incident: string | null;
  title: string;
  body: string;
}

/** Main -> renderer messages. */
export interface EventPayloads {
  /** New events for an incident, local or remote, in the order they were saved. */
  'incident:events': { incident: string; events: WarEvent[] };
  /** Positions the hub gave out in an incident's agreed order: the window folds in that order too. */
  'incident:order': { incident: string; range: OrderRange };
  /** Events that arrived and were kept out because their signature, author or chain does not hold (altered on the way, forged). */
  'incident:kept-out': { incident: string; refused: RefusedEvent[] };
  'sync:status': SyncStatus;
  notify: Notice;
  /** `arg` carries the command's detail, e.g. the export format. */
  'app:command': { command: AppCommand; arg?: string };
  /** Main opened or joined an incident (a deep link, the tray): show it. */
  'app:open-incident': { incident: string };
  /** Where a save-to-file export is, so a large incident shows progress rather than a frozen window. */
  'export:progress': ExportProgress;
}

export const EXPORT_STAGES = ['rendering', 'printing', 'writing', 'done', 'failed'] as const;
export interface ExportProgress {
  incident: string;
  format: ExportTarget;
  stage: (typeof EXPORT_STAGES)[number];
  /** Events in the incident: what makes an export large. */
  events: number;
  path: string;
}
export type EventChannel = keyof EventPayloads;
export const EVENT_CHANNELS: readonly EventChannel[] = EVENT_CHANNEL_NAMES;

// Compile-time checks that the name lists in channels.ts and the maps here agree, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _invokeNamesAgree: Same<InvokeChannelName, keyof typeof INVOKE_SCHEMAS> = true;
const _resultNamesAgree: Same<InvokeChannelName, keyof InvokeResults> = true;
const _eventNamesAgree: Same<EventChannelName, EventChannel> = true;
void [_invokeNamesAgree, _resultNamesAgree, _eventNamesAgree];

/** What the preload puts on `window.warroom`, and nothing more. */
export interface WarroomBridge {
  invoke(channel: string, payload: unknown): Promise<Result<unknown>>;
  on(channel: string, listener: (payload: unknown) => void): () => void;
}
