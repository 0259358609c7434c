-- 0001 schemas: the warehouse's four layers and the extensions later migrations rely on.
-- Runs on PostgreSQL >= 15 and on PGlite (vector and pg_trgm are loaded by db/pglite.ts).

CREATE SCHEMA IF NOT EXISTS raw;
COMMENT ON SCHEMA raw IS 'Source mirrors: one table per source table, plus _raw_id, _ingested_at, _source_system, _sync_batch_id';

CREATE SCHEMA IF NOT EXISTS core;
COMMENT ON SCHEMA core IS 'Normalized entities built from raw';

CREATE SCHEMA IF NOT EXISTS search;
COMMENT ON SCHEMA search IS 'Embeddings and similarity indexes (pgvector HNSW, trigram)';

CREATE SCHEMA IF NOT EXISTS ops;
COMMENT ON SCHEMA ops IS 'Operations: migrations, sync jobs, quality checks, lineage, decisions, audit';

-- Required: embeddings live in search.* as vector columns.
CREATE EXTENSION IF NOT EXISTS vector;

-- Optional: fuzzy name matching is better with trigrams, but a server without contrib still works.
-- revops:if-extension pg_trgm
CREATE EXTENSION IF NOT EXISTS pg_trgm;
-- revops:end-if
