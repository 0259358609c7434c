/**
 * settings:test-connection: connects the way the app will (sources: read-only session under the TLS policy
 * of main/services/sync/connection.ts; warehouse: a plain client) and says what works or what to do.
 * Failures are results (`ok: false`, message + hint), never thrown: the form shows them inline.
 * Messages name host and port, never a password (db/errors.ts describes, sync/connection.ts redacts).
 */
import pg from 'pg';
import type { ConnectionTarget, SourceInput, TestConnectionResult, WarehouseInput } from '../../../app/contract';
import { redactSecrets } from '../../../app/redact';
import { describeConnectionError } from '../../../db/errors';
import { withDatabase } from '../../../db/server-database';
import { splitPassword, withPassword } from '../../config/credentials';
import { loadSettings } from '../../config/settings';
import { readDemoManifest } from '../demo-sources/location';
import { endpointFor, SourceConfigError } from '../sync/connection';
import { openSource, SourceError } from '../sync/source';
import { SOURCE_ENV, SOURCE_KEY } from './secrets-env';
import type { SettingsContext } from './view';

type Detail = TestConnectionResult['details'][number];
type Outcome = { ok: boolean; message: string; hint: string | null; details: Detail[] };

const LABEL = { odoo: 'Odoo', apn: 'APN', warehouse: 'warehouse' } as const;
const TIMEOUT_MS = 8_000;

function codeOf(err: unknown): string {
  const e = err as { code?: unknown; errors?: { code?: unknown }[] } | null;
  if (typeof e?.code === 'string') return e.code;
  const inner = e?.errors?.find((x) => typeof x?.code === 'string');
  return typeof inner?.code === 'string' ? inner.code : '';
}

/** What to do, by failure class: the part of the message a user acts on. */
export function hintFor(err: unknown, target: ConnectionTarget): string {
  const code = codeOf(err);
  const msg = err instanceof Error ? err.message : String(err);
  const field = target === 'warehouse' ? 'the warehouse URL' : `the ${LABEL[target]} URL`;
  if (code === 'ECONNREFUSED') return `Nothing answers on that host and port: start the database, or fix host and port in ${field}.`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `The host name does not resolve: check its spelling in ${field}, and the VPN if the database is on a private network.`;
  if (code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || /timeout/i.test(msg)) return 'No answer in time: check the port, the firewall and the VPN.';
  if (code === '28P01') return 'Type the password again (it is stored in the credential store, not in settings.json) and check the user name.';
  if (code === '28000') return "The server refuses this user from this machine: ask the database admin to allow it (pg_hba.conf).";
  if (code === '3D000') return `Fix the database name at the end of ${field}.`;
  if (/\b(ssl|tls|certificate)\b/i.test(msg) || code.includes('CERT')) return 'The TLS handshake failed: use the host name the certificate was issued for, add sslmode=require to the URL, or, on a trusted network only, set TLS off.';
  return `Check ${field}, the user and the password.`;
}

function failure(err: unknown, url: string, target: ConnectionTarget): Outcome {
  const cause = err instanceof SourceError && err.cause ? err.cause : err;
  // db/errors.ts words its line for DATABASE_URL; here the first sentence (what failed, host and port) is the
  // message and the hint says what to do about this field.
  const line = describeConnectionError(cause, url);
  const first = line.split(/(?<=[.?])\s+(?=[A-Z])/)[0] ?? line;
  return { ok: false, message: redactSecrets(first), hint: hintFor(cause, target), details: [] };
}

async function testSourceUrl(system: 'odoo' | 'apn', url: string, tlsOff: boolean): Promise<Outcome> {
  let endpoint;
  try {
    endpoint = endpointFor(system, url, { allowInsecure: tlsOff });
  } catch (err) {
    if (err instanceof SourceConfigError) return { ok: false, message: err.message, hint: 'Fix the URL, then test again.', details: [] };
    throw err;
  }
  try {
    const source = await openSource(endpoint, { connectTimeoutMs: TIMEOUT_MS });
    try {
      const [row] = await source.query<{ version: string; tables: string }>(
        "SELECT current_setting('server_version') AS version, (SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = 'public')::text AS tables",
      );
      const tables = Number(row?.tables ?? 0);
      const needed = system === 'odoo' ? 'crm_lead' : 'apn_opportunity';
      const [has] = await source.query<{ ok: boolean }>("SELECT to_regclass('public.' || $1) IS NOT NULL AS ok", [needed]);
      const details: Detail[] = [
        { label: 'Server', value: `PostgreSQL ${row?.version ?? '?'}` },
        { label: 'Tables', value: `${tables} in public` },
        { label: 'Session', value: 'read only' },
        { label: 'TLS', value: endpoint.ssl ? 'on, certificate checked' : 'off (loopback or turned off)' },
      ];
      if (!has?.ok) return { ok: false, message: `Connected to ${endpoint.description}, but it has no ${needed} table.`, hint: `Point the URL at the ${LABEL[system]} database itself (the database name at the end of the URL).`, details };
      return { ok: true, message: `Connected to ${endpoint.description}.`, hint: null, details };
    } finally {
      await source.close();
    }
  } catch (err) {
    return failure(err, url, system);
  }
}

async function testSource(ctx: SettingsContext, system: 'odoo' | 'apn', input: SourceInput | undefined): Promise<Outcome> {
  const envUrl = input ? undefined : ctx.env[SOURCE_ENV[system]]?.trim();
  if (envUrl) return testSourceUrl(system, envUrl, false);
  const ref = input ?? (await loadSettings(ctx.dataDir)).sources[system];
  if (!ref) return { ok: false, message: `No ${LABEL[system]} source is configured.`, hint: 'Choose demo data or enter a postgres:// URL, then test again.', details: [] };
  switch (ref.kind) {
    case 'demo-embedded': {
      const manifest = await readDemoManifest(ctx.dataDir);
      if (!manifest) return { ok: false, message: 'No demo sources in this data folder yet.', hint: 'Generate them: npx revops demo sources --scale tiny --seed demo (or run npm run demo).', details: [] };
      return {
        ok: true,
        message: `Demo ${LABEL[system]} database ready (${manifest.engine === 'pglite' ? 'embedded, served on loopback while syncing' : 'on the server'}).`,
        hint: null,
        details: [
          { label: 'Scale', value: manifest.scale },
          { label: 'Seed', value: manifest.seed },
          { label: 'As of', value: manifest.delta?.date ?? manifest.asOf },
        ],
      };
    }
    case 'demo-server':
      if (!ctx.databaseUrl) return { ok: false, message: 'Demo sources on a server need the warehouse server.', hint: 'Set the warehouse to a PostgreSQL URL (or DATABASE_URL) first.', details: [] };
      return testSourceUrl(system, withDatabase(ctx.databaseUrl, ref.database), true);
    case 'url': {
      const typed = (ref as { password?: string }).password;
      const split = splitPassword(ref.url);
      const password = typed || split.password || (await ctx.credentials.get(SOURCE_KEY[system]));
      return testSourceUrl(system, withPassword(split.url, password), ref.tls === 'off');
    }
  }
}

async function testWarehouseUrl(url: string): Promise<Outcome> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: TIMEOUT_MS, application_name: 'revops-workbench settings test' });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { rows } = await client.query<{ version: string; num: string; vector: string | null; installed: string | null }>(
      "SELECT current_setting('server_version') AS version, current_setting('server_version_num') AS num, (SELECT default_version FROM pg_available_extensions WHERE name = 'vector') AS vector, (SELECT extversion FROM pg_extension WHERE extname = 'vector') AS installed",
    );
    const r = rows[0]!;
    const details: Detail[] = [
      { label: 'Server', value: `PostgreSQL ${r.version}` },
      { label: 'pgvector', value: r.installed ? `${r.installed} (installed)` : r.vector ? `${r.vector} (available)` : 'not available' },
    ];
    const where = splitPassword(url).url.replace(/^postgres(ql)?:\/\//, '');
    if (Number(r.num) < 150000) return { ok: false, message: `PostgreSQL ${r.version} at ${where} is too old.`, hint: 'The warehouse needs PostgreSQL 15 or later.', details };
    if (!r.vector) return { ok: false, message: `Connected to ${where}, but pgvector is not installed on that server.`, hint: 'Install pgvector (scripts/setup-postgres.sh does it on Debian/Ubuntu) or use the embedded warehouse.', details };
    return { ok: true, message: `Connected to ${where}.`, hint: null, details };
  } catch (err) {
    return failure(err, url, 'warehouse');
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function testWarehouse(ctx: SettingsContext, input: WarehouseInput | undefined): Promise<Outcome> {
  const envUrl = input ? undefined : ctx.env.DATABASE_URL?.trim();
  if (envUrl) return testWarehouseUrl(envUrl);
  const ref = input ?? (await loadSettings(ctx.dataDir)).warehouse ?? { kind: 'embedded' as const };
  if (ref.kind === 'embedded') return { ok: true, message: 'The embedded warehouse (PGlite) lives in the data folder: nothing to connect to.', hint: null, details: [{ label: 'Folder', value: ctx.dataDir }] };
  const typed = (ref as { password?: string }).password;
  const split = splitPassword(ref.url);
  return testWarehouseUrl(withPassword(split.url, typed || split.password || (await ctx.credentials.get('warehouse'))));
}

export async function testConnection(ctx: SettingsContext, input: { target: ConnectionTarget; source?: SourceInput | undefined; warehouse?: WarehouseInput | undefined }): Promise<TestConnectionResult> {
  const started = performance.now();
  const outcome = input.target === 'warehouse' ? await testWarehouse(ctx, input.warehouse) : await testSource(ctx, input.target, input.source);
  return { target: input.target, ...outcome, ms: Math.round(performance.now() - started) };
}
