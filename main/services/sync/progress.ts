/**
 * Per-table progress of a job as `sync:progress` payloads: rows done, total when known, rows/s and ETA.
 * Throttled: at most one 'copying' update per table every PROGRESS_INTERVAL_MS; phase changes always go out.
 */
import type { SourceSystem, SyncProgress } from './types';

export const PROGRESS_INTERVAL_MS = 250;

export class ProgressTracker {
  attempt = 1;
  private readonly started = performance.now();
  private tables: string[] = [];
  private tableStarted = performance.now();
  private lastEmit = 0;

  constructor(
    private readonly jobId: string,
    private readonly source: SourceSystem,
    private readonly emit: ((p: SyncProgress) => void) | undefined,
  ) {}

  elapsedMs(): number {
    return performance.now() - this.started;
  }

  plan(tables: string[]): void {
    this.tables = tables;
  }

  private send(table: string, phase: SyncProgress['phase'], rowsDone: number, rowsTotal: number | null): void {
    if (!this.emit) return;
    const seconds = (performance.now() - this.tableStarted) / 1000;
    const rate = seconds > 0 ? rowsDone / seconds : 0;
    const eta = rowsTotal !== null && rate > 0 && phase === 'copying' ? Math.max(0, (rowsTotal - rowsDone) / rate) : phase === 'done' ? 0 : null;
    this.emit({
      jobId: this.jobId,
      source: this.source,
      table,
      phase,
      rowsDone,
      rowsTotal,
      rowsPerSecond: Math.round(rate),
      etaSeconds: eta === null ? null : Math.round(eta * 10) / 10,
      tableIndex: Math.max(0, this.tables.indexOf(table)),
      tableCount: this.tables.length,
      attempt: this.attempt,
    });
  }

  start(table: string): void {
    this.tableStarted = performance.now();
    this.lastEmit = 0;
    this.current = table;
    this.send(table, 'copying', 0, null);
  }

  private current = '';

  rows(table: string, done: number, total: number | null, phase: 'copying' | 'merging'): void {
    const now = performance.now();
    if (phase === 'copying' && now - this.lastEmit < PROGRESS_INTERVAL_MS) return;
    this.lastEmit = now;
    this.send(table, phase, done, total);
  }

  done(table: string, rows: number): void {
    this.send(table, 'done', rows, rows);
  }

  fail(status: 'failed' | 'cancelled'): void {
    if (this.current) this.send(this.current, status, 0, null);
  }
}
