import { randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { createFileOnce } from '../services/atomic-file.js';
import { join } from 'node:path';

export const SECRET_FILE = 'hub-secret';

/**
 * The key that signs invite tokens: made on first use, kept in the hub's data dir, readable by its owner
 * only. Whoever can read it can mint tokens, so it never leaves the machine.
 */
export async function loadOrCreateSecret(dataDir: string): Promise<Buffer> {
  const path = join(dataDir, SECRET_FILE);
  const existing = await readSecret(path);
  if (existing) return existing;
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(32);
  if ((await createFileOnce(path, secret.toString('hex') + '\n')) === 'created') return secret;
  // Another process made it first: use theirs, so the invites both sign agree.
  const raced = await readSecret(path);
  if (!raced) throw new Error(`hub secret ${path} is empty or damaged: delete it to make a new one (old invites stop working)`);
  return raced;
}

async function readSecret(path: string): Promise<Buffer | null> {
  let text: string;
  try {
    text = (await readFile(path, 'utf8')).trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  if (!/^[0-9a-f]{64}$/.test(text)) {
    if (text === '') return null;
    throw new Error(`hub secret ${path} is damaged: delete it to make a new one (old invites stop working)`);
  }
  return Buffer.from(text, 'hex');
}
