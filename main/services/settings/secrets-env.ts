/**
 * Passwords from the credential store, handed to the code that connects — never to settings.json.
 * The sync resolves sources from the environment first (ODOO_DATABASE_URL / APN_DATABASE_URL win over
 * settings, main/services/sync/connection.ts), so a stored password reaches it as that variable, built
 * here from the settings' URL plus the stored password; a variable the user set keeps winning.
 */
import type { CredentialKey, CredentialStore } from '../../config/credentials';
import { withPassword } from '../../config/credentials';
import type { Settings } from '../../config/settings';
import { loadSettings } from '../../config/settings';

export const SOURCE_ENV = { odoo: 'ODOO_DATABASE_URL', apn: 'APN_DATABASE_URL' } as const;
export const SOURCE_KEY = { odoo: 'source:odoo', apn: 'source:apn' } as const satisfies Record<string, CredentialKey>;

/** `env` plus source URLs carrying their stored passwords, for runSync's `env` option. */
export async function sourceEnv(settings: Settings, credentials: CredentialStore, env: Record<string, string | undefined> = process.env): Promise<Record<string, string | undefined>> {
  const out = { ...env };
  for (const system of ['odoo', 'apn'] as const) {
    const ref = settings.sources[system];
    if (env[SOURCE_ENV[system]]?.trim() || ref?.kind !== 'url') continue;
    const password = await credentials.get(SOURCE_KEY[system]);
    if (password) out[SOURCE_ENV[system]] = withPassword(ref.url, password);
  }
  return out;
}

/** Same, loading the settings of `dataDir` (a broken settings file leaves `env` as it is: the sync reports it). */
export async function sourceEnvFor(dataDir: string, credentials: CredentialStore, env: Record<string, string | undefined> = process.env): Promise<Record<string, string | undefined>> {
  const settings = await loadSettings(dataDir).catch(() => null);
  return settings ? sourceEnv(settings, credentials, env) : { ...env };
}

/**
 * The warehouse URL a shell should open at start: DATABASE_URL when set, else the settings' server URL with
 * its stored password, else undefined (embedded).
 */
export async function warehouseUrlFor(dataDir: string, credentials: CredentialStore, env: Record<string, string | undefined> = process.env): Promise<string | undefined> {
  const fromEnv = env.DATABASE_URL?.trim();
  if (fromEnv) return fromEnv;
  const ref = (await loadSettings(dataDir).catch(() => null))?.warehouse;
  if (ref?.kind !== 'url') return undefined;
  return withPassword(ref.url, await credentials.get('warehouse'));
}
