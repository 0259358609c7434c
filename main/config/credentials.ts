/**
 * Where source and warehouse passwords live. Two implementations of one small interface:
 * - `createEncryptedStore`: the desktop app's. Each secret is encrypted by an injected cipher (Electron's
 *   safeStorage, whose key the OS keychain holds: Keychain on macOS, DPAPI on Windows, libsecret/kwallet
 *   on Linux) and only the ciphertext is written, to `<dataDir>/credentials.json` (mode 0600). Without the
 *   keychain the file could be decrypted by anyone who copies it, so the store refuses to write then.
 * - `createMemoryStore`: the headless host's and the CLI's. Secrets live in this process's memory for the
 *   session only and are gone at exit (browser mode has no keychain of its own to borrow).
 *
 * Invariants: a secret is never written in clear to any file, never logged, never returned to the renderer
 * (the settings service only asks `has`). Keys are fixed (CREDENTIAL_KEYS): no free-form names.
 */
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';

export const CREDENTIAL_KEYS = ['source:odoo', 'source:apn', 'warehouse'] as const;
export type CredentialKey = (typeof CREDENTIAL_KEYS)[number];

export type CredentialStore = {
  readonly kind: 'keychain' | 'memory';
  get(key: CredentialKey): Promise<string | null>;
  set(key: CredentialKey, secret: string): Promise<void>;
  delete(key: CredentialKey): Promise<void>;
  has(key: CredentialKey): Promise<boolean>;
};

/** What the desktop shell injects (safeStorage); plain Node tests inject a real cipher of their own. */
export type Cipher = {
  /** False when the OS offers no keychain-backed key (then nothing is stored). */
  available(): boolean;
  encrypt(plain: string): Buffer;
  decrypt(data: Buffer): string;
};

export class CredentialStoreError extends Error {
  override name = 'CredentialStoreError';
  readonly contractCode = 'settings_invalid';
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

export function createMemoryStore(): CredentialStore {
  const secrets = new Map<CredentialKey, string>();
  return {
    kind: 'memory',
    get: async (key) => secrets.get(key) ?? null,
    set: async (key, secret) => {
      secrets.set(key, secret);
    },
    delete: async (key) => {
      secrets.delete(key);
    },
    has: async (key) => secrets.has(key),
  };
}

const fileSchema = z.object({ version: z.literal(1), secrets: z.partialRecord(z.enum(CREDENTIAL_KEYS), z.string()) });
type StoredFile = z.infer<typeof fileSchema>;

export const credentialsFileOf = (dataDir: string) => join(dataDir, 'credentials.json');

export function createEncryptedStore(file: string, cipher: Cipher): CredentialStore {
  async function read(): Promise<StoredFile> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, secrets: {} };
      throw err;
    }
    const parsed = fileSchema.safeParse(JSON.parse(text));
    // A damaged file must not take the app down: the passwords are asked again.
    return parsed.success ? parsed.data : { version: 1, secrets: {} };
  }
  async function write(data: StoredFile): Promise<void> {
    await mkdir(dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(data) + '\n', { encoding: 'utf8', mode: 0o600 });
    await chmod(tmp, 0o600);
    await rename(tmp, file);
  }
  return {
    kind: 'keychain',
    async get(key) {
      const data = (await read()).secrets[key];
      if (data === undefined || !cipher.available()) return null;
      try {
        return cipher.decrypt(Buffer.from(data, 'base64'));
      } catch {
        // Encrypted under another OS user or keychain: unusable, as if absent.
        return null;
      }
    },
    async set(key, secret) {
      if (!cipher.available()) {
        throw new CredentialStoreError(
          'The OS keychain is not available, so the password cannot be stored safely.',
          'Unlock or install the keychain (Linux: gnome-keyring or kwallet), or pass the password through ODOO_DATABASE_URL / APN_DATABASE_URL / DATABASE_URL.',
        );
      }
      const data = await read();
      data.secrets[key] = cipher.encrypt(secret).toString('base64');
      await write(data);
    },
    async delete(key) {
      const data = await read();
      if (!(key in data.secrets)) return;
      delete data.secrets[key];
      await write(data);
    },
    async has(key) {
      return (await read()).secrets[key] !== undefined;
    },
  };
}

/** `url` with `password` put in (for a pg client only; never display or log the result). */
export function withPassword(url: string, password: string | null): string {
  if (!password) return url;
  const u = new URL(url);
  u.password = encodeURIComponent(password);
  return u.toString();
}

/** Splits a typed URL into the URL kept in settings (no password) and the password, if one was typed in it. */
export function splitPassword(url: string): { url: string; password: string | null } {
  const u = new URL(url);
  const password = u.password ? decodeURIComponent(u.password) : (u.searchParams.get('password') ?? null);
  u.password = '';
  u.searchParams.delete('password');
  return { url: u.toString(), password };
}
