/**
 * Shapes of the foundation's status channels (app:info, warehouse:status, sources:status).
 *
 * Invariants:
 * - Every string here is safe to show and log: descriptions and URLs are already redacted by main.
 * - `engine` is known without opening the warehouse (it follows from DATABASE_URL being set or not).
 * - Row counts are exact per schema at the time of the call (fine at foundation scale; issue 6 may switch
 *   to estimates for the dashboard and must then say so in the shape).
 */
import { z } from 'zod';

export const engineSchema = z.enum(['pglite', 'postgres']);
export type Engine = z.infer<typeof engineSchema>;

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  engine: engineSchema,
  dataDir: z.string(),
  /** Which shell serves the contract: the Electron window, the headless host (browser mode) or the CLI. */
  shell: z.enum(['electron', 'headless', 'cli']),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

const count = z.number().int().nonnegative();

export const warehouseStatusSchema = z.object({
  engine: engineSchema,
  /** "pglite:/path" or "postgres://user@host:5432/db", never a password. */
  description: z.string(),
  /** Highest migration applied to this database. */
  schemaVersion: count,
  /** Highest migration this app version ships. */
  appSchemaVersion: count,
  extensions: z.array(z.object({ name: z.string(), version: z.string() })),
  schemas: z.array(z.object({ schema: z.string(), tables: count, rows: count })),
});
export type WarehouseStatus = z.infer<typeof warehouseStatusSchema>;

export const SOURCE_IDS = ['odoo', 'apn'] as const;
export const sourceIdSchema = z.enum(SOURCE_IDS);
export type SourceId = z.infer<typeof sourceIdSchema>;

export const sourceStatusSchema = z.object({
  id: sourceIdSchema,
  label: z.string(),
  /** How the source is configured in settings.json; null = not configured yet. */
  kind: z.enum(['demo-embedded', 'demo-server', 'url']).nullable(),
  /** Where it points, for display: a database name, a redacted URL or the embedded demo folder. */
  target: z.string().nullable(),
});
export type SourceStatus = z.infer<typeof sourceStatusSchema>;

export const sourcesStatusSchema = z.object({
  tenant: z.string(),
  sources: z.array(sourceStatusSchema),
  /** The generated demo sources for this data folder, or null when none were generated. */
  demo: z
    .object({
      scale: z.string(),
      seed: z.string(),
      asOf: z.string(),
      engine: engineSchema,
      /** Where they are: the embedded folder or the server database names. */
      location: z.string(),
    })
    .nullable(),
});
export type SourcesStatus = z.infer<typeof sourcesStatusSchema>;
