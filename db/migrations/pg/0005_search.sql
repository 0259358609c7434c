-- 0005 search: embeddings of the core texts (`revops embed`, main/services/embed/embed.ts) for the
-- matcher's ANN candidates and its dense/sparse signals (db/queries/search.ts).
--
-- The dense dimension comes from the model (1024 for BGE-M3; the tests' generated model is smaller), so
-- `dense` is an unsized vector and each (model, entity, kind) gets its own partial HNSW index on the
-- expression dense::vector(<dim>), created by the embedder once the model's dimension is known
-- (pgvector indexes only fixed-dimension expressions; queries repeat the same cast and predicate).
-- search.ann_indexes records those indexes so queries know the dimension and the name.

CREATE TABLE search.embedding_models (
  model_id text PRIMARY KEY,
  -- short number used in index names (identifiers are limited to 63 bytes)
  model_no integer GENERATED ALWAYS AS IDENTITY UNIQUE,
  dim integer NOT NULL CHECK (dim BETWEEN 1 AND 16000),
  -- sparse vectors are sparsevec(<vocab_size>) with index = token id + 1 (sparsevec is 1-based)
  vocab_size integer,
  has_sparse boolean NOT NULL,
  -- what identifies the weights: sha256 over the model folder's file names, sizes and first/last MiB
  fingerprint text NOT NULL,
  model_dir text,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE search.embedding_models IS 'Embedding models that produced vectors in search.text_embeddings (dense dimension, sparse vocabulary)';

CREATE TABLE search.text_embeddings (
  model_id text NOT NULL REFERENCES search.embedding_models (model_id) ON DELETE CASCADE,
  -- which core table the text belongs to; source_id is that table's key as text
  -- (core.companies: source_system in entity, source_id as is)
  entity text NOT NULL CHECK (entity IN ('odoo_opportunity', 'ace_opportunity', 'odoo_company', 'ace_company', 'aws_account')),
  kind text NOT NULL CHECK (kind IN ('identity', 'context')),
  source_id text NOT NULL,
  -- sha256 hex of the embedded text (= the core row's identity_hash / context_hash at embed time)
  text_hash text NOT NULL,
  tokens integer NOT NULL,
  truncated boolean NOT NULL,
  -- L2-normalized CLS vector; cosine distance (<=>) through the partial HNSW indexes
  dense vector NOT NULL,
  -- lexical weights (BGE-M3 sparse head); null when the export has no sparse head.
  -- The lexical match score of two texts is their inner product: -(a.sparse <#> b.sparse)
  sparse sparsevec,
  embedded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (model_id, entity, kind, source_id)
);
COMMENT ON TABLE search.text_embeddings IS 'Dense and sparse BGE-M3 embeddings of core identity/context texts, one row per (model, record, kind), re-embedded when the text hash changes';

CREATE TABLE search.ann_indexes (
  model_id text NOT NULL REFERENCES search.embedding_models (model_id) ON DELETE CASCADE,
  entity text NOT NULL,
  kind text NOT NULL,
  dim integer NOT NULL,
  index_name text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (model_id, entity, kind)
);
COMMENT ON TABLE search.ann_indexes IS 'Partial HNSW indexes (vector_cosine_ops on dense::vector(dim)) created by the embedder, one per (model, entity, kind)';

CREATE TABLE ops.embed_runs (
  run_id uuid PRIMARY KEY,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  -- running | done | failed | cancelled | no_model
  status text NOT NULL CHECK (status IN ('running', 'done', 'failed', 'cancelled', 'no_model')),
  model_id text,
  provider text,
  fallback_reason text,
  -- texts that needed a vector (hash changed or missing), embedded, and unchanged (skipped)
  texts_pending integer NOT NULL DEFAULT 0,
  texts_embedded integer NOT NULL DEFAULT 0,
  texts_unchanged integer NOT NULL DEFAULT 0,
  rows_deleted integer NOT NULL DEFAULT 0,
  duration_ms integer,
  -- why the run failed or why there is no model (one line, what to do)
  message text
);
CREATE INDEX embed_runs_started_idx ON ops.embed_runs (started_at DESC);
COMMENT ON TABLE ops.embed_runs IS 'One row per revops embed run; the latest says whether the semantic signal is on (see semanticSignalStatus)';
