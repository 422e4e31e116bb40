import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MAX_FUTURE_DRIFT_MS } from '../../src/model/hlc.js';
import { checkHubUrl, formatJoinLink, parseJoinLink } from '../../src/sync/join-link.js';
import {
  CLIENT_EVENTS,
  CONNECT_ERROR_CODES,
  ERROR_CODES,
  handshakeAuthSchema,
  HUB_EVENTS,
  mapToVector,
  PROTOCOL_LIMITS,
  pullRequestSchema,
  pushRequestSchema,
  REFUSAL_CODES,
  utf8Length,
  vectorSchema,
  vectorToMap,
} from '../../src/sync/protocol.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const doc = (): Promise<string> => readFile(join(ROOT, 'main/hub/PROTOCOL.md'), 'utf8');

describe('PROTOCOL.md matches the code', () => {
  const names = [...Object.values(CLIENT_EVENTS), ...Object.values(HUB_EVENTS)];
  const codes = [...CONNECT_ERROR_CODES, ...ERROR_CODES, ...REFUSAL_CODES];

  it('documents every event name and every code the code uses', async () => {
    const text = await doc();
    for (const name of names) expect(text, `event ${name}`).toContain(`\`${name}\``);
    for (const code of codes) expect(text, `code ${code}`).toContain(`\`${code}\``);
  });

  it('documents no event name or code the code does not have', async () => {
    const text = await doc();
    const documentedNames = new Set([...text.matchAll(/`((?:sync|room|hub):[a-z-]+)`/g)].map((m) => m[1]!));
    expect([...documentedNames].sort()).toEqual([...names].sort());
    const tableCodes = [...text.matchAll(/^\| `([a-z-]+)` \|/gm)].map((m) => m[1]!);
    expect(tableCodes.length).toBeGreaterThan(0);
    for (const code of tableCodes) expect(codes, `documented code ${code}`).toContain(code);
  });

  it('states the limits the code enforces', async () => {
    const text = await doc();
    for (const n of [
      PROTOCOL_LIMITS.messageBytes,
      PROTOCOL_LIMITS.batchEvents,
      PROTOCOL_LIMITS.pageEvents,
      PROTOCOL_LIMITS.batchBytes,
      PROTOCOL_LIMITS.linesPageBytes,
      PROTOCOL_LIMITS.eventBytes,
      PROTOCOL_LIMITS.vectorOrigins,
      PROTOCOL_LIMITS.tokenChars,
      PROTOCOL_LIMITS.roomEvents,
      PROTOCOL_LIMITS.roomBytes,
      PROTOCOL_LIMITS.pushEventsPerSecond,
      PROTOCOL_LIMITS.pushEventsBurst,
      PROTOCOL_LIMITS.pushBytesPerSecond,
      PROTOCOL_LIMITS.pushBytesBurst,
      PROTOCOL_LIMITS.pullsPerSecond,
      PROTOCOL_LIMITS.pullsBurst,
      PROTOCOL_LIMITS.pullBytesPerSecond,
      PROTOCOL_LIMITS.pullBytesBurst,
      PROTOCOL_LIMITS.connectionsPerInvite,
      PROTOCOL_LIMITS.connectionsPerKey,
      PROTOCOL_LIMITS.inviteConnectsPerSecond,
      PROTOCOL_LIMITS.inviteConnectsBurst,
      PROTOCOL_LIMITS.sendBufferBytes,
      PROTOCOL_LIMITS.sendBuffersBytes,
      PROTOCOL_LIMITS.pageBytesInFlightPerKey,
      PROTOCOL_LIMITS.pageBytesInFlightPerInvite,
      PROTOCOL_LIMITS.pageBytesInFlight,
      PROTOCOL_LIMITS.pageReadBytes,
      PROTOCOL_LIMITS.pageReadMs,
      PROTOCOL_LIMITS.relayEventBytes,
      PROTOCOL_LIMITS.challengesPerConnection,
    ]) {
      expect(text).toContain(String(n));
    }
    expect(text).toContain(`${PROTOCOL_LIMITS.challengeMs / 1000} s`);
    expect(text).toContain(`${MAX_FUTURE_DRIFT_MS / 60_000} minutes`);
  });

  it('every event the hub and the client register or emit is a protocol constant', async () => {
    const files = [
      ...(await readdir(join(ROOT, 'main/hub'))).filter((f) => f.endsWith('.ts')).map((f) => join(ROOT, 'main/hub', f)),
      join(ROOT, 'main/sync/sync-client.ts'),
    ];
    const used = new Set<string>();
    for (const f of files) {
      const src = await readFile(f, 'utf8');
      // Event names are written only through the constants: a bare string would escape this check.
      expect(src, f).not.toMatch(/['"`](?:sync|room|hub):[a-z-]+['"`]/);
      for (const m of src.matchAll(/\b(CLIENT_EVENTS|HUB_EVENTS)\.(\w+)/g)) used.add(`${m[1]}.${m[2]}`);
    }
    for (const key of used) {
      const [group, prop] = key.split('.') as ['CLIENT_EVENTS' | 'HUB_EVENTS', string];
      expect(Object.keys(group === 'CLIENT_EVENTS' ? CLIENT_EVENTS : HUB_EVENTS), key).toContain(prop);
    }
    for (const k of Object.keys(CLIENT_EVENTS)) expect(used, `the hub handles CLIENT_EVENTS.${k}`).toContain(`CLIENT_EVENTS.${k}`);
    for (const k of Object.keys(HUB_EVENTS)) expect(used, `HUB_EVENTS.${k} is used`).toContain(`HUB_EVENTS.${k}`);
  });
});

describe('wire schemas', () => {
  it('accepts a vector, drops a prototype key, refuses negative counts and too many origins', () => {
    expect(vectorSchema.safeParse({ o_abc123: 4, 'host-1': 0 }).success).toBe(true);
    const hostile = vectorSchema.safeParse(JSON.parse('{"__proto__": {"polluted": 1}, "o_abc123": 2}'));
    expect(hostile.success && Object.keys(hostile.data)).toEqual(['o_abc123']);
    expect(hostile.success && (hostile.data as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(vectorSchema.safeParse({ o_abc123: -1 }).success).toBe(false);
    expect(vectorSchema.safeParse({ o_abc123: 1.5 }).success).toBe(false);
    const many = Object.fromEntries(Array.from({ length: PROTOCOL_LIMITS.vectorOrigins + 1 }, (_, i) => [`o_${i}xx`, 1]));
    expect(vectorSchema.safeParse(many).success).toBe(false);
  });

  it('round-trips vectors through a Map without an inherited key', () => {
    const m = vectorToMap({ o_abc123: 4 });
    expect(m.get('o_abc123')).toBe(4);
    expect(m.get('constructor')).toBeUndefined();
    const v = mapToVector(
      new Map([
        ['o_abc123', 4],
        ['o_empty1', 0],
      ]),
    );
    expect({ ...v }).toEqual({ o_abc123: 4 });
  });

  it('validates requests strictly', () => {
    expect(pullRequestSchema.safeParse({ vector: {} }).success).toBe(true);
    expect(pullRequestSchema.safeParse({ vector: {}, after: 3, limit: 10 }).success).toBe(true);
    // The cursor of the protocol before the agreed order is refused: a position is a number.
    expect(pullRequestSchema.safeParse({ vector: {}, after: { origin: 'o_abc123', seq: 3 } }).success).toBe(false);
    expect(pullRequestSchema.safeParse({ vector: {}, after: -1 }).success).toBe(false);
    expect(pullRequestSchema.safeParse({ vector: {}, limit: PROTOCOL_LIMITS.pageEvents }).success).toBe(true);
    expect(pullRequestSchema.safeParse({ vector: {}, limit: PROTOCOL_LIMITS.pageEvents + 1 }).success).toBe(false);
    expect(pullRequestSchema.safeParse({ vector: {}, format: 'lines' }).success).toBe(false);
    expect(pullRequestSchema.safeParse({ vector: {}, room: 'inc_other00001' }).success).toBe(false);
    expect(pushRequestSchema.safeParse({ events: [] }).success).toBe(false);
    expect(pushRequestSchema.safeParse({ events: new Array(PROTOCOL_LIMITS.batchEvents).fill({}) }).success).toBe(true);
    const key = { key: 'A'.repeat(43), proof: { nonce: 'N'.repeat(32), hub: 'H'.repeat(43), sig: 'B'.repeat(86) } };
    expect(handshakeAuthSchema.safeParse({ token: 't', incident: 'inc_abcdef12', actor: { id: 'u_1', name: '  ' }, ...key }).success).toBe(
      false,
    );
    expect(handshakeAuthSchema.safeParse({ token: 't', incident: 'inc_abcdef12', actor: { id: 'u_1', name: 'Ana' }, ...key }).success).toBe(
      true,
    );
    expect(handshakeAuthSchema.safeParse({ token: 't', incident: 'inc_abcdef12', actor: { id: 'u_1', name: 'Ana' } }).success).toBe(false);
  });

  it('counts UTF-8 bytes like the wire does', () => {
    for (const s of ['', 'abc', 'é', '€', '𝄞', 'a\u{1F600}b', '\ud800']) expect(utf8Length(s), s).toBe(Buffer.byteLength(s, 'utf8'));
  });
});

describe('join links', () => {
  it('round-trips hub, incident and token', () => {
    const link = formatJoinLink({ hub: 'https://hub.example:7311', incident: 'inc_abcdef1234', token: 'eyJh.c2ln-_' });
    expect(link.startsWith('warroom://join?')).toBe(true);
    expect(parseJoinLink(link)).toEqual({
      ok: true,
      value: { hub: 'https://hub.example:7311', incident: 'inc_abcdef1234', token: 'eyJh.c2ln-_' },
    });
  });

  it('refuses other links with a reason', () => {
    expect(parseJoinLink('https://example.com/join?hub=x').ok).toBe(false);
    expect(parseJoinLink('warroom://open?hub=http://a&incident=inc_abcdef1234&token=t').ok).toBe(false);
    expect(parseJoinLink('warroom://join?hub=ftp://a&incident=inc_abcdef1234&token=t')).toMatchObject({ ok: false });
    expect(parseJoinLink('warroom://join?hub=http://a&incident=../../etc&token=t')).toMatchObject({
      ok: false,
      error: 'the link has no valid incident id',
    });
    expect(parseJoinLink('warroom://join?hub=http://a&incident=inc_abcdef1234')).toMatchObject({
      ok: false,
      error: 'the link has no invite token',
    });
    expect(parseJoinLink('not a link').ok).toBe(false);
  });

  it('normalises hub URLs', () => {
    expect(checkHubUrl('ws://127.0.0.1:7311/')).toEqual({ ok: true, value: 'http://127.0.0.1:7311' });
    expect(checkHubUrl('wss://hub.example')).toEqual({ ok: true, value: 'https://hub.example' });
    expect(checkHubUrl('127.0.0.1:7311').ok).toBe(false);
  });
});
