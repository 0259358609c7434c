/**
 * The desktop app's credential store: main/config/credentials.ts's encrypted store with Electron's
 * safeStorage as the cipher (its key is held by the OS keychain: Keychain, DPAPI, libsecret/kwallet).
 * On Linux, safeStorage falls back to a hard-coded key when no keyring is running ('basic_text'); that is
 * not a keychain, so it counts as unavailable and nothing is stored (the user is told what to do).
 */
import { safeStorage } from 'electron';
import type { Cipher, CredentialStore } from '../config/credentials';
import { createEncryptedStore, credentialsFileOf } from '../config/credentials';

export const safeStorageCipher: Cipher = {
  available() {
    if (!safeStorage.isEncryptionAvailable()) return false;
    return process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text';
  },
  encrypt: (plain) => safeStorage.encryptString(plain),
  decrypt: (data) => safeStorage.decryptString(data),
};

export function createKeychainStore(dataDir: string): CredentialStore {
  return createEncryptedStore(credentialsFileOf(dataDir), safeStorageCipher);
}
