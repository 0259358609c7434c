import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Cipher } from './credentials';
import { createEncryptedStore, createMemoryStore, CredentialStoreError, splitPassword, withPassword } from './credentials';

/** A real AES-256-GCM cipher standing in for safeStorage (whose key the OS keychain holds). */
function aesCipher(available = true): Cipher {
  const key = randomBytes(32);
  return {
    available: () => available,
    encrypt(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decrypt(data) {
      const d = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      d.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([d.update(data.subarray(28)), d.final()]).toString('utf8');
    },
  };
}

describe('credential stores', () => {
  it('the encrypted store writes only ciphertext, 0600, and reads it back', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'revops-cred-')), 'credentials.json');
    const store = createEncryptedStore(file, aesCipher());
    expect(await store.get('source:odoo')).toBeNull();
    await store.set('source:odoo', 'pa55-w0rd!');
    await store.set('warehouse', 'wh-secret');
    expect(await store.get('source:odoo')).toBe('pa55-w0rd!');
    expect(await store.has('warehouse')).toBe(true);
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain('pa55-w0rd!');
    expect(text).not.toContain('wh-secret');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    await store.delete('source:odoo');
    expect(await store.has('source:odoo')).toBe(false);
    expect(await store.get('warehouse')).toBe('wh-secret');
  });

  it('refuses to store without a keychain, and treats a damaged or foreign file as empty', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'revops-cred-'));
    const locked = createEncryptedStore(join(dir, 'a.json'), aesCipher(false));
    await expect(locked.set('source:apn', 'x')).rejects.toBeInstanceOf(CredentialStoreError);
    await writeFile(join(dir, 'b.json'), '{"version":1,"secrets":{"source:apn":"bm90IG91cnM="}}');
    expect(await createEncryptedStore(join(dir, 'b.json'), aesCipher()).get('source:apn')).toBeNull();
    await writeFile(join(dir, 'c.json'), '{"what":');
    await expect(createEncryptedStore(join(dir, 'c.json'), aesCipher()).has('warehouse')).rejects.toThrow();
    await writeFile(join(dir, 'd.json'), '{"version":7}');
    expect(await createEncryptedStore(join(dir, 'd.json'), aesCipher()).has('warehouse')).toBe(false);
  });

  it('the memory store keeps secrets for the session only', async () => {
    const store = createMemoryStore();
    await store.set('warehouse', 's');
    expect(await store.get('warehouse')).toBe('s');
    expect(await createMemoryStore().get('warehouse')).toBeNull();
  });

  it('splits a typed password out of a URL and puts one back for the client only', () => {
    expect(splitPassword('postgres://reader:p%40ss@crm.example.com:5432/odoo')).toEqual({ url: 'postgres://reader@crm.example.com:5432/odoo', password: 'p@ss' });
    expect(splitPassword('postgres://reader@h/db?password=x&sslmode=require')).toEqual({ url: 'postgres://reader@h/db?sslmode=require', password: 'x' });
    expect(withPassword('postgres://reader@h:5432/db', 'p@ss')).toBe('postgres://reader:p%40ss@h:5432/db');
    expect(withPassword('postgres://reader@h:5432/db', null)).toBe('postgres://reader@h:5432/db');
  });
});
