/**
 * The Settings form's editable copy, and its conversion to settings:set input. Passwords are write-only:
 * the form starts with empty password fields (the view only says whether one is stored) and an empty
 * field means "keep the stored one".
 */
import type { SettingsSetInput, SettingsView, SourceInput, WarehouseInput } from '../../../../app/contract';
import { modelDirSchema, sourceInputSchema, warehouseInputSchema } from '../../../../app/contract';

export type SourceKind = 'none' | 'demo-embedded' | 'demo-server' | 'url';
export type SourceDraft = { kind: SourceKind; database: string; url: string; password: string; tlsOff: boolean; hasPassword: boolean };
export type WarehouseDraft = { kind: 'embedded' | 'url'; url: string; password: string; hasPassword: boolean };
export type Draft = { odoo: SourceDraft; apn: SourceDraft; warehouse: WarehouseDraft; modelDir: string; tenant: string };

function sourceDraft(v: SettingsView['sources']['odoo']): SourceDraft {
  const base = { database: '', url: '', password: '', tlsOff: false, hasPassword: false };
  if (v === null) return { kind: 'none', ...base };
  if (v.kind === 'demo-server') return { ...base, kind: v.kind, database: v.database };
  if (v.kind === 'url') return { ...base, kind: 'url', url: v.url, tlsOff: v.tls === 'off', hasPassword: v.hasPassword };
  return { ...base, kind: v.kind };
}

export function draftOf(v: SettingsView): Draft {
  return {
    odoo: sourceDraft(v.sources.odoo),
    apn: sourceDraft(v.sources.apn),
    warehouse: v.warehouse.kind === 'url' ? { kind: 'url', url: v.warehouse.url, password: '', hasPassword: v.warehouse.hasPassword } : { kind: 'embedded', url: '', password: '', hasPassword: false },
    modelDir: v.modelDir ?? '',
    tenant: v.tenant,
  };
}

export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

const firstIssue = (e: { issues: { path: PropertyKey[]; message: string }[] }) => e.issues[0]?.message ?? 'invalid';

export function sourceInputOf(d: SourceDraft): Checked<SourceInput | null> {
  if (d.kind === 'none') return { ok: true, value: null };
  const raw =
    d.kind === 'url'
      ? { kind: 'url', url: d.url, ...(d.tlsOff ? { tls: 'off' } : {}), ...(d.password ? { password: d.password } : {}) }
      : d.kind === 'demo-server'
        ? { kind: 'demo-server', database: d.database }
        : { kind: d.kind };
  const parsed = sourceInputSchema.safeParse(raw);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: firstIssue(parsed.error) };
}

export function warehouseInputOf(d: WarehouseDraft): Checked<WarehouseInput> {
  const raw = d.kind === 'url' ? { kind: 'url', url: d.url, ...(d.password ? { password: d.password } : {}) } : { kind: 'embedded' };
  const parsed = warehouseInputSchema.safeParse(raw);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, error: firstIssue(parsed.error) };
}

export function modelDirError(dir: string): string | null {
  if (!dir.trim()) return null;
  const parsed = modelDirSchema.safeParse(dir);
  return parsed.success ? null : firstIssue(parsed.error);
}

/** The whole form as settings:set input, or the field errors that stop it. */
export function inputOf(d: Draft): { input: SettingsSetInput | null; errors: Partial<Record<'odoo' | 'apn' | 'warehouse' | 'modelDir', string>> } {
  const odoo = sourceInputOf(d.odoo);
  const apn = sourceInputOf(d.apn);
  const warehouse = warehouseInputOf(d.warehouse);
  const modelErr = modelDirError(d.modelDir);
  const errors: Partial<Record<'odoo' | 'apn' | 'warehouse' | 'modelDir', string>> = {};
  if (!odoo.ok) errors.odoo = odoo.error;
  if (!apn.ok) errors.apn = apn.error;
  if (!warehouse.ok) errors.warehouse = warehouse.error;
  if (modelErr) errors.modelDir = modelErr;
  if (!odoo.ok || !apn.ok || !warehouse.ok || modelErr) return { input: null, errors };
  return { input: { sources: { odoo: odoo.value, apn: apn.value }, warehouse: warehouse.value, modelDir: d.modelDir.trim() || null, tenant: d.tenant }, errors };
}
