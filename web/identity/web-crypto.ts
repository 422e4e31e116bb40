import * as noble from '@noble/ed25519';

/**
 * Ed25519 and SHA-256 in the browser. WebCrypto's Ed25519 where the browser has it (Chromium 137+, Firefox 129+,
 * Safari 17+); elsewhere @noble/ed25519 (audited, pinned, 5 KB), whose hashing is WebCrypto's SHA-512. Either way
 * the page must be a secure context (https, or this machine): browsers give no WebCrypto to plain http pages.
 */
export interface BrowserCrypto {
  readonly via: 'webcrypto' | '@noble/ed25519';
  verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): Promise<boolean>;
  sha256(data: Uint8Array): Promise<Uint8Array>;
  /** A key pair that lives as long as the page: its public half (32 bytes) and a signer. */
  generate(): Promise<{ publicKey: Uint8Array; sign(message: Uint8Array): Promise<Uint8Array> }>;
}

const ED25519 = { name: 'Ed25519' } as const;

// The WebCrypto types by what they are, not by their DOM names: this file is checked for browsers and for Node
// (the tests run it on Node's WebCrypto, which is the same API).
type Subtle = typeof globalThis.crypto.subtle;
type CryptoKey = Awaited<ReturnType<Subtle['importKey']>>;
type BufferSource = Parameters<Subtle['digest']>[1];

export class InsecurePageError extends Error {
  constructor() {
    super("this page is not secure (plain http to another machine): open the link over https, or on the hub's own machine");
  }
}

/** Picks WebCrypto's Ed25519 when it works here, else the library. `preferLibrary`: tests of the fallback. */
export async function browserCrypto(options: { preferLibrary?: boolean } = {}): Promise<BrowserCrypto> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new InsecurePageError();
  const sha256 = async (data: Uint8Array): Promise<Uint8Array> => new Uint8Array(await subtle.digest('SHA-256', data as BufferSource));
  if (!options.preferLibrary && (await hasWebCryptoEd25519(subtle))) return webCryptoEd25519(subtle, sha256);
  return {
    via: '@noble/ed25519',
    sha256,
    verify: async (publicKey, message, signature) => {
      try {
        return await noble.verifyAsync(signature, message, publicKey);
      } catch {
        return false;
      }
    },
    async generate() {
      const { secretKey, publicKey } = await noble.keygenAsync();
      return { publicKey, sign: (message) => noble.signAsync(message, secretKey) };
    },
  };
}

async function hasWebCryptoEd25519(subtle: Subtle): Promise<boolean> {
  try {
    await subtle.generateKey(ED25519, false, ['sign', 'verify']);
    return true;
  } catch {
    return false;
  }
}

function webCryptoEd25519(subtle: Subtle, sha256: BrowserCrypto['sha256']): BrowserCrypto {
  // Importing a key costs about as much as a verify, and a room has a handful of keys.
  const keys = new Map<string, Promise<CryptoKey | null>>();
  const keyOf = (raw: Uint8Array): Promise<CryptoKey | null> => {
    const id = Array.from(raw, (b) => b.toString(16).padStart(2, '0')).join('');
    let key = keys.get(id);
    if (!key) {
      key = subtle.importKey('raw', raw as BufferSource, ED25519, false, ['verify']).catch(() => null);
      if (keys.size > 1_000) keys.clear();
      keys.set(id, key);
    }
    return key;
  };
  return {
    via: 'webcrypto',
    sha256,
    async verify(publicKey, message, signature) {
      const key = await keyOf(publicKey);
      if (!key || signature.length !== 64) return false;
      try {
        return await subtle.verify(ED25519, key, signature as BufferSource, message as BufferSource);
      } catch {
        return false;
      }
    },
    async generate() {
      const pair = (await subtle.generateKey(ED25519, false, ['sign', 'verify'])) as { publicKey: CryptoKey; privateKey: CryptoKey };
      const publicKey = new Uint8Array(await subtle.exportKey('raw', pair.publicKey));
      return { publicKey, sign: async (message) => new Uint8Array(await subtle.sign(ED25519, pair.privateKey, message as BufferSource)) };
    },
  };
}
