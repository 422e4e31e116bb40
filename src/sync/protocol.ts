import { z } from 'zod';
import { ID_PATTERN } from '../model/ids.js';
import { orderRangeSchema, signedHeadSchema } from '../model/room-order.js';
import { LIMITS } from '../model/vocabulary.js';
import type { VersionVector } from './version-vector.js';

/**
 * The hub <-> peer wire protocol: event names, payload and ack schemas, limits. Both the hub and the sync
 * client validate everything they receive with these, so a schema change is a protocol change: update
 * main/hub/PROTOCOL.md with it (a test checks the names match).
 */

/** Events a peer sends; each one takes an acknowledgement callback. */
export const CLIENT_EVENTS = {
  pull: 'sync:pull',
  push: 'sync:push',
  head: 'sync:head',
  channels: 'hub:channels',
} as const;

/**
 * Before the handshake, on the same connection: the namespace where a peer asks the hub for a challenge, and
 * the one event it sends there (with an acknowledgement). See PROTOCOL.md, "Handshake".
 */
export const HANDSHAKE_NAMESPACE = '/handshake';
export const CHALLENGE_EVENT = 'handshake:challenge';

/** Events the hub sends; none expects an acknowledgement. */
export const HUB_EVENTS = {
  events: 'sync:events',
  order: 'sync:order',
  presence: 'room:presence',
  presenceDelta: 'room:presence-delta',
  head: 'room:head',
  error: 'hub:error',
} as const;

export const PROTOCOL_LIMITS = {
  /** Socket.IO maxHttpBufferSize: a bigger message closes the connection before it is parsed. */
  messageBytes: 1_000_000,
  /** Events per push batch or relayed message, and per pull page when the pull names no `limit`. */
  batchEvents: 500,
  /**
   * The most events a pull may ask for (`limit`); the byte cap below still holds. A catch-up of small events
   * then takes a few dozen round trips instead of hundreds. Hubs before this limit refuse a larger `limit`
   * (bad-request): the client then asks again without one.
   */
  pageEvents: 5_000,
  /** Serialised events per batch, leaving room under messageBytes for the envelope of the message. */
  batchBytes: 768 * 1024,
  /**
   * JSON of the events in one page asked for as lines: a binary attachment the hub sends (messageBytes limits
   * what the hub reads, not what it sends), so a page of `pageEvents` small events (~1.4 MB) is not cut at
   * batchBytes. A catch-up is paced by pulls per second: with pages cut at 768 KiB (~2,800 events) a 1M room
   * took 36 s at 10 pulls/s; whole 5,000-event pages take 20 s, and the byte budget below still holds. 3 MiB:
   * 5,000 signed events (about 515 bytes each) fill a page; cut at 2 MiB (~4,000), a signed 1M room took 25 s.
   */
  linesPageBytes: 3 * 1024 * 1024,
  /** One serialised event (the same limit the log store holds to). */
  eventBytes: LIMITS.eventBytes,
  /** Origins in a version vector: far more writers than any incident has. */
  vectorOrigins: 10_000,
  tokenChars: 4096,
  /** Events one room may hold: an incident has thousands; this stops one writer from filling the disk. */
  roomEvents: 1_000_000,
  /** Bytes of event JSON one room may hold. */
  roomBytes: 1024 * 1024 * 1024,
  /** How long a handshake challenge stays usable after the hub issued it (ms); it is used once, on its connection. */
  challengeMs: 30_000,
  /** Challenges one connection may ask for: a client asks once per connection. */
  challengesPerConnection: 5,
  /** Per connection (token buckets): events and bytes pushed, pulls and bytes pulled, per second and in a burst. */
  pushEventsPerSecond: 200,
  pushEventsBurst: 500,
  pushBytesPerSecond: 1024 * 1024,
  pushBytesBurst: 8 * 1024 * 1024,
  pullsPerSecond: 10,
  pullsBurst: 20,
  // Sized for a catch-up of signed events (about 500 bytes each): 100k (about 49 MiB) within the burst, 1M
  // (about 490 MiB) in about 20 s, as 10 pulls a second of 5,000-event pages do; at 16 MiB/s and
  // 32 MiB, sized for unsigned events, a signed 100k catch-up waited a second for its last pages. Served as
  // lines, a MiB of pages costs the hub about 20-25 ms of CPU (measured: 530-670 ms for 100k unsigned events),
  // in page-sized slices: one peer pulling flat out takes about half a core and never holds the loop for long.
  pullBytesPerSecond: 24 * 1024 * 1024,
  pullBytesBurst: 64 * 1024 * 1024,
  /** Rate-limited answers in a row (the peer did not wait as told) before the hub drops the connection. */
  ignoredRetries: 20,
  /** Open connections one invite token may have at once. */
  connectionsPerInvite: 100,
  /** Open connections one key may have to one incident at once (the app, the CLI, a browser view, a spare). */
  connectionsPerKey: 10,
  /** New connections one invite may open, per second and at once (a team reconnecting after a hub restart). */
  inviteConnectsPerSecond: 5,
  inviteConnectsBurst: 100,
  /** Bytes queued for a peer that does not read: past this the hub drops the connection. */
  sendBufferBytes: 8 * 1024 * 1024,
  /** Bytes queued for all peers together: past this the hub drops the peers with the most queued first. */
  sendBuffersBytes: 96 * 1024 * 1024,
  /**
   * Catch-up pages built and not yet read, as bytes (a page is charged its most, linesPageBytes plus one
   * event, before it is built): per key, per invite and for the whole hub.
   */
  pageBytesInFlightPerKey: 8 * 1024 * 1024,
  pageBytesInFlightPerInvite: 8 * 1024 * 1024,
  pageBytesInFlight: 48 * 1024 * 1024,
  /**
   * Events of this many bytes or more are not relayed as they are: the order message names their position and
   * the peers that read fetch them with a pull (budgeted, charged before it is built).
   */
  relayEventBytes: 64 * 1024,
  /** A page counts as read once the peer's connection has less than this queued. */
  pageReadBytes: 256 * 1024,
  /** A page still unread this long after it was sent (ms): the peer does not read, and is dropped. */
  pageReadMs: 10_000,
  /** The longest an invite may last (ms): 30 days. */
  inviteMaxMs: 30 * 86_400_000,
} as const;

/** Why the hub refused a connection (the `data.code` of a connect_error). */
export const CONNECT_ERROR_CODES = [
  'no-token',
  'bad-token',
  'expired-token',
  'wrong-room',
  'bad-handshake',
  'bad-key',
  'bad-challenge',
  'revoked-token',
  'too-many-connections',
  'unavailable',
] as const;
export type ConnectErrorCode = (typeof CONNECT_ERROR_CODES)[number];

/** Why the hub refused a whole message. */
export const ERROR_CODES = ['bad-request', 'forbidden', 'expired-token', 'unknown-event', 'rate-limited', 'unavailable'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Why the hub refused one event of a push. */
export const REFUSAL_CODES = [
  'invalid',
  'too-large',
  'wrong-incident',
  'unsigned',
  'bad-signature',
  'forged-actor',
  'bad-origin',
  'broken-chain',
  'origin-taken',
  'seq-conflict',
  'future',
  'too-early',
  'room-full',
  'not-permitted',
  'unacknowledged',
  'text-changed',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

export const HUB_ROLES = ['editor', 'viewer'] as const;
export type HubRole = (typeof HUB_ROLES)[number];

const origin = z
  .string()
  .regex(/^[A-Za-z0-9_-]{3,64}$/, 'must be 3-64 letters, digits, _ or -')
  // A plain object cannot hold this key, so it is not a usable origin on the wire.
  .refine((s) => s !== '__proto__', 'is a reserved name');
const count = z.int().min(0).max(Number.MAX_SAFE_INTEGER);
const entityId = z.string().regex(ID_PATTERN, 'is not a valid id');

export const vectorSchema = z
  .record(origin, count)
  .refine((v) => Object.keys(v).length <= PROTOCOL_LIMITS.vectorOrigins, `has more than ${PROTOCOL_LIMITS.vectorOrigins} origins`);

export const actorSchema = z.strictObject({
  id: z.string().min(1).max(64),
  name: z.string().trim().min(1).max(LIMITS.name),
});

const publicKeySchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'is not an Ed25519 public key (32 bytes, base64url)');
const signatureSchema = z.string().regex(/^[A-Za-z0-9_-]{86}$/, 'is not an Ed25519 signature (64 bytes, base64url)');
/** 16 to 32 random bytes, base64url. */
const nonceSchema = z.string().regex(/^[A-Za-z0-9_-]{22,43}$/, 'is not a nonce (16-32 random bytes, base64url)');

/** Socket.IO handshake `auth`. */
export const handshakeAuthSchema = z.strictObject({
  token: z.string().min(1).max(PROTOCOL_LIMITS.tokenChars),
  incident: entityId,
  actor: actorSchema,
  /** The connection's Ed25519 public key (base64url); `actor.id` must derive from it. */
  key: publicKeySchema,
  /** Proof of holding the key: a signature over the handshake text for this challenge and this hub. */
  proof: z.strictObject({ nonce: nonceSchema, hub: publicKeySchema, sig: signatureSchema }),
});

/** A peer's request for a challenge: a fresh random nonce of its own, which the hub signs with its key. */
export const challengeRequestSchema = z.strictObject({ nonce: nonceSchema });

/** The hub's answer: its challenge, its key, and its signature over hubProofText(client nonce, nonce). */
export const challengeAckSchema = z.strictObject({ ok: z.literal(true), nonce: nonceSchema, hub: publicKeySchema, sig: signatureSchema });
export type ChallengeAck = z.infer<typeof challengeAckSchema>;

export const pullRequestSchema = z.strictObject({
  /** The peer's version vector: the hub sends the lines only of events the peer lacks. */
  vector: vectorSchema,
  /** The last position of the agreed order the peer knows (0 or absent: none); the page starts after it. */
  after: count.optional(),
  /** Most positions in the page (default batchEvents); the byte cap holds whatever the limit. */
  limit: z.int().min(1).max(PROTOCOL_LIMITS.pageEvents).optional(),
});

/** A peer's latest signed head of the room's order, for the others to hold against their own. */
export const headRequestSchema = z.strictObject({ head: signedHeadSchema });
/** The hub took a `sync:head`. */
export const headAckSchema = z.strictObject({ ok: z.literal(true) });

/** `hub:channels`: what the hub does with this room beyond sync (status page, email, webhooks). */
export const channelsRequestSchema = z.strictObject({});

const deliveryEntrySchema = z.strictObject({
  id: z.string().max(64),
  webhook: z.string().max(64),
  format: z.string().max(32),
  host: z.string().max(300),
  room: z.string().max(64),
  type: z.string().max(64),
  state: z.enum(['pending', 'retrying', 'delivered', 'dead']),
  attempts: count,
  lastError: z.string().max(2000).nullable(),
  createdAt: count,
  updatedAt: count,
  nextAt: count.nullable(),
});
export type WebhookDelivery = z.infer<typeof deliveryEntrySchema>;

export const channelsAckSchema = z.strictObject({
  ok: z.literal(true),
  statusPage: z.strictObject({ url: z.string().max(2100), title: z.string().max(200) }),
  email: z.strictObject({ configured: z.boolean(), from: z.string().max(400).nullable(), server: z.string().max(300).nullable() }),
  /** The hub's own actor: an email publication names it as the mailer that records the deliveries. */
  mailer: actorSchema,
  webhooks: z
    .array(z.strictObject({ id: z.string().max(64), format: z.string().max(32), host: z.string().max(300), signed: z.boolean() }))
    .max(50),
  deliveries: z.array(deliveryEntrySchema).max(100),
  deadLetters: z.array(deliveryEntrySchema).max(100),
  problem: z.string().max(2000).nullable(),
});
export type ChannelsAck = z.infer<typeof channelsAckSchema>;

export const pushRequestSchema = z.strictObject({
  events: z.array(z.unknown()).min(1).max(PROTOCOL_LIMITS.batchEvents),
});

export const errorAckSchema = z.strictObject({
  ok: z.literal(false),
  code: z.enum(ERROR_CODES),
  error: z.string(),
  /** With `rate-limited`: when to try again (ms from now). */
  retryAfterMs: count.optional(),
});
export type ErrorAck = z.infer<typeof errorAckSchema>;

/** Binary data as socket.io delivers it: a Buffer in Node (a Uint8Array), an ArrayBuffer in a browser. */
const binary = z.custom<Uint8Array | ArrayBuffer>((v) => v instanceof Uint8Array || v instanceof ArrayBuffer, 'is not binary data');

/** One page of the room in its agreed order. */
export const pullAckSchema = z.strictObject({
  ok: z.literal(true),
  /** UTF-8 JSON lines, one envelope each, every line ending in a newline: the page's events the peer lacks. */
  lines: binary,
  /** Lines in `lines`. */
  count: z.int().min(0).max(PROTOCOL_LIMITS.pageEvents),
  /** The ids at every position of the page (sent or not); null when there is nothing after `after`. */
  order: orderRangeSchema.nullable(),
  /** The page's last position when more follow: ask again with it as `after`. */
  next: count.nullable(),
  vector: vectorSchema,
  /** The hub's signed head of the whole order as it stands (null for an empty room). */
  head: signedHeadSchema.nullable(),
});
export type PullAck = z.infer<typeof pullAckSchema>;

export const refusalSchema = z.strictObject({
  index: z.int().min(0),
  id: z.string().max(64).nullable(),
  code: z.enum(REFUSAL_CODES),
  reason: z.string(),
});
export type Refusal = z.infer<typeof refusalSchema>;

export const pushAckSchema = z.strictObject({
  ok: z.literal(true),
  /** Ids now durable on the hub for the first time. */
  stored: z.array(entityId),
  /** Ids the hub already held. */
  duplicates: z.array(entityId),
  refused: z.array(refusalSchema),
  vector: vectorSchema,
});
export type PushAck = z.infer<typeof pushAckSchema>;

export const eventsMessageSchema = z.strictObject({
  events: z.array(z.unknown()).min(1).max(PROTOCOL_LIMITS.batchEvents),
});
export type EventsMessage = z.infer<typeof eventsMessageSchema>;

/** Another peer's signed head, relayed by the hub: see "Agreed order" in PROTOCOL.md. */
export const headMessageSchema = z.strictObject({ from: actorSchema, head: signedHeadSchema });
export type HeadMessage = z.infer<typeof headMessageSchema>;

/** Positions the hub just gave out, to everyone in the room (the writer too), in order, with the new head. */
export const orderMessageSchema = z.strictObject({
  range: orderRangeSchema,
  head: signedHeadSchema,
});
export type OrderMessage = z.infer<typeof orderMessageSchema>;

export const memberSchema = z.strictObject({
  id: z.string().min(1).max(64),
  name: z.string().max(LIMITS.name),
  role: z.enum(HUB_ROLES),
  /** When this person's first open connection joined (epoch ms). */
  since: count,
  /** Open connections (an app and a CLI of the same person count once). */
  connections: z.int().min(1),
});
export type Member = z.infer<typeof memberSchema>;

/** The whole list: sent to a peer that just joined. */
export const presenceMessageSchema = z.strictObject({ members: z.array(memberSchema) });
export type PresenceMessage = z.infer<typeof presenceMessageSchema>;

/** What changed since the last presence message, coalesced: sent to those already in the room. */
export const presenceDeltaMessageSchema = z.strictObject({
  /** Members who joined or whose entry changed (name, role, connections): replace by id. */
  changed: z.array(memberSchema),
  /** Actor ids no longer in the room. */
  left: z.array(z.string().min(1).max(64)),
});
export type PresenceDeltaMessage = z.infer<typeof presenceDeltaMessageSchema>;

export const hubErrorMessageSchema = z.strictObject({
  code: z.enum(ERROR_CODES),
  error: z.string(),
  /** The event name the error is about, when there is one. */
  event: z.string().max(200).optional(),
});
export type HubErrorMessage = z.infer<typeof hubErrorMessageSchema>;

/** UTF-8 length of a string, without TextEncoder (this folder runs everywhere). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** A wire vector as a Map: a Map cannot be polluted by an origin named after an Object.prototype key. */
export function vectorToMap(v: VersionVector): Map<string, number> {
  return new Map(Object.entries(v));
}

export function mapToVector(m: ReadonlyMap<string, number>): VersionVector {
  const v: VersionVector = Object.create(null) as VersionVector;
  for (const [k, n] of m) if (n > 0 && k !== '__proto__') v[k] = n;
  return v;
}

/** Socket.IO event maps, for typed sockets on both ends. Incoming arguments are still validated: types are not trust. */
export interface ClientToHubEvents {
  [CLIENT_EVENTS.pull]: (...args: unknown[]) => void;
  [CLIENT_EVENTS.push]: (...args: unknown[]) => void;
  [CLIENT_EVENTS.head]: (...args: unknown[]) => void;
  [CLIENT_EVENTS.channels]: (...args: unknown[]) => void;
}

export interface HubToClientEvents {
  [HUB_EVENTS.events]: (message: EventsMessage) => void;
  [HUB_EVENTS.order]: (message: OrderMessage) => void;
  [HUB_EVENTS.presence]: (message: PresenceMessage) => void;
  [HUB_EVENTS.presenceDelta]: (message: PresenceDeltaMessage) => void;
  [HUB_EVENTS.head]: (message: HeadMessage) => void;
  [HUB_EVENTS.error]: (message: HubErrorMessage) => void;
}
