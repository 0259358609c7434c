/**
 * Where each source is and how we connect to it.
 *
 * Invariants:
 * - A source URL never reaches a log, an error or the database unredacted (`describeUrl`, password dropped).
 * - A remote (non-loopback) source is read over TLS with certificate verification unless the user turned
 *   TLS off explicitly for that source in settings (`tls: 'off'`); `sslmode=disable` in a URL alone is
 *   refused for remote hosts, so a copied URL cannot silently downgrade.
 * - Environment URLs (ODOO_DATABASE_URL, APN_DATABASE_URL) win over settings: they carry the password,
 *   which settings never store.
 */
import { isIP } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import { describeUrl } from '../../../db/errors';
import { withDatabase } from '../../../db/server-database';
import type { Settings, SourceRef } from '../../config/settings';
import { serveDemoSources } from '../demo-sources/serve';
import type { SourceSystem } from './types';

export type SourceEndpoint = {
  system: SourceSystem;
  /** With password when there is one: only for the pg client, never for display. */
  url: string;
  ssl: false | ConnectionOptions;
  /** Redacted, for logs, errors and ops.sync_jobs. */
  description: string;
};

/** A configuration problem the user must fix (not retried). */
export class SourceConfigError extends Error {
  override readonly name = 'SourceConfigError';
}

const ENV_VAR: Record<SourceSystem, string> = { odoo: 'ODOO_DATABASE_URL', apn: 'APN_DATABASE_URL' };

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === '' || h === 'localhost' || h.endsWith('.localhost') || h.startsWith('/')) return true; // '' / '/…' = Unix socket
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || h === '0:0:0:0:0:0:0:1';
  return false;
}

/**
 * pg connection settings for a source URL under the TLS policy. `sslmode` is taken out of the URL and
 * expressed as pg's `ssl` option, so pg's own sslmode parsing cannot override the policy.
 */
export function endpointFor(system: SourceSystem, url: string, opts: { allowInsecure: boolean }): SourceEndpoint {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new SourceConfigError(`The ${system} source URL is not a valid postgres:// URL (${describeUrl(url)}). Fix ${ENV_VAR[system]} or the source in settings.`);
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') {
    throw new SourceConfigError(`The ${system} source URL must start with postgres:// (got ${u.protocol}//…).`);
  }
  const mode = (u.searchParams.get('sslmode') ?? '').toLowerCase();
  for (const k of ['sslmode', 'ssl', 'sslcert', 'sslkey', 'sslrootcert']) u.searchParams.delete(k);
  const host = u.hostname || u.searchParams.get('host') || 'localhost';
  const description = describeUrl(url);
  const remote = !isLoopbackHost(host);
  let ssl: false | ConnectionOptions;
  if (mode === 'disable' || mode === 'allow' || mode === 'prefer') {
    if (remote && !opts.allowInsecure) {
      throw new SourceConfigError(
        `The ${system} source ${description} is remote and its URL turns TLS off (sslmode=${mode}). ` +
          `Use sslmode=require or verify-full, or, if this network is trusted, set "tls": "off" for the ${system} source in settings.json.`,
      );
    }
    ssl = false;
  } else if (mode === 'no-verify') {
    ssl = { rejectUnauthorized: false };
  } else if (mode === '' && (!remote || opts.allowInsecure)) {
    ssl = false; // loopback (or TLS explicitly off in settings): plain connection, like libpq's default
  } else {
    ssl = { rejectUnauthorized: true, servername: isIP(host) ? undefined : host };
  }
  return { system, url: u.toString(), ssl, description };
}

export type ResolvedSources = {
  endpoint(system: SourceSystem): SourceEndpoint;
  close(): Promise<void>;
};

type ResolveOptions = {
  dataDir: string;
  settings: Settings;
  /** The warehouse server (demo sources generated on it live there). */
  databaseUrl?: string | undefined;
  env?: Record<string, string | undefined>;
};

function refFor(settings: Settings, system: SourceSystem): SourceRef | null {
  return settings.sources[system];
}

function allowInsecure(ref: SourceRef | null): boolean {
  return ref?.kind === 'url' && ref.tls === 'off';
}

/**
 * Resolves the sources of `systems`: environment URL, configured URL, demo database on the server, or the
 * embedded demo sources, which this process then serves on loopback until `close()`.
 */
export async function resolveSources(systems: readonly SourceSystem[], opts: ResolveOptions): Promise<ResolvedSources> {
  const env = opts.env ?? process.env;
  const endpoints = new Map<SourceSystem, SourceEndpoint | Error>();
  let served: { close(): Promise<void> } | null = null;
  let servedUrls: { odoo: string; apn: string } | null = null;
  for (const system of systems) {
    const ref = refFor(opts.settings, system);
    const envUrl = env[ENV_VAR[system]]?.trim();
    try {
      if (envUrl) {
        endpoints.set(system, endpointFor(system, envUrl, { allowInsecure: allowInsecure(ref) }));
        continue;
      }
      if (!ref) {
        throw new SourceConfigError(`No ${system} source is configured. Run \`revops demo sources --scale small --seed demo\` for demo data, or set ${ENV_VAR[system]}.`);
      }
      switch (ref.kind) {
        case 'url':
          endpoints.set(system, endpointFor(system, ref.url, { allowInsecure: allowInsecure(ref) }));
          break;
        case 'demo-server':
          if (!opts.databaseUrl) throw new SourceConfigError(`The ${system} demo source is a database on the warehouse server: set DATABASE_URL to reach it.`);
          endpoints.set(system, endpointFor(system, withDatabase(opts.databaseUrl, ref.database), { allowInsecure: true }));
          break;
        case 'demo-embedded': {
          if (!servedUrls) {
            const s = await serveDemoSources(opts.dataDir, opts.databaseUrl);
            served = s;
            servedUrls = s.urls;
          }
          endpoints.set(system, { ...endpointFor(system, servedUrls[system], { allowInsecure: false }), description: `embedded demo source ${system} (served on ${new URL(servedUrls[system]).host})` });
          break;
        }
      }
    } catch (err) {
      endpoints.set(system, err as Error);
    }
  }
  return {
    endpoint(system) {
      const e = endpoints.get(system);
      if (!e) throw new SourceConfigError(`The ${system} source was not resolved.`);
      if (e instanceof Error) throw e;
      return e;
    },
    close: async () => {
      await served?.close();
    },
  };
}
