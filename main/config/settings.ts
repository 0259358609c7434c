/**
 * User settings kept in `<dataDir>/settings.json`.
 * Invariant: no secret is ever stored here. Server URLs are kept without their password; passwords come
 * from the environment (DATABASE_URL, ODOO_DATABASE_URL, APN_DATABASE_URL) or, in the desktop app, the OS
 * keychain (issue 6).
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';

const sourceRef = z.discriminatedUnion('kind', [
  /** The generated demo source databases (embedded PGlite under the data folder, served on loopback when needed). */
  z.object({ kind: z.literal('demo-embedded') }),
  /** Generated demo sources on the warehouse's PostgreSQL server, by database name. */
  z.object({ kind: z.literal('demo-server'), database: z.string().min(1) }),
  /**
   * A real source: URL without password. A remote (non-loopback) source is read over TLS; `tls: 'off'`
   * is the user's explicit choice to allow a plain connection (trusted network), see main/services/sync.
   */
  z.object({ kind: z.literal('url'), url: z.string().url(), tls: z.enum(['require', 'off']).optional() }),
]);

export const settingsSchema = z.object({
  version: z.literal(1),
  sources: z.object({ odoo: sourceRef.nullable(), apn: sourceRef.nullable() }),
  tenant: z.string().min(1),
  /** The warehouse (issue 6): embedded PGlite (default) or a server URL without password; DATABASE_URL wins. */
  warehouse: z.discriminatedUnion('kind', [z.object({ kind: z.literal('embedded') }), z.object({ kind: z.literal('url'), url: z.string().url() })]).optional(),
  /** The BGE-M3 export folder (issue 6); absent = BGE_M3_DIR, else resources/models/bge-m3. */
  modelDir: z.string().min(1).optional(),
});

export type SourceRef = z.infer<typeof sourceRef>;
export type WarehouseRef = NonNullable<z.infer<typeof settingsSchema>['warehouse']>;
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = { version: 1, sources: { odoo: null, apn: null }, tenant: 'default' };

export const settingsFileOf = (dataDir: string) => join(dataDir, 'settings.json');
const fileOf = (dataDir: string) => join(dataDir, 'settings.json');

export async function loadSettings(dataDir: string): Promise<Settings> {
  let text: string;
  try {
    text = await readFile(fileOf(dataDir), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return structuredClone(DEFAULT_SETTINGS);
    throw err;
  }
  const parsed = settingsSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new Error(`Settings file ${fileOf(dataDir)} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}. Fix or delete it.`);
  }
  return parsed.data;
}

/** Writes atomically (temp file + rename) so a crash never leaves half a settings file. */
export async function saveSettings(dataDir: string, settings: Settings): Promise<void> {
  const valid = settingsSchema.parse(settings);
  const file = fileOf(dataDir);
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(valid, null, 2) + '\n', 'utf8');
  await rename(tmp, file);
}

export async function updateSettings(dataDir: string, change: (s: Settings) => Settings): Promise<Settings> {
  const next = change(await loadSettings(dataDir));
  await saveSettings(dataDir, next);
  return next;
}
