/**
 * The Sync screen's state: the per-table progress of the running sync (from `sync:progress`), the
 * "Sync & match" steps (from `pipeline:progress` and pipeline:status), and the job history (sync:jobs).
 * Events are subscribed once for the app's life, so a run started here keeps updating while the analyst
 * is on another screen. While a run is active the history is re-read every second: the run's end is
 * seen there (`running` becomes null), and the embedded warehouse answers it from memory meanwhile.
 */
import { create } from 'zustand';
import type { ContractError, EventPayload, PipelineProgress, PipelineStatus, SyncJobs, SyncTargetInput } from '../../../../app/contract';
import { host } from '../../host';
import type { Resource } from '../../state/resource';
import { errorOf, idle, loadResource } from '../../state/resource';

export type TableProgress = EventPayload<'sync:progress'> & { key: string };
type Mode = 'sync' | 'pipeline';

type SyncState = {
  jobs: Resource<SyncJobs>;
  /** Latest progress per job and table, for the run on screen. */
  tables: Record<string, TableProgress>;
  running: { mode: Mode; runId: string; target: SyncTargetInput | 'pipeline' } | null;
  pipeline: PipelineStatus['run'];
  /** The last start/cancel failure (e.g. sync_busy), shown above the buttons. */
  error: ContractError | null;
  cancelling: boolean;
  init(): Promise<void>;
  loadJobs(): Promise<void>;
  run(target: SyncTargetInput): Promise<void>;
  runPipeline(): Promise<void>;
  cancel(): Promise<void>;
};

let subscribed = false;
let poll: ReturnType<typeof setInterval> | null = null;

export const useSync = create<SyncState>((set, get) => {
  const stopPolling = () => {
    if (poll) clearInterval(poll);
    poll = null;
  };
  const startPolling = () => {
    stopPolling();
    poll = setInterval(() => void get().loadJobs(), 1000);
  };
  const finished = () => {
    stopPolling();
    set({ running: null, cancelling: false });
    void get().loadJobs();
  };
  const onPipeline = (p: PipelineProgress) => {
    const run = get().pipeline;
    const steps = run && run.runId === p.runId ? [...run.steps.filter((s) => s.step !== p.step), p] : [p];
    set({ pipeline: { runId: p.runId, running: !p.final, startedAt: run?.startedAt ?? new Date().toISOString(), finishedAt: p.final ? new Date().toISOString() : null, outcome: p.final ? (p.state === 'done' ? 'succeeded' : p.state === 'cancelled' ? 'cancelled' : 'failed') : 'running', error: p.state === 'failed' ? p.message : null, steps } });
    if (p.final && get().running?.runId === p.runId) finished();
  };

  return {
    jobs: idle(),
    tables: {},
    running: null,
    pipeline: null,
    error: null,
    cancelling: false,
    async init() {
      if (!subscribed) {
        subscribed = true;
        host().on('sync:progress', (p) => {
          const key = `${p.jobId}:${p.table}`;
          set((s) => ({ tables: { ...s.tables, [key]: { ...p, key } } }));
        });
        host().on('pipeline:progress', onPipeline);
      }
      await get().loadJobs();
      const status = await host().invoke('pipeline:status').catch(() => null);
      if (status?.run) {
        set({ pipeline: status.run });
        if (status.run.running && !get().running) {
          set({ running: { mode: 'pipeline', runId: status.run.runId, target: 'pipeline' } });
          startPolling();
        }
      }
      const syncRun = get().jobs.data?.running;
      if (syncRun && !get().running) {
        set({ running: { mode: 'sync', runId: syncRun.runId, target: 'all' } });
        startPolling();
      }
    },
    async loadJobs() {
      await loadResource(get().jobs, (jobs) => set({ jobs }), () => host().invoke('sync:jobs', { limit: 30 }));
      const r = get().running;
      if (r?.mode === 'sync' && get().jobs.state === 'ready' && get().jobs.data?.running?.runId !== r.runId) finished();
      if (r?.mode === 'pipeline') {
        // The final pipeline:progress may have been missed (socket reconnecting): the status says it too.
        const status = await host().invoke('pipeline:status').catch(() => null);
        if (status?.run?.runId === r.runId && !status.run.running) {
          set({ pipeline: status.run });
          finished();
        }
      }
    },
    async run(target) {
      set({ error: null, tables: {} });
      try {
        const { runId } = await host().invoke('sync:run', { target });
        set({ running: { mode: 'sync', runId, target } });
        startPolling();
      } catch (err) {
        set({ error: errorOf(err) });
      }
    },
    async runPipeline() {
      set({ error: null, tables: {}, pipeline: null });
      try {
        const { runId } = await host().invoke('pipeline:run');
        set({ running: { mode: 'pipeline', runId, target: 'pipeline' } });
        startPolling();
      } catch (err) {
        set({ error: errorOf(err) });
      }
    },
    async cancel() {
      const r = get().running;
      if (!r) return;
      set({ cancelling: true });
      try {
        if (r.mode === 'sync') await host().invoke('sync:cancel', { runId: r.runId });
        else await host().invoke('pipeline:cancel', { runId: r.runId });
      } catch (err) {
        set({ error: errorOf(err) });
      }
      finished();
    },
  };
});
