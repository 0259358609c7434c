/**
 * settings.json + the credential store → what settings:get shows, and settings:set's input → both.
 * Passwords go to the credential store only; the view says whether one is stored, never what it is.
 */
import type { SettingsSetInput, SettingsView, SourceInput, WarehouseInput } from '../../../app/contract';
import { HostError } from '../../../app/contract';
import type { CredentialKey, CredentialStore } from '../../config/credentials';
import { splitPassword } from '../../config/credentials';
import type { Settings, SourceRef, WarehouseRef } from '../../config/settings';
import { settingsFileOf } from '../../config/settings';
import { SOURCE_ENV, SOURCE_KEY } from './secrets-env';
import { listTenants } from './tenants';

export type SettingsContext = {
  dataDir: string;
  credentials: CredentialStore;
  /** The warehouse URL this process opened (undefined = embedded). */
  databaseUrl: string | undefined;
  env: Record<string, string | undefined>;
};

const stripped = (url: string | undefined) => (url ? splitPassword(url).url : null);

async function sourceView(ref: SourceRef | null, key: CredentialKey, credentials: CredentialStore): Promise<SettingsView['sources']['odoo']> {
  if (ref === null) return null;
  if (ref.kind !== 'url') return ref;
  return { kind: 'url', url: ref.url, ...(ref.tls ? { tls: ref.tls } : {}), hasPassword: await credentials.has(key) };
}

export async function settingsView(settings: Settings, ctx: SettingsContext): Promise<SettingsView> {
  const wh = settings.warehouse ?? { kind: 'embedded' as const };
  const envWarehouse = Boolean(ctx.env.DATABASE_URL?.trim());
  const overriddenByEnv: SettingsView['overriddenByEnv'] = [];
  for (const s of ['odoo', 'apn'] as const) if (ctx.env[SOURCE_ENV[s]]?.trim()) overriddenByEnv.push(s);
  if (envWarehouse) overriddenByEnv.push('warehouse');
  const wanted = wh.kind === 'url' ? stripped(wh.url) : null;
  return {
    sources: {
      odoo: await sourceView(settings.sources.odoo, SOURCE_KEY.odoo, ctx.credentials),
      apn: await sourceView(settings.sources.apn, SOURCE_KEY.apn, ctx.credentials),
    },
    warehouse: wh.kind === 'url' ? { kind: 'url', url: wh.url, hasPassword: await ctx.credentials.has('warehouse') } : { kind: 'embedded' },
    modelDir: settings.modelDir ?? null,
    tenant: settings.tenant,
    tenants: await listTenants(),
    credentialStore: ctx.credentials.kind,
    overriddenByEnv,
    restartRequired: !envWarehouse && wanted !== stripped(ctx.databaseUrl),
    file: settingsFileOf(ctx.dataDir),
  };
}

/** Stores (or forgets) the password of `key` as the input says; returns the URL to keep in settings. */
async function keepPassword(url: string, typed: string | undefined, key: CredentialKey, credentials: CredentialStore): Promise<string> {
  const split = splitPassword(url);
  const password = typed ?? split.password ?? undefined;
  if (password === '') await credentials.delete(key);
  else if (password !== undefined) await credentials.set(key, password);
  return split.url;
}

async function sourceRef(input: SourceInput | null, key: CredentialKey, credentials: CredentialStore): Promise<SourceRef | null> {
  if (input === null || input.kind !== 'url') {
    await credentials.delete(key);
    return input;
  }
  const url = await keepPassword(input.url, input.password, key, credentials);
  return { kind: 'url', url, ...(input.tls ? { tls: input.tls } : {}) };
}

async function warehouseRef(input: WarehouseInput, credentials: CredentialStore): Promise<WarehouseRef> {
  if (input.kind === 'embedded') {
    await credentials.delete('warehouse');
    return input;
  }
  return { kind: 'url', url: await keepPassword(input.url, input.password, 'warehouse', credentials) };
}

/** The settings after `input` (passwords already in the credential store). */
export async function applySettings(current: Settings, input: SettingsSetInput, credentials: CredentialStore): Promise<Settings> {
  const next: Settings = structuredClone(current);
  if (input.tenant !== undefined) {
    const tenants = await listTenants();
    if (!tenants.includes(input.tenant)) {
      throw new HostError({ code: 'bad_input', message: `There is no rule set '${input.tenant}'.`, hint: `Choose one of ${tenants.join(', ')}, or add rules/tenants/${input.tenant}.yaml.` });
    }
    next.tenant = input.tenant;
  }
  for (const s of ['odoo', 'apn'] as const) {
    const src = input.sources?.[s];
    if (src !== undefined) next.sources[s] = await sourceRef(src, SOURCE_KEY[s], credentials);
  }
  if (input.warehouse !== undefined) next.warehouse = await warehouseRef(input.warehouse, credentials);
  if (input.modelDir === null) delete next.modelDir;
  else if (input.modelDir !== undefined) next.modelDir = input.modelDir;
  return next;
}
