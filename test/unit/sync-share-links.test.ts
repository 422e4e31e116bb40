import { describe, expect, it } from 'vitest';
import { parseFingerprint } from '../../src/sync/fingerprint.js';
import { formatJoinLink, parseJoinLink } from '../../src/sync/join-link.js';
import { hubUrlAt, reachableAddresses } from '../../main/hub/reachable-addresses.js';
import { createHubLog } from '../../main/hub/hub-log.js';

const FP = 'ab'.repeat(32);

describe('join links that pin a certificate', () => {
  it('carry the fingerprint and give it back', () => {
    const link = formatJoinLink({ hub: 'https://192.168.1.20:7311', incident: 'inc_abcdef1234', token: 't.k', fingerprint: FP });
    expect(link).toContain(`fp=${FP}`);
    expect(parseJoinLink(link)).toEqual({
      ok: true,
      value: { hub: 'https://192.168.1.20:7311', incident: 'inc_abcdef1234', token: 't.k', fingerprint: FP },
    });
  });

  it('accept the colon spelling people read out, and refuse a short or non-https one with the reason', () => {
    expect(parseFingerprint(FP.toUpperCase().match(/../g)!.join(':'))).toEqual({ ok: true, value: FP });
    const short = parseJoinLink(`warroom://join?hub=https://10.0.0.2:7311&incident=inc_abcdef1234&token=t&fp=abcd`);
    expect(short.ok || short.error).toMatch(/64 hex digits/);
    const plain = parseJoinLink(`warroom://join?hub=http://10.0.0.2:7311&incident=inc_abcdef1234&token=t&fp=${FP}`);
    expect(plain.ok || plain.error).toMatch(/not https/);
  });
});

describe('join links that name several hubs of one cluster', () => {
  it('carry every hub in order and give them back, the first as the hub', () => {
    const link = formatJoinLink({
      hub: 'https://hub-a.example:7311',
      alternates: ['https://hub-b.example:7311', 'wss://hub-c.example:7311'],
      incident: 'inc_abcdef1234',
      token: 't.k',
    });
    expect(link.match(/hub=/g)).toHaveLength(3);
    expect(parseJoinLink(link)).toEqual({
      ok: true,
      value: {
        hub: 'https://hub-a.example:7311',
        alternates: ['https://hub-b.example:7311', 'https://hub-c.example:7311'],
        incident: 'inc_abcdef1234',
        token: 't.k',
      },
    });
  });

  it('refuse a bad hub among them, a pinned certificate with a plain-http hub among them, and too many hubs', () => {
    const bad = parseJoinLink('warroom://join?hub=https://a:7311&hub=ftp://b&incident=inc_abcdef1234&token=t');
    expect(bad.ok || bad.error).toMatch(/must start with http/);
    const mixed = parseJoinLink(`warroom://join?hub=https://a:7311&hub=http://b:7311&incident=inc_abcdef1234&token=t&fp=${FP}`);
    expect(mixed.ok || mixed.error).toMatch(/not https/);
    const many = Array.from({ length: 9 }, (_, i) => `hub=https://h${i}:7311`).join('&');
    const tooMany = parseJoinLink(`warroom://join?${many}&incident=inc_abcdef1234&token=t`);
    expect(tooMany.ok || tooMany.error).toMatch(/at most 8 hubs/);
    const none = parseJoinLink('warroom://join?incident=inc_abcdef1234&token=t');
    expect(none.ok || none.error).toMatch(/not a hub URL/);
  });
});

describe('the addresses a network share offers', () => {
  it('lists what other machines can reach, IPv4 first, never loopback, any or link-local', () => {
    const found = reachableAddresses({
      lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true, netmask: '255.0.0.0', mac: '00:00:00:00:00:00', cidr: '127.0.0.1/8' }],
      wlan0: [
        {
          address: 'fe80::1',
          family: 'IPv6',
          internal: false,
          netmask: 'ffff:ffff:ffff:ffff::',
          mac: 'aa:bb:cc:dd:ee:ff',
          cidr: 'fe80::1/64',
          scopeid: 2,
        },
        {
          address: '2001:db8::5',
          family: 'IPv6',
          internal: false,
          netmask: 'ffff:ffff:ffff:ffff::',
          mac: 'aa:bb:cc:dd:ee:ff',
          cidr: '2001:db8::5/64',
          scopeid: 0,
        },
        {
          address: '192.168.1.20',
          family: 'IPv4',
          internal: false,
          netmask: '255.255.255.0',
          mac: 'aa:bb:cc:dd:ee:ff',
          cidr: '192.168.1.20/24',
        },
      ],
      docker0: [
        {
          address: '169.254.3.3',
          family: 'IPv4',
          internal: false,
          netmask: '255.255.0.0',
          mac: 'aa:bb:cc:dd:ee:00',
          cidr: '169.254.3.3/16',
        },
      ],
    });
    expect(found.map((a) => `${a.interfaceName} ${a.address}`)).toEqual(['wlan0 192.168.1.20', 'wlan0 2001:db8::5']);
    expect(hubUrlAt('2001:db8::5', 7311, true)).toBe('https://[2001:db8::5]:7311');
  });
});

describe('hub log lines (pino)', () => {
  const now = () => Date.UTC(2026, 10, 29, 12, 0, 0);

  it('carry time, the level the caller chose, the message and the fields, as JSON or as text', () => {
    const lines: string[] = [];
    createHubLog({ format: 'json', write: (l) => lines.push(l), now })('warn', 'refused a connection: bad token', {
      code: 'bad-token',
      room: undefined,
    });
    createHubLog({ format: 'text', write: (l) => lines.push(l), now })('info', 'Ana joined as editor', { room: 'inc_y', peer: 'u_a' });
    expect(JSON.parse(lines[0]!)).toEqual({
      time: '2026-11-29T12:00:00.000Z',
      level: 'warn',
      msg: 'refused a connection: bad token',
      code: 'bad-token',
    });
    expect(lines[1]).toBe('2026-11-29T12:00:00.000Z INFO  hub: Ana joined as editor room=inc_y peer=u_a');
  });

  it('drops records below the level asked for, and keeps those at or above it', () => {
    const lines: string[] = [];
    const log = createHubLog({ format: 'json', level: 'warn', write: (l) => lines.push(l), now });
    log('debug', 'pulled 5 events');
    log('info', 'Ana joined as editor');
    log('warn', 'refused 1 event(s)', { code: 'not-permitted' });
    log('error', 'storage is not ready');
    expect(lines.map((l) => (JSON.parse(l) as { level: string }).level)).toEqual(['warn', 'error']);
  });

  it('a peer cannot forge a second record through its name: one record stays one line', () => {
    const lines: string[] = [];
    createHubLog({ format: 'json', write: (l) => lines.push(l), now })('info', 'Mallory\n{"level":"error"} joined as editor');
    expect(lines).toHaveLength(1);
    expect(lines[0]!.split('\n')).toHaveLength(1);
  });
});
