import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { WarEvent } from '../../src/kinds/event.js';
import {
  actorIdOf,
  checkChain,
  checkSignature,
  eventHash,
  eventHashFromSigningText,
  newOriginFor,
  verifySignature,
} from '../../main/identity/event-signature.js';
import { signingText } from '../../src/model/signed-payload.js';
import { CLI_IDENTITY_FILE, IDENTITY_FILE, loadCliSigner, loadOrCreateSigner, type KeySealer } from '../../main/identity/key-store.js';
import { tempDir } from '../helpers/temp-dir.js';

const dirs: { cleanup: () => Promise<void> }[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await d.cleanup();
});
async function dir(): Promise<string> {
  const d = await tempDir('warroom-identity-');
  dirs.push(d);
  return d.path;
}

/** A stand-in keychain: "seals" by reversing, and can be switched off. */
const keychain = (available = true): KeySealer => ({
  available: () => available,
  seal: (plain) => Buffer.from([...plain].reverse().join('')),
  unseal: (sealed) => [...sealed.toString()].reverse().join(''),
});

describe('identity keys', () => {
  it('makes one key per install in a 0600 file and gives the same one back', async () => {
    const d = await dir();
    const first = (await loadOrCreateSigner(d))!;
    expect((await stat(join(d, IDENTITY_FILE))).mode & 0o777).toBe(0o600);
    const again = (await loadOrCreateSigner(d))!;
    expect(again.key).toBe(first.key);
    expect(first.actorId).toBe(actorIdOf(first.key));
    expect(first.actorId).toMatch(/^u_[a-z2-7]{26}$/);
    expect(newOriginFor(first.key)).toMatch(/^o_[a-z2-7]{20}[0-9a-z]{8}$/);
  });

  it('seals the private key with the keychain; the CLI then keeps a key of its own', async () => {
    const d = await dir();
    const app = (await loadOrCreateSigner(d, IDENTITY_FILE, keychain()))!;
    const file = JSON.parse(await readFile(join(d, IDENTITY_FILE), 'utf8')) as { sealed: boolean; privateKey: string };
    expect(file.sealed).toBe(true);
    expect((await loadOrCreateSigner(d, IDENTITY_FILE, keychain()))!.key).toBe(app.key);
    expect(await loadOrCreateSigner(d, IDENTITY_FILE, keychain(false))).toBeNull();
    const cli = await loadCliSigner(d);
    expect(cli.key).not.toBe(app.key);
    expect((await stat(join(d, CLI_IDENTITY_FILE))).mode & 0o777).toBe(0o600);
  });

  it('refuses a damaged key file rather than making a new identity silently', async () => {
    const d = await dir();
    await loadOrCreateSigner(d);
    await writeFile(join(d, IDENTITY_FILE), '{"v":1,"key":"x","privateKey":"AAAA","sealed":false}');
    await expect(loadOrCreateSigner(d)).rejects.toThrow(/damaged/);
  });

  it('signs events so that any change, a foreign key or a wrong link is caught', async () => {
    const signer = (await loadOrCreateSigner(await dir()))!;
    const origin = newOriginFor(signer.key);
    const base = {
      v: 1,
      incident: 'inc_test000001',
      origin,
      actor: { id: signer.actorId, name: 'Ana' },
      kind: 'note.added',
      at: { ms: 1_750_000_000_000, c: 0 },
    } as const;
    const one = signer.signEvent({ ...base, id: 'e_one000000001', seq: 1, data: { text: 'one' } } as WarEvent, undefined);
    const two = signer.signEvent({ ...base, id: 'e_two000000001', seq: 2, data: { text: 'two' } } as WarEvent, eventHash(one));
    expect(checkSignature(one)).toBeNull();
    expect(checkSignature(two)).toBeNull();
    expect(checkChain(two, one)).toBeNull();
    // Key order does not matter: the signed text is canonical.
    expect(checkSignature(JSON.parse(JSON.stringify({ ...two, data: { text: 'two' }, kind: 'note.added' })) as WarEvent)).toBeNull();
    expect(checkSignature({ ...one, data: { text: 'One' } } as WarEvent)?.code).toBe('bad-signature');
    expect(checkSignature({ ...one, actor: { id: 'u_someoneelse01', name: 'Ana' } })?.code).toBe('forged-actor');
    expect(checkSignature({ ...one, origin: 'o_aaaaaaaaaaaaaaaaaaaaaaaaaaaa' })?.code).toBe('bad-origin');
    const other = signer.signEvent({ ...base, id: 'e_oth000000001', seq: 1, data: { text: 'other' } } as WarEvent, undefined);
    expect(checkChain(two, other)?.code).toBe('broken-chain');
    const { key: _k, sig: _s, ...unsigned } = one;
    expect(checkSignature(unsigned as WarEvent)?.code).toBe('unsigned');
  });

  it('remembers a checked signature only for the very key and text it was checked against', async () => {
    const signer = (await loadOrCreateSigner(await dir()))!;
    const other = (await loadOrCreateSigner(await dir()))!;
    const sig = signer.sign('primary firewall reset its configuration');
    expect(verifySignature(signer.key, 'primary firewall reset its configuration', sig)).toBe(true);
    // The same signature, remembered as valid, presented with another text or another key.
    expect(verifySignature(signer.key, 'primary firewall reset its configuration!', sig)).toBe(false);
    expect(verifySignature(other.key, 'primary firewall reset its configuration', sig)).toBe(false);
    expect(verifySignature(signer.key, 'primary firewall reset its configuration', sig)).toBe(true);
  });
});

describe('the chain hash from the signed text', () => {
  it('is the hash of the whole event, for every kind of event a log holds', async () => {
    const d = await dir();
    const signer = (await loadOrCreateSigner(d))!;
    const origin = newOriginFor(signer.key);
    const datas: [string, unknown][] = [
      ['incident.opened', { title: 'Checkout failing "for" EU customers', severity: 'SEV1' }],
      ['note.added', { text: 'ünïcode, "quotes", \\ and a tab\t' }],
      ['action.added', { text: 'check replica lag', links: ['e_abcdef123'], owner: 'Ana' }],
    ];
    let prev: string | undefined;
    datas.forEach(([kind, data], i) => {
      const e = {
        v: 1,
        id: i === 0 ? 'inc_hashes01' : `e_hash0000${i}`,
        incident: 'inc_hashes01',
        origin,
        seq: i + 1,
        at: { ms: 1_700_000_000_000 + i, c: 0 },
        actor: { id: signer.actorId, name: 'Ana' },
        kind,
        data,
      } as WarEvent;
      const signed = signer.signEvent(e, prev);
      expect(eventHashFromSigningText(signed, signingText(signed))).toBe(eventHash(signed));
      prev = eventHash(signed);
    });
  });
});
