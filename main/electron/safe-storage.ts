import { safeStorage } from 'electron';
import type { KeySealer } from '../identity/key-store.js';

/** The OS keychain (Keychain, DPAPI, libsecret) through Electron, for sealing this install's private key. */
export function safeStorageSealer(): KeySealer {
  return {
    available: () => safeStorage.isEncryptionAvailable(),
    seal: (plain) => safeStorage.encryptString(plain),
    unseal: (sealed) => safeStorage.decryptString(sealed),
  };
}
