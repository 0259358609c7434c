/**
 * Connection errors a user can act on, described in ONE line that names host and port and never
 * contains a password (the URL's password is redacted from every message we build or pass through).
 */

export class WarehouseUnavailableError extends Error {
  override readonly name = 'WarehouseUnavailableError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

type Target = { hostPort: string; user: string; database: string; password: string };

/** `postgres://user:***@host:5432/db` — the password (also a `password=` query parameter) replaced by ***. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    if (u.searchParams.has('password')) u.searchParams.set('password', '***');
    return u.toString().replace('password=%2A%2A%2A', 'password=***');
  } catch {
    // Not parseable as a URL: still never echo what looks like a password.
    return url.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@').replace(/password=[^&\s]*/gi, 'password=***');
  }
}

/** `postgres://user@host:5432/db` for display (Db.description): the password left out entirely. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    return redactUrl(u.toString());
  } catch {
    return redactUrl(url);
  }
}

function target(url: string): Target {
  try {
    const u = new URL(url);
    const socket = u.searchParams.get('host');
    const host = u.hostname || socket || 'localhost';
    const port = u.port || u.searchParams.get('port') || '5432';
    return {
      hostPort: host.startsWith('/') ? `${host} (socket, port ${port})` : `${host}:${port}`,
      user: decodeURIComponent(u.username) || '(default user)',
      database: decodeURIComponent(u.pathname.replace(/^\//, '')) || '(default database)',
      password: decodeURIComponent(u.password) || (u.searchParams.get('password') ?? ''),
    };
  } catch {
    return { hostPort: redactUrl(url), user: '(unknown user)', database: '(unknown database)', password: '' };
  }
}

function errorCode(err: unknown): string {
  const e = err as { code?: unknown; errors?: unknown[] } | null;
  if (e && typeof e.code === 'string') return e.code;
  // Node's happy-eyeballs connect throws an AggregateError (one error per address tried).
  const inner = e?.errors?.find((x) => typeof (x as { code?: unknown })?.code === 'string') as { code: string } | undefined;
  return inner?.code ?? '';
}

function errorMessage(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length > 0) return errorMessage(err.errors[0]);
  return err instanceof Error ? err.message : String(err);
}

const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'EPROTO',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);

/** One line: what failed (host:port, never the password) and what to try. */
export function describeConnectionError(err: unknown, url: string): string {
  const t = target(url);
  const code = errorCode(err);
  let msg = errorMessage(err).replace(/\s+/g, ' ').trim();
  if (t.password) msg = msg.split(t.password).join('***');
  const at = `PostgreSQL at ${t.hostPort}`;
  const check = 'Check DATABASE_URL';
  if (code === 'ECONNREFUSED') {
    return `Cannot reach ${at} (connection refused). Is the server running? ${check} or run scripts/setup-postgres.sh.`;
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') {
    return `Cannot resolve the host of ${at} (DNS lookup failed: ${code}). ${check}: is the host name right?`;
  }
  if (code === 'ETIMEDOUT' || /timeout/i.test(msg)) {
    return `Timed out connecting to ${at}. Is the host right and the port open (firewall, VPN)? ${check}.`;
  }
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
    return `Cannot reach ${at} (${code === 'EHOSTUNREACH' ? 'host' : 'network'} unreachable). Check the network/VPN and DATABASE_URL.`;
  }
  if (code === '28P01') {
    return `${at} rejected the password for user "${t.user}". ${check}: user and password.`;
  }
  if (code === '28000') {
    return `${at} refused user "${t.user}": ${msg}. Check the user in DATABASE_URL and the server's pg_hba.conf.`;
  }
  if (code === '3D000') {
    return `Database "${t.database}" does not exist on ${at}. Create it (createdb ${t.database}) or fix the database name in DATABASE_URL.`;
  }
  if (code === '53300') return `${at} has too many connections. Close other clients or raise max_connections.`;
  if (code === '57P03') return `${at} is starting up or shutting down. Try again in a moment.`;
  if (TLS_CODES.has(code) || /\b(ssl|tls|certificate)\b/i.test(msg)) {
    return `TLS problem connecting to ${at}: ${msg}. Adjust sslmode in DATABASE_URL (e.g. sslmode=require or sslmode=disable) or trust the server's CA.`;
  }
  if (code === 'ECONNRESET' || /terminated unexpectedly/i.test(msg)) {
    return `${at} closed the connection during start-up (${msg}). Is this port a PostgreSQL server, and does it expect SSL (sslmode in DATABASE_URL)?`;
  }
  return `Cannot connect to ${at}: ${msg}${code ? ` (${code})` : ''}. ${check}.`;
}
