const integer = new Intl.NumberFormat('en-US');

export const formatCount = (n: number): string => integer.format(n);

/** The warehouse's schema version against the one this app ships, in words an analyst can act on. */
export function schemaVerdict(schemaVersion: number, appSchemaVersion: number): { tone: 'ok' | 'warn' | 'bad'; text: string } {
  if (schemaVersion === appSchemaVersion) return { tone: 'ok', text: 'Up to date' };
  if (schemaVersion < appSchemaVersion) return { tone: 'warn', text: `${appSchemaVersion - schemaVersion} migration(s) pending` };
  return { tone: 'bad', text: 'Migrated by a newer app' };
}

/** What each warehouse schema holds (architecture guide, "Data"). */
export const SCHEMA_PURPOSE: Record<string, string> = {
  raw: '1:1 mirror of the sources',
  core: 'Normalized entities',
  search: 'Embeddings and search indexes',
  ops: 'Sync jobs, quality, decisions, audit',
};

export const SCHEMA_ORDER = ['raw', 'core', 'search', 'ops'];

export function orderSchemas<T extends { schema: string }>(schemas: readonly T[]): T[] {
  const rank = (s: string) => (SCHEMA_ORDER.includes(s) ? SCHEMA_ORDER.indexOf(s) : SCHEMA_ORDER.length);
  return [...schemas].sort((a, b) => rank(a.schema) - rank(b.schema) || a.schema.localeCompare(b.schema));
}

const usd0 = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });

/** Whole units of a currency ("$12,340"); other currencies by code. */
export function formatMoney(amount: number, currency: string): string {
  if (currency === 'USD') return usd0.format(amount);
  return `${integer.format(Math.round(amount))} ${currency}`;
}

export const formatPercent = (share: number): string => `${Math.round(share * 1000) / 10}%`;

/** "3 min ago", "2 h ago", "5 days ago" — how old a time is, relative to `now`. */
export function formatAge(iso: string | null, now: number = Date.now()): string {
  if (!iso) return 'never';
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86_400) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86_400)} days ago`;
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return '–';
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}
