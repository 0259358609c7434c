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
