import { createHmac, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateSecret, SECRET_FILE } from '../../main/hub/hub-secret.js';
import { parseDuration, signInvite, verifyInvite } from '../../main/hub/invite-token.js';

const secret = randomBytes(32);
const NOW = 1_750_000_000_000;
const claims = { room: 'inc_abcdef1234', role: 'editor' as const, exp: NOW + 3_600_000 };

describe('invite tokens', () => {
  it('verifies a token it signed, with its claims', () => {
    const token = signInvite(secret, claims);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(verifyInvite(secret, token, claims.room, NOW)).toEqual({ ok: true, value: claims });
  });

  it('refuses a token from another secret, or with a changed payload or signature', () => {
    const token = signInvite(secret, claims);
    expect(verifyInvite(randomBytes(32), token, claims.room, NOW)).toMatchObject({ ok: false, code: 'bad-token' });
    const [payload, sig] = token.split('.') as [string, string];
    const viewerPayload = Buffer.from(JSON.stringify({ ...claims, role: 'viewer' })).toString('base64url');
    expect(verifyInvite(secret, `${viewerPayload}.${sig}`, claims.room, NOW)).toMatchObject({ ok: false, code: 'bad-token' });
    const flipped = sig[0] === 'A' ? `B${sig.slice(1)}` : `A${sig.slice(1)}`;
    expect(verifyInvite(secret, `${payload}.${flipped}`, claims.room, NOW)).toMatchObject({ ok: false, code: 'bad-token' });
    expect(verifyInvite(secret, `${payload}.${sig.slice(0, 10)}`, claims.room, NOW)).toMatchObject({ ok: false, code: 'bad-token' });
  });

  it('refuses malformed tokens without throwing', () => {
    for (const t of ['', '.', 'a.b.c', 'only-one-part', 'ab$.cd', `${Buffer.from('not json').toString('base64url')}.x`]) {
      expect(verifyInvite(secret, t, claims.room, NOW)).toMatchObject({ ok: false, code: 'bad-token' });
    }
    // Validly signed but not the claims shape: still refused.
    const odd = Buffer.from(JSON.stringify({ room: claims.room, role: 'admin', exp: claims.exp })).toString('base64url');
    const sig = createHmac('sha256', secret).update(odd).digest('base64url');
    expect(verifyInvite(secret, `${odd}.${sig}`, claims.room, NOW)).toMatchObject({ ok: false, code: 'bad-token' });
  });

  it('refuses an expired token and one for another room, saying which', () => {
    const token = signInvite(secret, claims);
    const expired = verifyInvite(secret, token, claims.room, claims.exp);
    expect(expired).toMatchObject({ ok: false, code: 'expired-token' });
    expect(!expired.ok && expired.error).toContain(new Date(claims.exp).toISOString());
    const other = verifyInvite(secret, token, 'inc_zzzzzz9999', NOW);
    expect(other).toMatchObject({ ok: false, code: 'wrong-room' });
    expect(!other.ok && other.error).toContain('inc_abcdef1234');
  });

  it('parses invite durations', () => {
    expect(parseDuration('90s')).toEqual({ ok: true, value: 90_000 });
    expect(parseDuration('30m')).toEqual({ ok: true, value: 1_800_000 });
    expect(parseDuration('12h')).toEqual({ ok: true, value: 43_200_000 });
    expect(parseDuration('7d')).toEqual({ ok: true, value: 604_800_000 });
    for (const bad of ['', '12', 'h', '0h', '-1h', '1.5h', '2y', '400d']) expect(parseDuration(bad).ok, bad).toBe(false);
  });
});

describe('hub secret', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('is made once, kept owner-only, and reused', async () => {
    dir = await mkdtemp(join(tmpdir(), 'warroom-secret-'));
    const first = await loadOrCreateSecret(join(dir, 'hub'));
    expect(first).toHaveLength(32);
    expect((await stat(join(dir, 'hub', SECRET_FILE))).mode & 0o777).toBe(0o600);
    expect((await loadOrCreateSecret(join(dir, 'hub'))).equals(first)).toBe(true);
    const [a, b] = await Promise.all([loadOrCreateSecret(join(dir, 'race')), loadOrCreateSecret(join(dir, 'race'))]);
    expect(a.equals(b)).toBe(true);
    expect((await readFile(join(dir, 'race', SECRET_FILE), 'utf8')).trim()).toBe(a.toString('hex'));
  });

  it('refuses a damaged secret file with what to do', async () => {
    dir = await mkdtemp(join(tmpdir(), 'warroom-secret-'));
    await writeFile(join(dir, SECRET_FILE), 'garbage');
    await expect(loadOrCreateSecret(dir)).rejects.toThrow(/damaged: delete it/);
  });
});
