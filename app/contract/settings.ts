/**
 * Shapes of the settings channels: settings:get, settings:set, settings:test-connection, model:detect.
 *
 * Invariants:
 * - No secret ever travels main → renderer: the view says only whether a password is stored
 *   (`hasPassword`), never the password. Passwords travel renderer → main once, in settings:set or
 *   settings:test-connection, and main puts them in the credential store (OS keychain in the desktop app,
 *   memory only in browser mode), never in settings.json or a log.
 * - A URL typed with a password in it (`postgres://u:pw@h/db`) is accepted: main moves the password to the
 *   credential store and keeps the URL without it.
 * - settings:test-connection answers failures as `ok: false` with a message and a hint (what to do), not as
 *   a contract error: a failed test is a result, not a broken call.
 * - Paths are absolute paths on the machine running main (the model folder is read by main's worker).
 */
import { z } from 'zod';

export const tenantNameSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'lower-case letters, digits, - and _');

const pgUrl = z
  .string()
  .trim()
  .min(1, 'enter a postgres:// URL')
  .refine((v) => /^postgres(ql)?:\/\/[^\s]+$/.test(v), 'must start with postgres:// (e.g. postgres://reader@crm.example.com:5432/odoo)');

/** What the form sends for one source: the password is optional (undefined = keep the stored one, '' = forget it). */
export const sourceInputSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('demo-embedded') }),
  z.strictObject({ kind: z.literal('demo-server'), database: z.string().trim().min(1, 'name the demo database') }),
  z.strictObject({ kind: z.literal('url'), url: pgUrl, tls: z.enum(['require', 'off']).optional(), password: z.string().max(1000).optional() }),
]);
export type SourceInput = z.infer<typeof sourceInputSchema>;

export const warehouseInputSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('embedded') }),
  z.strictObject({ kind: z.literal('url'), url: pgUrl, password: z.string().max(1000).optional() }),
]);
export type WarehouseInput = z.infer<typeof warehouseInputSchema>;

export const modelDirSchema = z
  .string()
  .trim()
  .min(1)
  .max(4096)
  .refine((v) => /^([a-zA-Z]:[\\/]|\/|\\\\)/.test(v), 'must be an absolute path (e.g. /home/me/models/bge-m3)');

export const settingsSetInputSchema = z.strictObject({
  sources: z.strictObject({ odoo: sourceInputSchema.nullable().optional(), apn: sourceInputSchema.nullable().optional() }).optional(),
  warehouse: warehouseInputSchema.optional(),
  /** null = back to the default (BGE_M3_DIR, else resources/models/bge-m3). */
  modelDir: modelDirSchema.nullable().optional(),
  tenant: tenantNameSchema.optional(),
});
export type SettingsSetInput = z.infer<typeof settingsSetInputSchema>;

const sourceViewSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('demo-embedded') }),
  z.object({ kind: z.literal('demo-server'), database: z.string() }),
  z.object({ kind: z.literal('url'), url: z.string(), tls: z.enum(['require', 'off']).optional(), hasPassword: z.boolean() }),
]);

export const settingsViewSchema = z.object({
  sources: z.object({ odoo: sourceViewSchema.nullable(), apn: sourceViewSchema.nullable() }),
  warehouse: z.discriminatedUnion('kind', [z.object({ kind: z.literal('embedded') }), z.object({ kind: z.literal('url'), url: z.string(), hasPassword: z.boolean() })]),
  modelDir: z.string().nullable(),
  tenant: z.string(),
  /** Rule sets the tenant can be: 'default' (rules/pod.yaml) and every rules/tenants/<name>.yaml. */
  tenants: z.array(z.string()),
  /** Where passwords live: the OS keychain (desktop) or this process's memory (browser mode, lost on restart). */
  credentialStore: z.enum(['keychain', 'memory']),
  /** Environment variables that win over these settings (ODOO_DATABASE_URL, APN_DATABASE_URL, DATABASE_URL). */
  overriddenByEnv: z.array(z.enum(['odoo', 'apn', 'warehouse'])),
  /** The warehouse in settings differs from the one this process opened: it applies at the next start. */
  restartRequired: z.boolean(),
  /** The settings file, for the user to find it. */
  file: z.string(),
});
export type SettingsView = z.infer<typeof settingsViewSchema>;

export const connectionTargetSchema = z.enum(['odoo', 'apn', 'warehouse']);
export type ConnectionTarget = z.infer<typeof connectionTargetSchema>;

/** Tests what the form holds (saved or not): `source`/`warehouse` given → that; absent → the saved settings. */
export const testConnectionInputSchema = z.strictObject({
  target: connectionTargetSchema,
  source: sourceInputSchema.optional(),
  warehouse: warehouseInputSchema.optional(),
});

export const testConnectionOutputSchema = z.object({
  target: connectionTargetSchema,
  ok: z.boolean(),
  /** One line: what works, or what failed (host and port, never a password). */
  message: z.string(),
  /** What to do about a failure. */
  hint: z.string().nullable(),
  /** Facts found on success, e.g. server version, tables in public, pgvector. */
  details: z.array(z.object({ label: z.string(), value: z.string() })),
  ms: z.number().int().nonnegative(),
});
export type TestConnectionResult = z.infer<typeof testConnectionOutputSchema>;

export const modelDetectInputSchema = z
  .strictObject({ modelDir: modelDirSchema.optional(), provider: z.enum(['cuda', 'cpu']).optional() })
  .optional()
  .transform((v) => ({ modelDir: v?.modelDir, provider: v?.provider ?? 'cuda' }));

export const modelDetectOutputSchema = z.object({
  modelDir: z.string(),
  /** Where the folder came from: the input, settings, BGE_M3_DIR or the default folder. */
  from: z.enum(['input', 'settings', 'BGE_M3_DIR', 'default']),
  /** files: the export is there; loaded: the worker loaded it; missing / failed: see message. */
  status: z.enum(['missing', 'failed', 'loaded']),
  message: z.string(),
  /** The provider the worker actually uses, null when it did not load. */
  provider: z.enum(['cuda', 'cpu']).nullable(),
  requestedProvider: z.enum(['cuda', 'cpu']),
  /** Why it is not CUDA (no GPU, no CUDA libraries …), null when it is what was asked. */
  fallbackReason: z.string().nullable(),
  dims: z.number().int().nullable(),
  heads: z.array(z.string()),
  loadMs: z.number().int().nullable(),
  /** Before any model loads: the provider this machine can offer and why (CUDA libraries, NVIDIA driver). */
  expected: z.object({ provider: z.enum(['cuda', 'cpu']), reason: z.string() }),
});
export type ModelDetect = z.infer<typeof modelDetectOutputSchema>;

/** The desktop app's native folder dialog; browser mode has none (the field is typed). */
export const pickFolderInputSchema = z
  .strictObject({ title: z.string().max(200).optional() })
  .optional()
  .transform((v) => ({ title: v?.title ?? 'Choose a folder' }));
export const pickFolderOutputSchema = z.object({ path: z.string().nullable() });
