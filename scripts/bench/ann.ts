/**
 * `npm run bench -- ann [--engine pglite|postgres] [--vectors 10000] [--dim 1024] [--k 50] [--queries 200] [--ef N] [--data clustered|random]`
 * (issue 4: ANN top-50 p95 < 20 ms at 10k vectors). On a scratch warehouse: clustered synthetic unit vectors
 * (50 topics × 10 sub-clusters, points scattered around them, as embeddings of similar names are) are
 * or, with --data random, independent uniform directions — the hard case for any ANN index) are
 * COPYed into search.text_embeddings through the embedder's own writer, the embedder's partial HNSW index is
 * built, then `annCandidates` (the matcher's query, one query vector per call) is timed for `--queries` new
 * points near the clusters. Recall = share of the exact top-k (brute-force cosine in JS) that ANN returned.
 * --batch N (e.g. 4816, the prod ACE count): also stores N query vectors as ACE opportunities and times the
 * matcher's blocking call — `annNeighbours` (chunks of 1000 ids, one transaction), top --batch-k (default 20)
 * — as batch_s and batch_ms_per_query, and `annCandidates` by source ids in one query (with distances) as
 * batch_one_query_s (--batch-ef sets their hnsw.ef_search), and `pairSimilarities` of the neighbour pairs
 * (the matcher's similarity features) as batch_similarities_s.
 * Engine: --engine, else the server when DATABASE_URL or TEST_DATABASE_URL is set (a scratch database is
 * created there and dropped), else embedded PGlite in a scratch folder. Last stdout line: the JSON figures.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeEmbeddings, writeEmbeddings, upsertModel, type EmbeddingRow } from '../../db/queries/embed';
import { annCandidates, annNeighbours, ensureAnnIndex, getModel, pairSimilarities, vectorText } from '../../db/queries/search';
import { migrate } from '../../db/migrate';
import { openPglite } from '../../db/pglite';
import { openPostgres } from '../../db/postgres';
import { createServerDatabase } from '../../db/server-database';
import type { Db } from '../../db/types';

const err = (line: string) => process.stderr.write(line + '\n');

function option(args: string[], key: string): string | undefined {
  const i = args.indexOf(`--${key}`);
  return i >= 0 ? args[i + 1] : undefined;
}

function intOption(args: string[], key: string, fallback: number): number {
  const v = option(args, key);
  const n = v === undefined ? fallback : Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${key} must be a positive integer`);
  return n;
}

/** Deterministic standard normals (mulberry32 + Box–Muller). */
function gaussian(seed: number): () => number {
  let a = seed >>> 0;
  const uniform = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 1) / 4294967297;
  };
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

function normalize(v: Float32Array): Float32Array {
  let n = 0;
  for (const x of v) n += x * x;
  n = Math.sqrt(n);
  for (let i = 0; i < v.length; i++) v[i]! /= n;
  return v;
}

/** center + noise of norm ≈ `spread`, normalized. */
function around(center: Float32Array, spread: number, g: () => number): Float32Array {
  const s = spread / Math.sqrt(center.length);
  return normalize(center.map((x) => x + g() * s));
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const round = (n: number, d = 2) => Number(n.toFixed(d));

export async function benchAnn(args: string[]): Promise<Record<string, unknown>> {
  const serverUrl = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const engine = option(args, 'engine') ?? (serverUrl ? 'postgres' : 'pglite');
  if (engine !== 'pglite' && engine !== 'postgres') throw new Error('--engine must be pglite or postgres');
  if (engine === 'postgres' && !serverUrl) throw new Error('ann --engine postgres needs DATABASE_URL or TEST_DATABASE_URL');
  const n = intOption(args, 'vectors', 10_000);
  const dim = intOption(args, 'dim', 1024);
  const k = intOption(args, 'k', 50);
  const queries = intOption(args, 'queries', 200);
  const ef = option(args, 'ef') === undefined ? undefined : intOption(args, 'ef', 100);
  const data = option(args, 'data') ?? 'clustered';
  if (data !== 'clustered' && data !== 'random') throw new Error('--data must be clustered or random');

  let db: Db;
  let cleanup: () => Promise<void>;
  if (engine === 'postgres') {
    const scratch = await createServerDatabase(serverUrl!);
    db = await openPostgres(scratch.url, { applicationName: 'revops bench ann' });
    cleanup = async () => {
      await db.close();
      await scratch.drop();
    };
  } else {
    const dir = await mkdtemp(join(tmpdir(), 'revops-bench-ann-'));
    db = await openPglite(join(dir, 'warehouse'));
    cleanup = async () => {
      await db.close();
      await rm(dir, { recursive: true, force: true });
    };
  }
  try {
    await migrate(db);
    const g = gaussian(42);
    const topics = Array.from({ length: 50 }, () => normalize(Float32Array.from({ length: dim }, g)));
    const subs = topics.flatMap((t) => Array.from({ length: 10 }, () => around(t, 0.9, g)));
    const random = () => normalize(Float32Array.from({ length: dim }, g));
    const vectors = Array.from({ length: n }, (_, i) => (data === 'random' ? random() : around(subs[i % subs.length]!, 0.6, g)));
    const probes = Array.from({ length: queries }, (_, i) => (data === 'random' ? random() : around(subs[(i * 7919) % subs.length]!, 0.6, g)));

    const modelId = `bench-ann-${dim}`;
    await upsertModel(db, { modelId, dim, vocabSize: null, hasSparse: false, fingerprint: 'synthetic', modelDir: 'synthetic' });
    const model = (await getModel(db, modelId))!;
    let t = performance.now();
    for (let i = 0; i < n; i += 2000) {
      const rows: EmbeddingRow[] = vectors.slice(i, i + 2000).map((v, j) => ({
        entity: 'odoo_opportunity',
        kind: 'identity',
        sourceId: String(i + j),
        hash: String(i + j),
        tokens: 8,
        truncated: false,
        dense: vectorText(v),
        sparse: null,
      }));
      await writeEmbeddings(db, modelId, rows);
    }
    await analyzeEmbeddings(db);
    const loadS = (performance.now() - t) / 1000;
    err(`ann ${engine}: ${n} vectors of dim ${dim} loaded in ${loadS.toFixed(1)} s; building the HNSW index…`);
    t = performance.now();
    await ensureAnnIndex(db, model, 'odoo_opportunity', 'identity');
    const buildS = (performance.now() - t) / 1000;
    err(`ann ${engine}: index built in ${buildS.toFixed(1)} s; ${queries} queries of top-${k}…`);

    // Warm-up: the index pages into the buffer cache, plans cached.
    for (const p of probes.slice(0, 10)) await annCandidates(db, { model: modelId, kind: 'identity', queryVectors: [p], k, efSearch: ef });
    const times: number[] = [];
    let hits = 0;
    for (const p of probes) {
      const s = performance.now();
      const got = await annCandidates(db, { model: modelId, kind: 'identity', queryVectors: [p], k, efSearch: ef });
      times.push(performance.now() - s);
      const exact = new Set(
        vectors
          .map((v, i) => [i, dot(v, p)] as const)
          .sort((a, b) => b[1] - a[1])
          .slice(0, k)
          .map(([i]) => String(i)),
      );
      hits += got.filter((c) => exact.has(c.candidate)).length;
    }
    times.sort((a, b) => a - b);
    const batch = option(args, 'batch') === undefined ? 0 : intOption(args, 'batch', 1);
    const batchK = intOption(args, 'batch-k', 20);
    const batchEf = option(args, 'batch-ef') === undefined ? undefined : intOption(args, 'batch-ef', 64);
    let batchS: number | undefined;
    let oneQueryS: number | undefined;
    let similaritiesS: number | undefined;
    if (batch > 0) {
      const ids: string[] = [];
      for (let i = 0; i < batch; i += 2000) {
        const rows: EmbeddingRow[] = Array.from({ length: Math.min(2000, batch - i) }, (_, j) => {
          const v = data === 'random' ? random() : around(subs[((i + j) * 7919) % subs.length]!, 0.6, g);
          ids.push(`ACE-${i + j}`);
          return { entity: 'ace_opportunity', kind: 'identity', sourceId: `ACE-${i + j}`, hash: String(i + j), tokens: 8, truncated: false, dense: vectorText(v), sparse: null };
        });
        await writeEmbeddings(db, modelId, rows);
      }
      await analyzeEmbeddings(db);
      // Warm-up: the first pass over the index pays the buffer cache for whichever call runs first.
      await annNeighbours(db, { model: modelId, kind: 'identity', sourceIds: ids, k: batchK, efSearch: batchEf });
      const s = performance.now();
      const got = await annCandidates(db, { model: modelId, kind: 'identity', sourceIds: ids, k: batchK, efSearch: batchEf });
      oneQueryS = (performance.now() - s) / 1000;
      err(`ann ${engine}: annCandidates for ${batch} stored vectors in one query, top-${batchK}: ${oneQueryS.toFixed(2)} s (${got.length} neighbours)`);
      const s2 = performance.now();
      const nb = await annNeighbours(db, { model: modelId, kind: 'identity', sourceIds: ids, k: batchK, efSearch: batchEf });
      batchS = (performance.now() - s2) / 1000;
      const same = got.filter((c) => nb.get(c.query)?.includes(c.candidate)).length;
      const pairs: [string, string][] = [];
      for (const [a, list] of nb) for (const o of list) pairs.push([a, o]);
      const s3 = performance.now();
      for (let i = 0; i < pairs.length; i += 20_000) {
        await pairSimilarities(db, { model: modelId, kind: 'identity', left: 'ace_opportunity', right: 'odoo_opportunity', pairs: pairs.slice(i, i + 20_000) });
      }
      similaritiesS = (performance.now() - s3) / 1000;
      err(`ann ${engine}: pairSimilarities of those ${pairs.length} pairs (chunks of 20,000, as the matcher): ${similaritiesS.toFixed(2)} s`);
      err(`ann ${engine}: annNeighbours (the matcher's call) for ${batch} stored vectors, top-${batchK}: ${batchS.toFixed(2)} s (agreement with annCandidates ${(same / Math.max(1, got.length)).toFixed(4)})`);
    }
    return {
      engine,
      data,
      vectors: n,
      dim,
      k,
      queries,
      ef_search: ef ?? Math.max(2 * k, 64),
      p50_ms: round(percentile(times, 50)),
      p95_ms: round(percentile(times, 95)),
      max_ms: round(times.at(-1)!),
      recall: round(hits / (queries * k), 4),
      load_s: round(loadS, 1),
      index_build_s: round(buildS, 1),
      ...(batchS === undefined ? {} : { batch: Number(option(args, 'batch')), batch_k: batchK, batch_ef: batchEf ?? Math.max(2 * batchK, 64), batch_s: round(batchS, 2), batch_ms_per_query: round((batchS * 1000) / Number(option(args, 'batch')), 2), batch_one_query_s: round(oneQueryS ?? 0, 2), batch_similarities_s: round(similaritiesS ?? 0, 2) }),
    };
  } finally {
    await cleanup();
  }
}
