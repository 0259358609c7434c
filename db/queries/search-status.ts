/**
 * Is the semantic signal on? What the matcher asks before it uses embeddings, and what the UI shows
 * ("semantic signal off" and why).
 *
 * On when the newest embed run that finished did not report a missing model, a model has produced vectors,
 * and both ACE and Odoo opportunities have identity vectors. Stale texts (changed since) keep it on, but the
 * reason says how many and what to run.
 */
import type { Queryable } from '../types';
import { textCoverage } from './embed';
import type { EmbedEntity, EmbedKind } from './search';

export type SemanticSignalStatus = {
  on: boolean;
  /** One line for the analyst: why off, or what is embedded. */
  reason: string;
  modelId: string | null;
  dim: number | null;
  sparse: boolean;
  provider: string | null;
  fallbackReason: string | null;
  coverage: { entity: EmbedEntity; kind: EmbedKind; total: number; embedded: number }[];
  lastRun: { runId: string; status: string; startedAt: Date; finishedAt: Date | null; message: string | null } | null;
};

type RunRow = { run_id: string; status: string; started_at: Date; finished_at: Date | null; message: string | null; model_id: string | null; provider: string | null; fallback_reason: string | null };

const NEVER = 'Embeddings were never computed: put a BGE-M3 ONNX export in resources/models/bge-m3 (or set BGE_M3_DIR) and run `revops embed`.';

export async function semanticSignalStatus(db: Queryable): Promise<SemanticSignalStatus> {
  const runs = await db.query<RunRow>(
    `SELECT run_id, status, started_at, finished_at, message, model_id, provider, fallback_reason FROM ops.embed_runs
      WHERE status <> 'running' ORDER BY started_at DESC LIMIT 1`,
  );
  const last = runs.rows[0] ?? null;
  const lastRun = last ? { runId: last.run_id, status: last.status, startedAt: last.started_at, finishedAt: last.finished_at, message: last.message } : null;
  const off = (reason: string): SemanticSignalStatus => ({ on: false, reason, modelId: null, dim: null, sparse: false, provider: null, fallbackReason: null, coverage: [], lastRun });
  if (!last) return off(NEVER);
  if (last.status === 'no_model') return off(last.message ?? NEVER);

  // The model of the newest run that embedded something, else of the newest run that named one.
  const model = await db.query<{ model_id: string; dim: number; has_sparse: boolean; provider: string | null; fallback_reason: string | null }>(
    `SELECT m.model_id, m.dim, m.has_sparse, r.provider, r.fallback_reason FROM ops.embed_runs r JOIN search.embedding_models m USING (model_id)
      WHERE r.status <> 'running' ORDER BY (r.status = 'done') DESC, r.started_at DESC LIMIT 1`,
  );
  const m = model.rows[0];
  if (!m) return off(`The last embed run ${last.status}${last.message ? `: ${last.message}` : ''}; no vectors yet.`);
  const coverage = (await textCoverage(db, m.model_id)).map((c) => ({ entity: c.entity, kind: c.kind, total: c.total, embedded: c.total - c.pending }));
  const of = (entity: EmbedEntity) => coverage.find((c) => c.entity === entity && c.kind === 'identity') ?? { total: 0, embedded: 0 };
  const ace = of('ace_opportunity');
  const odoo = of('odoo_opportunity');
  const base = { modelId: m.model_id, dim: m.dim, sparse: m.has_sparse, provider: m.provider, fallbackReason: m.fallback_reason, coverage, lastRun };
  if (ace.embedded === 0 || odoo.embedded === 0) {
    return { ...base, on: false, reason: `No up-to-date opportunity vectors for model ${m.model_id} (ACE ${ace.embedded}/${ace.total}, Odoo ${odoo.embedded}/${odoo.total}): run \`revops embed\`.` };
  }
  const stale = coverage.reduce((n, c) => n + c.total - c.embedded, 0);
  const notes = [
    stale > 0 ? `${stale} texts changed since the last embed (run \`revops embed\`)` : null,
    last.status !== 'done' ? `the last embed run ${last.status}` : null,
  ].filter(Boolean);
  return {
    ...base,
    on: true,
    reason: `Model ${m.model_id} (${m.dim} dims${m.has_sparse ? ', sparse' : ''}): ACE ${ace.embedded}/${ace.total}, Odoo ${odoo.embedded}/${odoo.total} opportunity identities embedded${notes.length ? `; ${notes.join('; ')}` : ''}.`,
  };
}
