import { generateKeyPairSync } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { createFileOnce } from '../services/atomic-file.js';
import { join } from 'node:path';
import { z } from 'zod';
import { Signer } from './event-signature.js';

/** The app's key. The CLI keeps its own when the app's is sealed by the OS keychain (it cannot unseal it). */
export const IDENTITY_FILE = 'identity.key';
export const CLI_IDENTITY_FILE = 'identity-cli.key';

/**
 * Electron's safeStorage, injected by main/index.ts (electron is imported only there): seals the private key
 * with the OS keychain, so a copied file is useless on another account or machine.
 */
export interface KeySealer {
  available(): boolean;
  seal(plain: string): Buffer;
  unseal(sealed: Buffer): string;
}

const fileSchema = z.strictObject({
  v: z.literal(1),
  /** The public key (base64url), readable without unsealing, so `warroom whoami`-style tools need no keychain. */
  key: z.string(),
  /** PKCS#8 DER of the private key, base64, either plain or sealed by the OS keychain. */
  privateKey: z.string(),
  sealed: z.boolean(),
});

/**
 * This install's key pair: made on first use, kept in its own file readable by its owner only (mode 0600),
 * never in the preferences. Returns null when the file is sealed and no sealer can open it (the CLI beside
 * an app that uses the keychain); the caller then uses a file of its own.
 */
export async function loadOrCreateSigner(dataDir: string, file = IDENTITY_FILE, sealer?: KeySealer): Promise<Signer | null> {
  const path = join(dataDir, file);
  const existing = await readKeyFile(path, sealer);
  if (existing !== undefined) return existing;
  await mkdir(dataDir, { recursive: true });
  const { privateKey } = generateKeyPairSync('ed25519');
  const der = privateKey.export({ format: 'der', type: 'pkcs8' });
  const signer = Signer.fromPkcs8(der);
  const sealed = sealer?.available() ?? false;
  const text = keyFileText(signer, sealed ? sealer!.seal(der.toString('base64')).toString('base64') : der.toString('base64'), sealed);
  // When the app and a CLI call start at once, one key wins and both use it.
  if ((await createFileOnce(path, text + '\n')) === 'created') return signer;
  return (await readKeyFile(path, sealer)) ?? null;
}

/** The CLI's signer: the app's key when it can read it, else a key of its own beside it. */
export async function loadCliSigner(dataDir: string): Promise<Signer> {
  const shared = await loadOrCreateSigner(dataDir, IDENTITY_FILE);
  if (shared) return shared;
  const own = await loadOrCreateSigner(dataDir, CLI_IDENTITY_FILE);
  if (!own) throw new Error(`${join(dataDir, CLI_IDENTITY_FILE)} is sealed: delete it to make a new key`);
  return own;
}

/** A key file's text: the public key, and the private key (PKCS#8 DER, base64) plain or sealed. */
export function keyFileText(signer: Signer, privateKey: string, sealed: boolean): string {
  return JSON.stringify({ v: 1, key: signer.key, privateKey, sealed });
}

/** undefined: no file yet; null: sealed and cannot be opened here. */
export async function readKeyFile(path: string, sealer?: KeySealer): Promise<Signer | null | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  const damaged = (): Error =>
    new Error(`identity key ${path} is damaged: restore it from a backup, or delete it to become a new person to every hub`);
  let parsed: z.infer<typeof fileSchema>;
  try {
    parsed = fileSchema.parse(JSON.parse(text));
  } catch {
    if (text.trim() === '') return undefined;
    throw damaged();
  }
  let der: Buffer;
  if (parsed.sealed) {
    if (!sealer?.available()) return null;
    der = Buffer.from(sealer.unseal(Buffer.from(parsed.privateKey, 'base64')), 'base64');
  } else der = Buffer.from(parsed.privateKey, 'base64');
  let signer: Signer;
  try {
    signer = Signer.fromPkcs8(der);
  } catch {
    throw damaged();
  }
  if (signer.key !== parsed.key) throw damaged();
  return signer;
}
