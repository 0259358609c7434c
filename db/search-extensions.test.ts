import { expect, it } from 'vitest';
import { copyLine } from './copy';
import { describeEngines } from './testing';

/** Deterministic noise in [0, 1) (mulberry32), so every id gets a distinct vector. */
function noise(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 16-dimensional vector per id: one of 5 cluster directions plus small per-id noise. */
function vec(i: number): number[] {
  const rnd = noise(i + 1);
  return Array.from({ length: 16 }, (_, d) => Math.sin((i % 5) * 1.3 + d) + rnd() / 10);
}

describeEngines('pgvector and pg_trgm', (getDb) => {
  it('HNSW index answers a cosine similarity query', async () => {
    const db = getDb();
    await db.exec('CREATE TABLE search.doc_embedding (id int PRIMARY KEY, embedding vector(16) NOT NULL)');
    await db.copyFrom('search.doc_embedding', ['id', 'embedding'], (function* () {
      for (let i = 0; i < 2000; i++) yield copyLine([i, `[${vec(i).join(',')}]`]);
    })());
    await db.exec('CREATE INDEX doc_embedding_hnsw ON search.doc_embedding USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 64)');

    const top = await db.transaction(async (tx) => {
      await tx.exec('SET LOCAL hnsw.ef_search = 100; SET LOCAL enable_seqscan = off');
      expect((await tx.query<{ v: string }>("SELECT current_setting('hnsw.ef_search') AS v")).rows[0]?.v).toBe('100');
      const plan = await tx.query<{ 'QUERY PLAN': string }>(
        'EXPLAIN SELECT id FROM search.doc_embedding ORDER BY embedding <=> $1::vector LIMIT 5',
        [`[${vec(42).join(',')}]`],
      );
      expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('doc_embedding_hnsw');
      const r = await tx.query<{ id: number; distance: number }>(
        'SELECT id, embedding <=> $1::vector AS distance FROM search.doc_embedding ORDER BY embedding <=> $1::vector LIMIT 5',
        [`[${vec(42).join(',')}]`],
      );
      return r.rows;
    });
    expect(top[0]).toEqual({ id: 42, distance: expect.closeTo(0, 6) });
    expect(top).toHaveLength(5);
    // Neighbours come from the same cluster (i % 5 == 2) and distances ascend.
    expect(top.every((r) => r.id % 5 === 2)).toBe(true);
    expect(top.map((r) => r.distance)).toEqual([...top.map((r) => r.distance)].sort((a, b) => a - b));
  });

  it('pg_trgm similarity ranks near-identical company names first', async () => {
    const db = getDb();
    await db.exec(`CREATE TABLE core.company_name_probe (name text);
      INSERT INTO core.company_name_probe VALUES ('Acme Corporation'), ('ACME Corp.'), ('Globex GmbH'), ('Initech LLC');
      CREATE INDEX company_name_probe_trgm ON core.company_name_probe USING gin (name gin_trgm_ops)`);
    const r = await db.query<{ name: string; sim: number }>(
      'SELECT name, similarity(lower(name), lower($1)) AS sim FROM core.company_name_probe WHERE lower(name) % lower($1) ORDER BY sim DESC',
      ['Acme Corp'],
    );
    expect(r.rows.map((x) => x.name)).toEqual(['ACME Corp.', 'Acme Corporation']);
    expect(r.rows[0]?.sim).toBeGreaterThan(0.5);
  });
});
