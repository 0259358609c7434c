/**
 * The whole pipeline in order, as `revops demo run` (and later the UI's "Sync & match") runs it:
 * sync all sources → transform raw → core → quality checks → embed (only with a model folder; without one
 * the semantic signal is off and matching runs on its other signals) → match → decide (POD rules of the
 * settings' tenant, as of today or the demo sources' day).
 *
 * Invariants:
 * - Steps run one after the other on one warehouse connection; a step that fails stops the run and is
 *   named in the error (earlier steps' results stay: each step is all-or-nothing on its own).
 * - A sync where one source failed still transforms what the other source brought (that is what the
 *   sync's per-source isolation is for), but the result says which source failed.
 */
import type { Db } from '../../../db/types';
import { runEmbed } from '../embed/embed';
import { runMatch } from '../match';
import { loadSettings } from '../../config/settings';
import { runDecide } from '../decide';
import { resolveAsOf } from '../decide/as-of';
import { runQuality } from '../quality';
import { runSync } from '../sync';
import type { JobResult, SyncLog } from '../sync';
import type { RunSyncOptions as SyncOptions } from '../sync';
import type { SpawnWorker } from '../embed/worker-transport';
import { runTransform } from '../transform';

export type PipelineOptions = {
  db: Db;
  dataDir: string;
  databaseUrl?: string | undefined;
  log: (line: string) => void;
  signal?: AbortSignal;
  /** Told when each step starts and ends (the UI's "Sync & match" progress). */
  onStep?: (e: StepEvent) => void;
  /** Per-table sync progress (the sync:progress events). */
  onSyncProgress?: SyncOptions['onProgress'];
  /** Source URLs with stored passwords (main/services/settings/secrets-env.ts); default process.env. */
  env?: Record<string, string | undefined>;
  /** How the embedding worker is started (a utilityProcess in the desktop app) and where the model is. */
  spawn?: SpawnWorker;
  modelDir?: string | undefined;
};

export type StepName = 'sync' | 'transform' | 'quality' | 'embed' | 'match' | 'decide';
export type StepEvent = { step: StepName; state: 'running' | 'done' | 'skipped' | 'failed'; message: string | null; ms: number | null };

export type PipelineResult = {
  sync: { ok: boolean; failed: string[]; rowsWritten: number };
  transform: { mode: string; rowsWritten: number };
  quality: { overallScore: number | null };
  embed: { status: string; textsEmbedded: number; message: string | null };
  match: { matched: number; review: number; noMatch: number; semantic: boolean };
  decide: { tenant: string; asOf: string; autoApprove: number; needsReview: number; autoReject: number; lastGoodRules: boolean };
  durationMs: number;
};

export class PipelineStepError extends Error {
  constructor(
    readonly step: StepName,
    cause: unknown,
  ) {
    super(`${step} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'PipelineStepError';
  }
}

const written = (j: JobResult) => j.totals.inserted + j.totals.updated + j.totals.deleted;

type StepSummary<T> = (result: T) => { message: string; skipped?: boolean };

function stepper(onStep: PipelineOptions['onStep']) {
  return async function step<T>(name: StepName, run: () => Promise<T>, summary?: StepSummary<T>): Promise<T> {
    const t0 = performance.now();
    const ms = () => Math.round(performance.now() - t0);
    onStep?.({ step: name, state: 'running', message: null, ms: null });
    try {
      const result = await run();
      const s = summary?.(result);
      onStep?.({ step: name, state: s?.skipped ? 'skipped' : 'done', message: s?.message ?? null, ms: ms() });
      return result;
    } catch (err) {
      const failed = err instanceof PipelineStepError ? err : new PipelineStepError(name, err);
      onStep?.({ step: name, state: 'failed', message: failed.message, ms: ms() });
      throw failed;
    }
  };
}

export async function runPipeline(opts: PipelineOptions): Promise<PipelineResult> {
  const started = performance.now();
  const step = stepper(opts.onStep);
  const syncLog: SyncLog = (_level, message) => opts.log(message);
  const sync = await step(
    'sync',
    async () => {
      const r = await runSync({ db: opts.db, dataDir: opts.dataDir, databaseUrl: opts.databaseUrl, systems: 'all', log: syncLog, signal: opts.signal, onProgress: opts.onSyncProgress, env: opts.env });
      const bad = r.jobs.filter((j) => j.status !== 'succeeded');
      if (r.jobs.length > 0 && bad.length === r.jobs.length) {
        throw new Error(`every source failed (${bad.map((j) => `${j.system}: ${j.error ?? j.status}`).join('; ')}); see the job history`);
      }
      return r;
    },
    (r) => ({ message: r.jobs.map((j) => `${j.system} ${j.status}${j.status === 'succeeded' ? ` (${written(j)} rows written)` : ''}`).join(', ') }),
  );
  const failed = sync.jobs.filter((j) => j.status !== 'succeeded').map((j) => j.system);
  opts.signal?.throwIfAborted();
  const transform = await step('transform', () => runTransform({ db: opts.db, log: opts.log }), (t) => ({ message: `${t.mode}, ${t.totals.inserted + t.totals.updated + t.totals.deleted} core rows written` }));
  opts.signal?.throwIfAborted();
  const quality = await step('quality', () => runQuality({ db: opts.db, log: opts.log }), (q) => ({ message: q.overallScore === null ? 'no score' : `score ${q.overallScore}` }));
  opts.signal?.throwIfAborted();
  const embed = await step(
    'embed',
    () => runEmbed({ db: opts.db, log: opts.log, signal: opts.signal, spawn: opts.spawn, modelDir: opts.modelDir, env: opts.env }),
    (e) => (e.status === 'no_model' ? { message: e.message ?? 'no model folder: semantic signal off', skipped: true } : { message: `${e.textsEmbedded} texts embedded` }),
  );
  opts.signal?.throwIfAborted();
  const match = await step('match', () => runMatch({ db: opts.db, log: opts.log }), (m) => ({ message: `${m.matched} matched, ${m.review} to review, ${m.noMatch} without match` }));
  opts.signal?.throwIfAborted();
  const decide = await step('decide', async () => {
    const tenant = (await loadSettings(opts.dataDir).catch(() => null))?.tenant ?? 'default';
    return runDecide({ db: opts.db, asOf: (await resolveAsOf(opts.dataDir)).asOf, tenant, log: opts.log });
  }, (d) => ({ message: `${d.autoApprove} approved, ${d.needsReview} to review, ${d.autoReject} rejected (tenant ${d.tenant})` }));
  return {
    sync: { ok: sync.ok, failed, rowsWritten: sync.jobs.reduce((n, j) => n + written(j), 0) },
    transform: { mode: transform.mode, rowsWritten: transform.totals.inserted + transform.totals.updated + transform.totals.deleted },
    quality: { overallScore: quality.overallScore },
    embed: { status: embed.status, textsEmbedded: embed.textsEmbedded, message: embed.message },
    match: { matched: match.matched, review: match.review, noMatch: match.noMatch, semantic: match.semantic.on },
    decide: { tenant: decide.tenant, asOf: decide.asOf, autoApprove: decide.autoApprove, needsReview: decide.needsReview, autoReject: decide.autoReject, lastGoodRules: decide.fallback !== null },
    durationMs: Math.round(performance.now() - started),
  };
}
