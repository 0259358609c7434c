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
import { runTransform } from '../transform';

export type PipelineOptions = {
  db: Db;
  dataDir: string;
  databaseUrl?: string | undefined;
  log: (line: string) => void;
  signal?: AbortSignal;
};

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
    readonly step: 'sync' | 'transform' | 'quality' | 'embed' | 'match' | 'decide',
    cause: unknown,
  ) {
    super(`${step} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'PipelineStepError';
  }
}

const written = (j: JobResult) => j.totals.inserted + j.totals.updated + j.totals.deleted;

async function step<T>(name: PipelineStepError['step'], run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw new PipelineStepError(name, err);
  }
}

export async function runPipeline(opts: PipelineOptions): Promise<PipelineResult> {
  const started = performance.now();
  const syncLog: SyncLog = (_level, message) => opts.log(message);
  const sync = await step('sync', () => runSync({ db: opts.db, dataDir: opts.dataDir, databaseUrl: opts.databaseUrl, systems: 'all', log: syncLog, signal: opts.signal }));
  const failed = sync.jobs.filter((j) => j.status !== 'succeeded').map((j) => j.system);
  if (sync.jobs.length > 0 && failed.length === sync.jobs.length) throw new PipelineStepError('sync', new Error(`every source failed (${failed.join(', ')}); see \`revops sync jobs\``));
  opts.signal?.throwIfAborted();
  const transform = await step('transform', () => runTransform({ db: opts.db, log: opts.log }));
  opts.signal?.throwIfAborted();
  const quality = await step('quality', () => runQuality({ db: opts.db, log: opts.log }));
  opts.signal?.throwIfAborted();
  const embed = await step('embed', () => runEmbed({ db: opts.db, log: opts.log, signal: opts.signal }));
  opts.signal?.throwIfAborted();
  const match = await step('match', () => runMatch({ db: opts.db, log: opts.log }));
  opts.signal?.throwIfAborted();
  const decide = await step('decide', async () => {
    const tenant = (await loadSettings(opts.dataDir).catch(() => null))?.tenant ?? 'default';
    return runDecide({ db: opts.db, asOf: (await resolveAsOf(opts.dataDir)).asOf, tenant, log: opts.log });
  });
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
