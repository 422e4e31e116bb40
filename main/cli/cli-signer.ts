import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { Signer } from '../identity/event-signature.js';
import { CLI_IDENTITY_FILE, IDENTITY_FILE, keyFileText, readKeyFile } from '../identity/key-store.js';

/**
 * The CLI's key: the app's when it can read it, else one of its own beside it (the app's is sealed by the OS
 * keychain). A key that does not exist yet is made in memory and saved only when it first signs, so a call
 * that signs nothing (`list`, `log`, a refused `post`) leaves the data directory exactly as it was.
 */
export async function cliSigner(dataDir: string): Promise<Signer> {
  const shared = await readKeyFile(join(dataDir, IDENTITY_FILE));
  if (shared) return shared;
  if (shared === undefined) return unsavedSigner(dataDir, IDENTITY_FILE);
  const own = await readKeyFile(join(dataDir, CLI_IDENTITY_FILE));
  if (own) return own;
  if (own === null) throw new Error(`${join(dataDir, CLI_IDENTITY_FILE)} is sealed: delete it to make a new key`);
  return unsavedSigner(dataDir, CLI_IDENTITY_FILE);
}

/** A new key that writes its file (data dir 0700, file 0600, fsynced) just before its first signature. */
class SignerSavedOnFirstUse extends Signer {
  private saved = false;

  constructor(
    privateKey: KeyObject,
    private readonly save: (signer: Signer) => void,
  ) {
    super(privateKey);
  }

  override sign(text: string): string {
    if (!this.saved) {
      this.save(this);
      this.saved = true;
    }
    return super.sign(text);
  }
}

function unsavedSigner(dataDir: string, file: string): Signer {
  const { privateKey } = generateKeyPairSync('ed25519');
  const der = privateKey.export({ format: 'der', type: 'pkcs8' });
  // Synchronous on purpose: signing is, and the key must be on disk before anything it signed is.
  return new SignerSavedOnFirstUse(privateKey, (signer) => {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    let fd: number;
    try {
      fd = openSync(join(dataDir, file), 'wx', 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      throw new Error("another warroom call made this person's key at the same moment; nothing was written: run the command again");
    }
    try {
      writeSync(fd, keyFileText(signer, der.toString('base64'), false) + '\n');
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  });
}
