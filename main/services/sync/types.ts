/**
 * Shapes shared by the sync modules. A run (`revops sync all`, one UI click) is a sequence of jobs, one per
 * source and scope; each job reads ONE consistent snapshot of its source and applies ALL its changes to
 * raw in ONE warehouse transaction (so a failed, cancelled or killed job changes nothing).
 */
import type { EventPayload } from '../../../app/contract';

export type SourceSystem = 'odoo' | 'apn';
/** What the user asked for: one source, the billing tables only, or everything. */
export type SyncTarget = 'odoo' | 'apn' | 'billing' | 'all';
export type SyncScope = 'all' | 'billing';
export type JobStatus = 'running' | 'succeeded' | 'failed' | 'cancelled';
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type SyncLog = (level: LogLevel, message: string) => void;
export type SyncProgress = EventPayload<'sync:progress'>;

/** One planned job: which source, which tables. */
export type JobPlan = { system: SourceSystem; scope: SyncScope };

export function planJobs(target: SyncTarget): JobPlan[] {
  switch (target) {
    case 'odoo':
      return [{ system: 'odoo', scope: 'all' }];
    case 'apn':
      return [{ system: 'apn', scope: 'all' }];
    case 'billing':
      return [{ system: 'odoo', scope: 'billing' }];
    case 'all':
      return [
        { system: 'odoo', scope: 'all' },
        { system: 'apn', scope: 'all' },
      ];
  }
}

export type TableCounts = { rowsRead: number; inserted: number; updated: number; deleted: number; failed: number };

export type TableResult = TableCounts & {
  sourceTable: string;
  rawTable: string;
  /** full | incremental | unchanged | replace */
  mode: 'full' | 'incremental' | 'unchanged' | 'replace';
  durationMs: number;
};

export type JobResult = {
  jobId: string;
  runId: string;
  system: SourceSystem;
  scope: SyncScope;
  jobType: 'full' | 'incremental';
  status: Exclude<JobStatus, 'running'>;
  attempts: number;
  durationMs: number;
  totals: TableCounts;
  tables: TableResult[];
  warnings: string[];
  /** One redacted line when the job did not succeed. */
  error: string | null;
  source: string | null;
};

export function emptyCounts(): TableCounts {
  return { rowsRead: 0, inserted: 0, updated: 0, deleted: 0, failed: 0 };
}

export function addCounts(a: TableCounts, b: TableCounts): TableCounts {
  return { rowsRead: a.rowsRead + b.rowsRead, inserted: a.inserted + b.inserted, updated: a.updated + b.updated, deleted: a.deleted + b.deleted, failed: a.failed + b.failed };
}
