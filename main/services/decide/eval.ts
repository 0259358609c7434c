/**
 * `revops eval decide`: the current POD decisions of a tenant against the demo generator's expected POD
 * facts (synthetic_truth.gt_pod_expected: every ACE opportunity neither Launched nor Closed Lost). Only
 * evaluation reads the truth; the pipeline never does.
 * - agreement: auto-approve where eligible plus auto-reject where not, over all truth rows (a review
 *   counts as not agreeing: it is work left for the analyst);
 * - false_auto_approve: auto-approved but not eligible (target 0); false_auto_reject: auto-rejected but
 *   eligible.
 */
import type { Db } from '../../../db/types';
import { openTruth } from '../match/truth';
import { DecideError, checkTenant } from './index';

export type DecideEval = {
  truth: string;
  tenant: string;
  as_of: string | null;
  truth_as_of: string | null;
  n: number;
  expected_eligible: number;
  auto_approve: number;
  needs_review: number;
  auto_reject: number;
  agreement: number;
  agreement_automatic: number | null;
  false_auto_approve: number;
  false_auto_reject: number;
  missing_decisions: number;
  /** ACE ids of the false automatic decisions (for a look with `revops explain`) */
  false_auto_approve_ids: string[];
  false_auto_reject_ids: string[];
  /** per truth reason code: how the app decided */
  by_reason: Record<string, { n: number; auto_approve: number; needs_review: number; auto_reject: number }>;
};

export async function evaluateDecide(opts: { db: Db; dataDir: string; databaseUrl: string | undefined; tenant?: string | undefined }): Promise<DecideEval> {
  let tenant = opts.tenant;
  if (!tenant) tenant = (await opts.db.query<{ tenant: string }>("SELECT tenant FROM ops.decision_runs WHERE status = 'succeeded' ORDER BY started_at DESC LIMIT 1")).rows[0]?.tenant;
  if (!tenant) throw new DecideError('No POD decisions to evaluate: run `revops decide` first.');
  tenant = checkTenant(tenant);
  const decisions = (await opts.db.query<{ ace_source_id: string; outcome: string; as_of: Date }>(
    'SELECT ace_source_id, outcome, as_of FROM ops.pod_decisions_current WHERE tenant = $1', [tenant],
  )).rows;
  if (decisions.length === 0) throw new DecideError(`No POD decisions for tenant '${tenant}': run \`revops decide${tenant === 'default' ? '' : ` --tenant ${tenant}`}\` first.`);
  const byAce = new Map(decisions.map((d) => [d.ace_source_id, d]));
  const truth = await openTruth(opts.dataDir, opts.databaseUrl);
  let rows: { ace_id: string; expected_eligible: boolean; reason_codes: string[] | null }[];
  let truthAsOf: string | null;
  try {
    rows = (await truth.db.query<{ ace_id: string; expected_eligible: boolean; reason_codes: string[] | null }>(
      'SELECT ace_id, expected_eligible, reason_codes FROM synthetic_truth.gt_pod_expected ORDER BY ace_id',
    )).rows;
    truthAsOf = (await truth.db.query<{ value: string }>("SELECT value FROM synthetic_truth.gt_run WHERE key IN ('as_of', 'asOf') LIMIT 1")).rows[0]?.value ?? null;
  } finally {
    await truth.db.close();
  }
  const r: DecideEval = {
    truth: truth.describe, tenant, as_of: decisions[0] ? decisions[0].as_of.toISOString().slice(0, 10) : null, truth_as_of: truthAsOf,
    n: 0, expected_eligible: 0, auto_approve: 0, needs_review: 0, auto_reject: 0, agreement: 0, agreement_automatic: null,
    false_auto_approve: 0, false_auto_reject: 0, missing_decisions: 0, false_auto_approve_ids: [], false_auto_reject_ids: [], by_reason: {},
  };
  let agree = 0;
  for (const t of rows) {
    const d = byAce.get(t.ace_id);
    if (!d) {
      r.missing_decisions++;
      continue;
    }
    r.n++;
    if (t.expected_eligible) r.expected_eligible++;
    const o = d.outcome as 'auto_approve' | 'needs_review' | 'auto_reject';
    r[o]++;
    if ((o === 'auto_approve' && t.expected_eligible) || (o === 'auto_reject' && !t.expected_eligible)) agree++;
    if (o === 'auto_approve' && !t.expected_eligible) r.false_auto_approve_ids.push(t.ace_id);
    if (o === 'auto_reject' && t.expected_eligible) r.false_auto_reject_ids.push(t.ace_id);
    for (const code of t.reason_codes?.length ? t.reason_codes : ['eligible']) {
      const b = (r.by_reason[code] ??= { n: 0, auto_approve: 0, needs_review: 0, auto_reject: 0 });
      b.n++;
      b[o]++;
    }
  }
  r.false_auto_approve = r.false_auto_approve_ids.length;
  r.false_auto_reject = r.false_auto_reject_ids.length;
  r.agreement = r.n ? Math.round((agree / r.n) * 10_000) / 10_000 : 0;
  const auto = r.auto_approve + r.auto_reject;
  r.agreement_automatic = auto ? Math.round((agree / auto) * 10_000) / 10_000 : null;
  return r;
}
