-- 0006 match: results of `revops match` (main/services/match, app/match) and the analyst's decisions.
--
-- Keys are the source ids (ACE 'O…' id, Odoo crm_lead id), stable across transforms and re-syncs, so an
-- accepted match stays a cross-reference whatever the model does later. A run rewrites only rows whose
-- values changed (IS DISTINCT FROM), so re-running on the same core data changes nothing but the run log.

-- One row per matcher run: thresholds, the fitted model (m/u per comparison level, λ, π, EM iterations),
-- blocking figures and counts of decisions.
CREATE TABLE ops.match_runs (
  run_id uuid PRIMARY KEY,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  status text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
  semantic boolean NOT NULL DEFAULT false,
  semantic_reason text,
  thresholds jsonb NOT NULL,
  model jsonb,
  blocking jsonb,
  ace_count integer NOT NULL DEFAULT 0,
  odoo_count integer NOT NULL DEFAULT 0,
  candidate_pairs integer NOT NULL DEFAULT 0,
  matched integer NOT NULL DEFAULT 0,
  review integer NOT NULL DEFAULT 0,
  no_match integer NOT NULL DEFAULT 0,
  rows_written integer NOT NULL DEFAULT 0,
  duration_ms integer,
  error text
);
CREATE INDEX match_runs_started_idx ON ops.match_runs (started_at DESC);
COMMENT ON TABLE ops.match_runs IS 'One row per revops match run: thresholds, fitted Fellegi-Sunter model (m/u per level, EM), blocking figures, decision counts';

-- Analyst decisions (filled by the review screens): accept a pair, reject a pair, or "no match" for an ACE
-- opportunity. A newer decision supersedes an older one for the same pair; nothing is deleted (audit).
CREATE TABLE ops.match_decisions (
  decision_id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  ace_source_id text NOT NULL,
  odoo_source_id integer,
  decision text NOT NULL CHECK (decision IN ('accept', 'reject', 'no_match')),
  decided_by text NOT NULL,
  decided_at timestamptz NOT NULL DEFAULT now(),
  note text,
  superseded_at timestamptz,
  CHECK ((decision = 'no_match') = (odoo_source_id IS NULL))
);
CREATE INDEX match_decisions_ace_idx ON ops.match_decisions (ace_source_id, decided_at DESC);
COMMENT ON TABLE ops.match_decisions IS 'Analyst match decisions (accept / reject a pair, no match); they override the model and refine its m/u';

-- Ranked candidates per ACE opportunity (the top ones of each run), with the comparison levels and the
-- per-signal contributions in bits that add up to logit2(probability): the waterfall chart's data.
CREATE TABLE core.match_candidates (
  ace_source_id text NOT NULL,
  odoo_source_id integer NOT NULL,
  rank integer NOT NULL,
  probability double precision NOT NULL,
  company_probability double precision NOT NULL,
  match_weight double precision NOT NULL,
  block_keys text[] NOT NULL,
  levels jsonb NOT NULL,
  contributions jsonb NOT NULL,
  run_id uuid NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (ace_source_id, odoo_source_id)
);
CREATE INDEX match_candidates_odoo_idx ON core.match_candidates (odoo_source_id);
COMMENT ON TABLE core.match_candidates IS 'Top candidates per ACE opportunity: rank, calibrated probability, company-stage probability, match weight (bits), blocking keys, levels, per-signal contributions';

-- The decision per ACE opportunity: matched (auto or analyst), review (a proposal), or no match.
CREATE TABLE core.match_assignments (
  ace_source_id text PRIMARY KEY,
  status text NOT NULL CHECK (status IN ('matched', 'review', 'no_match')),
  decided_by text CHECK (decided_by IN ('auto', 'analyst')),
  odoo_source_id integer,
  -- every linked Odoo opportunity, primary first (phases of one deal, un-merged duplicates)
  odoo_source_ids integer[] NOT NULL DEFAULT '{}',
  link_kind text CHECK (link_kind IN ('single', 'phases', 'duplicate')),
  probability double precision NOT NULL,
  no_match_probability double precision NOT NULL,
  candidate_count integer NOT NULL,
  explanation text NOT NULL,
  conflict jsonb,
  run_id uuid NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX match_assignments_odoo_idx ON core.match_assignments (odoo_source_id);
CREATE INDEX match_assignments_status_idx ON core.match_assignments (status);
COMMENT ON TABLE core.match_assignments IS 'One decision per ACE opportunity (matched / review / no_match) with its probability and a one-line explanation';

-- The stable cross-reference: matched pairs only (every linked Odoo opportunity).
CREATE VIEW core.opportunity_matches AS
  SELECT a.ace_source_id, x.odoo_source_id, x.ord = 1 AS is_primary, a.decided_by, a.link_kind, a.probability, a.updated_at
  FROM core.match_assignments a
  CROSS JOIN LATERAL unnest(a.odoo_source_ids) WITH ORDINALITY AS x(odoo_source_id, ord)
  WHERE a.status = 'matched';
COMMENT ON VIEW core.opportunity_matches IS 'ACE ↔ Odoo cross-reference: every matched pair (automatic or accepted by an analyst)';
