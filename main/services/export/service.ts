/**
 * The export:decisions channel for the handler registry. Where the file goes is main's choice, never the
 * renderer's: the desktop shell passes `chooseTarget` (a save dialog); without one (browser mode, tests)
 * the file goes to `<data folder>/exports/<fileName or a dated default name>`.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExportFormat, InvokeOutput, ParsedInput } from '../../../app/contract';
import type { Db } from '../../../db/types';
import { loadSettings } from '../../config/settings';
import { exportDecisions } from './index';

/** Asks the user where to save (suggested file name and format); null = cancelled. */
export type ExportTargetChooser = (suggestedName: string, format: ExportFormat) => Promise<string | null>;

export type ExportServiceDeps = { dataDir: string; warehouse: () => Promise<Db>; chooseTarget?: ExportTargetChooser | undefined };

export const exportsDir = (dataDir: string) => join(dataDir, 'exports');

/** pod-decisions-<tenant>-<YYYYMMDD-HHMMSS>.<ext> (UTC), sortable and safe on every file system. */
export function defaultExportName(tenant: string, format: ExportFormat, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `pod-decisions-${tenant}-${stamp}.${format}`;
}

export function createExportService(deps: ExportServiceDeps) {
  return {
    'export:decisions': async (input: ParsedInput<'export:decisions'>): Promise<InvokeOutput<'export:decisions'>> => {
      const tenant = input.tenant ?? (await loadSettings(deps.dataDir).catch(() => null))?.tenant ?? 'default';
      const name = input.fileName ?? defaultExportName(tenant, input.format);
      let out: string | null;
      if (deps.chooseTarget) out = await deps.chooseTarget(name, input.format);
      else {
        await mkdir(exportsDir(deps.dataDir), { recursive: true });
        out = join(exportsDir(deps.dataDir), name);
      }
      if (out === null) return { cancelled: true, path: null, format: input.format, tenant, rows: 0, sheets: [], bytes: 0, durationMs: 0 };
      const r = await exportDecisions({ db: await deps.warehouse(), out, tenant, states: input.status, format: input.format });
      return { cancelled: false, ...r };
    },
  };
}
