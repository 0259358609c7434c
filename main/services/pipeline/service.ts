/**
 * The pipeline channels' services (pipeline:run, pipeline:cancel, pipeline:status): "Sync & match" from the
 * UI. One run at a time per runtime, in the background; each step's start and end is pushed as a
 * `pipeline:progress` event and kept for pipeline:status (a screen opened mid-run catches up from it).
 */
import { randomUUID } from 'node:crypto';
import type { PipelineProgress, PipelineStatus } from '../../../app/contract';
import { HostError } from '../../../app/contract';
import { redactSecrets } from '../../../app/redact';
import type { Db } from '../../../db/types';
import type { SyncProgress } from '../sync';
import type { PipelineOptions, StepEvent } from './index';
import { runPipeline } from './index';

export type PipelineServiceDeps = {
  dataDir: string;
  databaseUrl: string | undefined;
  warehouse: () => Promise<Db>;
  emit: (p: PipelineProgress) => void;
  emitSyncProgress: (p: SyncProgress) => void;
  log: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** Per run: source env with stored passwords, the worker spawner and the model folder. */
  runOptions?: () => Promise<Pick<PipelineOptions, 'env' | 'spawn' | 'modelDir'>>;
};

type Run = NonNullable<PipelineStatus['run']> & { controller: AbortController; done: Promise<void> };

export function createPipelineService(deps: PipelineServiceDeps) {
  let current: Run | null = null;
  let last: Run | null = null;

  const view = (r: Run): NonNullable<PipelineStatus['run']> => ({
    runId: r.runId, running: r.running, startedAt: r.startedAt, finishedAt: r.finishedAt, outcome: r.outcome, error: r.error, steps: [...r.steps],
  });

  function record(run: Run, e: Omit<PipelineProgress, 'runId'>): void {
    const p: PipelineProgress = { runId: run.runId, ...e, message: e.message === null ? null : redactSecrets(e.message) };
    const i = run.steps.findIndex((s) => s.step === p.step);
    if (i >= 0) run.steps[i] = p;
    else run.steps.push(p);
    deps.emit(p);
  }

  async function execute(run: Run): Promise<void> {
    let lastStep: StepEvent['step'] = 'sync';
    try {
      const db = await deps.warehouse();
      const extra = (await deps.runOptions?.()) ?? {};
      await runPipeline({
        db,
        dataDir: deps.dataDir,
        databaseUrl: deps.databaseUrl,
        signal: run.controller.signal,
        log: (line) => deps.log('info', line),
        onSyncProgress: deps.emitSyncProgress,
        onStep: (e) => {
          lastStep = e.step;
          // A failure becomes the run's final event below (with the run's outcome).
          if (e.state === 'failed') return;
          const last = e.step === 'decide' && e.state !== 'running';
          if (last) finish(run, 'succeeded', null);
          record(run, { ...e, final: last });
        },
        ...extra,
      });
    } catch (err) {
      const cancelled = run.controller.signal.aborted;
      finish(run, cancelled ? 'cancelled' : 'failed', cancelled ? null : redactSecrets((err as Error).message));
      record(run, { step: lastStep, state: cancelled ? 'cancelled' : 'failed', message: cancelled ? 'Cancelled; finished steps keep their results.' : run.error, ms: null, final: true });
      deps.log(cancelled ? 'warn' : 'error', `pipeline run ${run.runId} ${run.outcome}${run.error ? `: ${run.error}` : ''}`);
    } finally {
      if (run.running) finish(run, 'failed', 'The run ended without a result.');
    }
  }

  /** Before the final event goes out, so a listener asking pipeline:status on it sees the outcome. */
  function finish(run: Run, outcome: Run['outcome'], error: string | null): void {
    run.outcome = outcome;
    run.error = error;
    run.running = false;
    run.finishedAt = new Date().toISOString();
    if (current === run) current = null;
    last = run;
  }

  const channels = {
    'pipeline:run': async (): Promise<{ runId: string }> => {
      if (current) throw new HostError({ code: 'sync_busy', message: 'Sync & match is already running.', hint: 'Wait for it to finish or cancel it.' });
      const run: Run = {
        runId: randomUUID(), running: true, startedAt: new Date().toISOString(), finishedAt: null, outcome: 'running', error: null, steps: [],
        controller: new AbortController(), done: Promise.resolve(),
      };
      current = run;
      run.done = execute(run);
      deps.log('info', `pipeline run ${run.runId} started`);
      return { runId: run.runId };
    },
    'pipeline:cancel': async (input: { runId?: string }): Promise<{ cancelled: boolean }> => {
      const run = current;
      if (!run || (input.runId && input.runId !== run.runId)) return { cancelled: false };
      run.controller.abort();
      await run.done;
      return { cancelled: true };
    },
    'pipeline:status': async (): Promise<PipelineStatus> => {
      const r = current ?? last;
      return { run: r ? view(r) : null };
    },
  } as const;

  return {
    channels,
    async shutdown(): Promise<void> {
      const run = current;
      if (!run) return;
      run.controller.abort();
      await run.done;
    },
  };
}
