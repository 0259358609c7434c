/**
 * `revops embed` on both engines: the tiny demo sources synced and transformed for real, embedded by the real
 * worker (a child process) on a tiny random-weight BGE-M3-shaped model written at test time.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { openPglite } from '../../../db/pglite';
import { annCandidates } from '../../../db/queries/search';
import { semanticSignalStatus } from '../../../db/queries/search-status';
import { describeEngines } from '../../../db/testing';
import type { Db } from '../../../db/types';
import { writeTinyBgeM3 } from '../../../worker/testing/tiny-model';
import { demoSourcesDir } from '../demo-sources/location';
import { runSync } from '../sync';
import { syncTinyDemo } from '../sync/testing';
import { runTransform } from '../transform';
import { EmbedError, runEmbed, type EmbedProgress } from './embed';

const HIDDEN = 24;

const count = async (db: Db, q: string, p: unknown[] = []): Promise<number> => Number((await db.query<{ n: number }>(q, p)).rows[0]?.n);

/** Every core text as `entity:kind:id` → hash, the way the embedder keys them. */
async function coreHashes(db: Db): Promise<Map<string, string>> {
  const r = await db.query<{ k: string; h: string }>(`
    SELECT 'odoo_opportunity:' || kind || ':' || source_id AS k, h FROM core.odoo_opportunities, LATERAL (VALUES ('identity', identity_hash), ('context', context_hash)) v(kind, h)
    UNION ALL SELECT 'ace_opportunity:' || kind || ':' || source_id, h FROM core.ace_opportunities, LATERAL (VALUES ('identity', identity_hash), ('context', context_hash)) v(kind, h)
    UNION ALL SELECT source_system || '_company:' || kind || ':' || source_id, h FROM core.companies, LATERAL (VALUES ('identity', identity_hash), ('context', context_hash)) v(kind, h)
    UNION ALL SELECT 'aws_account:' || kind || ':' || account_id, h FROM core.aws_accounts, LATERAL (VALUES ('identity', identity_hash), ('context', context_hash)) v(kind, h)`);
  return new Map(r.rows.map((x) => [x.k, x.h]));
}

async function storedRows(db: Db, modelId: string): Promise<Map<string, { h: string; at: string }>> {
  const r = await db.query<{ k: string; h: string; at: string }>(
    "SELECT entity || ':' || kind || ':' || source_id AS k, text_hash AS h, embedded_at::text AS at FROM search.text_embeddings WHERE model_id = $1",
    [modelId],
  );
  return new Map(r.rows.map((x) => [x.k, { h: x.h, at: x.at }]));
}

describeEngines('revops embed', (getDb) => {
  let root: string;
  let dataDir: string;
  let modelDir: string;
  let modelId: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'revops-embed-'));
    dataDir = join(root, 'data');
    modelDir = join(root, 'tiny-bge-m3');
    await writeTinyBgeM3(modelDir, { flavour: 'heads', hidden: HIDDEN });
    await syncTinyDemo(getDb(), dataDir);
    await runTransform({ db: getDb() });
    return () => rm(root, { recursive: true, force: true });
  }, 240_000);

  it('without a model folder says what to put where, records no_model, and the semantic signal is off', async () => {
    const db = getDb();
    const missing = join(root, 'no-such-model');
    const r = await runEmbed({ db, modelDir: missing });
    expect(r.status).toBe('no_model');
    expect(r.message).toContain(missing);
    expect(r.message).toMatch(/model\.onnx \+ tokenizer\.json.*resources\/models\/README\.md/);
    expect(await count(db, 'SELECT count(*)::int AS n FROM search.text_embeddings')).toBe(0);
    const status = await semanticSignalStatus(db);
    expect(status).toMatchObject({ on: false, modelId: null });
    expect(status.reason).toBe(r.message);
  });

  it('refuses a model folder that lacks a file, naming it', async () => {
    const broken = join(root, 'broken-model');
    await writeTinyBgeM3(broken, { flavour: 'heads', hidden: HIDDEN });
    await rm(join(broken, 'tokenizer.json'));
    await expect(runEmbed({ db: getDb(), modelDir: broken })).rejects.toThrow(EmbedError);
    await expect(runEmbed({ db: getDb(), modelDir: broken })).rejects.toThrow(/tokenizer\.json/);
    const last = await getDb().query<{ status: string; message: string }>('SELECT status, message FROM ops.embed_runs ORDER BY started_at DESC LIMIT 1');
    expect(last.rows[0]).toMatchObject({ status: 'failed', message: expect.stringContaining('tokenizer.json') });
  });

  it('embeds every core text once: one row per record and kind, each distinct text through the model once, HNSW indexes built', async () => {
    const db = getDb();
    const hashes = await coreHashes(db);
    const progress: EmbedProgress[] = [];
    const r = await runEmbed({ db, modelDir, chunkTexts: 64, onProgress: (p) => progress.push(p) });
    modelId = r.modelId!;
    expect(r.status).toBe('done');
    expect(r.provider).toBe('cpu');
    expect(r.textsPending).toBe(hashes.size);
    expect(r.rowsWritten).toBe(hashes.size);
    expect(r.textsEmbedded).toBe(new Set(hashes.values()).size);
    expect(r.textsUnchanged).toBe(0);
    const stored = await storedRows(db, modelId);
    expect(new Map([...stored].map(([k, v]) => [k, v.h]))).toEqual(hashes);
    const shape = await db.query<{ dims: number; sparse: number; n: number }>(
      'SELECT vector_dims(dense) AS dims, count(*) FILTER (WHERE sparse IS NOT NULL)::int AS sparse, count(*)::int AS n FROM search.text_embeddings GROUP BY 1',
    );
    expect(shape.rows).toEqual([{ dims: HIDDEN, sparse: hashes.size, n: hashes.size }]);
    const norms = await count(db, 'SELECT count(*)::int AS n FROM search.text_embeddings WHERE abs(vector_norm(dense) - 1) > 1e-4');
    expect(norms).toBe(0);
    expect(r.indexesCreated.length).toBeGreaterThanOrEqual(8);
    expect(await count(db, "SELECT count(*)::int AS n FROM pg_indexes WHERE schemaname = 'search' AND indexdef ILIKE '%USING hnsw%'")).toBe(r.indexesCreated.length);
    // Progress reached the end and counted distinct texts.
    const lastEmbed = progress.filter((p) => p.phase === 'embedding').at(-1);
    expect(lastEmbed).toMatchObject({ textsDone: r.textsEmbedded, textsTotal: r.textsEmbedded, rowsWritten: hashes.size });
    const status = await semanticSignalStatus(db);
    expect(status).toMatchObject({ on: true, modelId, dim: HIDDEN, sparse: true, provider: 'cpu' });
  });

  it('a second run embeds nothing and starts no worker', async () => {
    const db = getDb();
    const before = await storedRows(db, modelId);
    const r = await runEmbed({ db, modelDir });
    expect(r).toMatchObject({ status: 'done', modelId, textsPending: 0, textsEmbedded: 0, rowsWritten: 0, provider: null, indexesCreated: [] });
    expect(r.textsUnchanged).toBe(before.size);
    expect(await storedRows(db, modelId)).toEqual(before);
  });

  it('changing a source record re-embeds only the texts whose hash changed', async () => {
    const db = getDb();
    const beforeHashes = await coreHashes(db);
    const beforeRows = await storedRows(db, modelId);
    const lead = (await db.query<{ id: number }>("SELECT min(id) AS id FROM raw.odoo_crm_lead WHERE type = 'opportunity'")).rows[0]!;
    const src = await openPglite(join(demoSourcesDir(dataDir), 'odoo'));
    try {
      await src.exec(`UPDATE crm_lead SET name = name || ' (renamed for embed)', write_date = '2026-07-01 08:00:00' WHERE id = ${lead.id}`);
    } finally {
      await src.close();
    }
    expect((await runSync({ db, dataDir, systems: 'odoo', env: {} })).ok).toBe(true);
    await runTransform({ db });
    const afterHashes = await coreHashes(db);
    const changed = [...afterHashes.keys()].filter((k) => afterHashes.get(k) !== beforeHashes.get(k));
    expect(changed).toContain(`odoo_opportunity:context:${lead.id}`);

    const r = await runEmbed({ db, modelDir });
    expect(r.textsPending).toBe(changed.length);
    expect(r.rowsWritten).toBe(changed.length);
    const afterRows = await storedRows(db, modelId);
    for (const [k, v] of afterRows) {
      expect(v.h).toBe(afterHashes.get(k));
      if (changed.includes(k)) expect(v.at).not.toBe(beforeRows.get(k)?.at);
      else expect(v).toEqual(beforeRows.get(k));
    }
  });

  it('ANN returns the record itself first for its own vector, through the HNSW index', async () => {
    const db = getDb();
    // Records whose identity text no other Odoo opportunity shares (a shared text ties at distance 0).
    const unique = await db.query<{ source_id: string; dense: string }>(
      `SELECT e.source_id, e.dense::text AS dense FROM search.text_embeddings e WHERE e.model_id = $1 AND e.entity = 'odoo_opportunity' AND e.kind = 'identity'
         AND NOT EXISTS (SELECT 1 FROM search.text_embeddings o WHERE o.model_id = e.model_id AND o.entity = e.entity AND o.kind = e.kind AND o.source_id <> e.source_id AND o.text_hash = e.text_hash)
       ORDER BY e.source_id LIMIT 10`,
      [modelId],
    );
    expect(unique.rows.length).toBe(10);
    const ids = unique.rows.map((x) => x.source_id);
    const bySource = await annCandidates(db, { model: modelId, kind: 'identity', source: 'odoo_opportunity', target: 'odoo_opportunity', sourceIds: ids, k: 5 });
    for (const id of ids) {
      const mine = bySource.filter((c) => c.query === id);
      expect(mine).toHaveLength(5);
      expect(mine[0]).toMatchObject({ candidate: id, rank: 1, distance: expect.closeTo(0, 5) });
      expect(mine.map((c) => c.rank)).toEqual([1, 2, 3, 4, 5]);
    }
    const vectors = unique.rows.map((x) => JSON.parse(x.dense) as number[]);
    const byVector = await annCandidates(db, { model: modelId, kind: 'identity', queryVectors: vectors, k: 3 });
    expect(byVector.filter((c) => c.rank === 1).map((c) => [c.query, c.candidate])).toEqual(ids.map((id, i) => [String(i), id]));
    // k above the default ef_search still returns k rows.
    const total = await count(db, "SELECT count(*)::int AS n FROM search.text_embeddings WHERE model_id = $1 AND entity = 'odoo_opportunity' AND kind = 'identity'", [modelId]);
    const wide = await annCandidates(db, { model: modelId, kind: 'identity', queryVectors: vectors.slice(0, 1), k: Math.min(total, 200), efSearch: 10 });
    expect(wide).toHaveLength(Math.min(total, 200));
    // The plan uses the partial HNSW index.
    const idx = (await db.query<{ index_name: string }>("SELECT index_name FROM search.ann_indexes WHERE model_id = $1 AND entity = 'odoo_opportunity' AND kind = 'identity'", [modelId])).rows[0]!;
    const plan = await db.transaction(async (tx) => {
      await tx.exec('SET LOCAL enable_seqscan = off');
      const dims = `vector(${HIDDEN})`;
      return (await tx.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT source_id FROM search.text_embeddings t WHERE t.model_id = '${modelId}' AND t.entity = 'odoo_opportunity' AND t.kind = 'identity'
          ORDER BY t.dense::${dims} <=> $1::${dims} LIMIT 5`,
        [unique.rows[0]!.dense],
      )).rows.map((x) => x['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain(idx.index_name);
  });

  it('Ctrl-C (abort) stops between batches, keeps what was written, and the next run embeds only the rest', async () => {
    const db = getDb();
    // Another model (other weights → other model id) starts from nothing.
    const otherDir = join(root, 'tiny-bge-m3-other');
    await writeTinyBgeM3(otherDir, { flavour: 'heads', hidden: HIDDEN, seed: 11 });
    const controller = new AbortController();
    const r = await runEmbed({
      db,
      modelDir: otherDir,
      chunkTexts: 16,
      signal: controller.signal,
      // Abort once the first chunk is written (the chunk in flight at an abort is dropped, not half-written).
      onProgress: (p) => p.phase === 'embedding' && p.rowsWritten > 0 && controller.abort(),
    });
    expect(r.status).toBe('cancelled');
    expect(r.modelId).not.toBe(modelId);
    expect(r.textsEmbedded).toBe(16);
    expect(r.textsEmbedded).toBeLessThan(r.textsPending);
    expect(r.indexesCreated).toEqual([]);
    const run = await db.query<{ status: string }>('SELECT status FROM ops.embed_runs WHERE run_id = $1', [r.runId]);
    expect(run.rows[0]?.status).toBe('cancelled');
    expect(await count(db, 'SELECT count(*)::int AS n FROM search.text_embeddings WHERE model_id = $1', [r.modelId])).toBe(r.rowsWritten);

    const again = await runEmbed({ db, modelDir: otherDir });
    expect(again.status).toBe('done');
    expect(again.textsPending).toBe(r.textsPending - r.rowsWritten);
    expect(again.textsUnchanged).toBe(r.rowsWritten);
    expect(await count(db, 'SELECT count(*)::int AS n FROM search.text_embeddings WHERE model_id = $1', [r.modelId])).toBe((await coreHashes(db)).size);
    // The first model's vectors are untouched by the other model's runs.
    expect(await count(db, 'SELECT count(*)::int AS n FROM search.text_embeddings WHERE model_id = $1', [modelId])).toBe((await coreHashes(db)).size);
  });

  it('two runs at once both finish, and every record ends with exactly one up-to-date vector', async () => {
    const db = getDb();
    const thirdDir = join(root, 'tiny-bge-m3-third');
    await writeTinyBgeM3(thirdDir, { flavour: 'heads', hidden: HIDDEN, seed: 23 });
    const [a, b] = await Promise.all([runEmbed({ db, modelDir: thirdDir, chunkTexts: 32 }), runEmbed({ db, modelDir: thirdDir, chunkTexts: 32 })]);
    expect([a.status, b.status]).toEqual(['done', 'done']);
    const hashes = await coreHashes(db);
    const stored = await storedRows(db, a.modelId!);
    expect(new Map([...stored].map(([k, v]) => [k, v.h]))).toEqual(hashes);
    expect((await runEmbed({ db, modelDir: thirdDir })).textsPending).toBe(0);
  });
});
