/**
 * Daily ACE changes in the APN source (spec §5.10): Partner Central syncs once a night, so every change of a day —
 * review-status steps, stage changes, AWS referrals accepted or expiring, stale target-close dates pushed out, new
 * opportunities — lands in one burst with the SAME last_modified_date (03:17:00). New opportunities are registered
 * by the partner the previous afternoon (created_date before the burst) without a CRM id yet.
 */
import type { Queryable } from '../../../../db/types';
import { DAY, isoDate } from '../dates';
import { CLOSED_LOST_REASONS } from '../apn/values';
import { TRUTH_SCHEMA } from '../truth/schema';
import { eventsToday, tts, type DayContext, type Op } from './day';

const LADDER = ['Prospect', 'Qualified', 'Technical Validation', 'Business Validation', 'Committed', 'Launched'];
const NEW_OPPS = { tiny: 0.3, small: 0.8, prod: 4 } as const;
const TITLES = ['Data Lake Migration', 'SAP on AWS', 'Windows Workloads Migration', 'GenAI Assistant PoC', 'Landing Zone', 'Kubernetes Modernisation', 'Backup & DR', 'Cost Optimisation'];

type Ace = {
  id: number; ace_id: string; ownership: string | null; status: string | null; acceptance: string | null; accept_by: string | null;
  stage: string | null; target: string | null; history: string | null;
};

export async function planAce(apn: Queryable, truth: Queryable, ctx: DayContext, out: { apn: Op[]; truth: Op[] }): Promise<void> {
  const burst = ctx.at(3 * 3600 + 17 * 60);
  const at = tts(burst);
  const rows = (await apn.query<Ace>(
    `SELECT id, apn_crm_unique_identifier AS ace_id, opportunity_ownership AS ownership, status, partner_acceptance_status AS acceptance, accept_by_date::text AS accept_by,
            stage, target_close_date::text AS target, next_step_history AS history FROM apn_opportunity ORDER BY id`)).rows;
  const upd = (a: Ace, set: Record<string, unknown>): void => {
    const cols = Object.keys(set);
    out.apn.push({
      at: burst, table: 'apn_opportunity', kind: 'update', ids: [a.id],
      sql: `UPDATE apn_opportunity SET ${cols.map((c, i) => `"${c}" = $${i + 2}`).join(', ')}, last_modified_date = $${cols.length + 2}::timestamptz WHERE id = $1`,
      params: [a.id, ...cols.map((c) => set[c]), at],
    });
  };
  for (const a of rows) {
    if (a.stage === 'Launched' || a.stage === 'Closed Lost' || a.status === 'Rejected' || a.acceptance === 'Rejected' || a.acceptance === 'Expired') continue;
    const r = ctx.rng(`ace|${a.id}`);
    const awsReferral = (a.ownership ?? '').toLowerCase().startsWith('aws');
    if (awsReferral && a.acceptance === 'Pending') {
      if (a.accept_by !== null && a.accept_by < at) upd(a, { partner_acceptance_status: 'Expired' });
      else if (r.chance(0.3)) upd(a, { partner_acceptance_status: 'Accepted', stage: 'Qualified', aws_stage: 'Qualified' });
      else if (r.chance(0.05)) upd(a, { partner_acceptance_status: 'Rejected', rejection_reason: 'Unable to support' });
      continue;
    }
    if (!awsReferral && a.status !== 'Approved') {
      const s = a.status ?? 'Pending Submission';
      const step: [string, number, Record<string, unknown>][] = [
        ['Pending Submission', 0.2, { status: 'Submitted' }], ['Draft', 0.2, { status: 'Submitted' }], ['Submitted', 0.4, { status: 'In review' }],
        ['In review', 0.3, { status: 'Approved', stage: 'Qualified', aws_stage: 'Qualified' }], ['In Review', 0.3, { status: 'Approved', stage: 'Qualified', aws_stage: 'Qualified' }],
        ['Action Required', 0.2, { status: 'Submitted', review_status_reason: null }],
      ];
      const hit = step.find(([from]) => from === s);
      if (hit && r.chance(hit[1])) upd(a, hit[2]);
      continue;
    }
    if (r.poisson(0.1) > 0) {
      const i = LADDER.indexOf(a.stage ?? 'Prospect');
      const history = `${a.history ? `${a.history}\n` : ''}${ctx.date}: ${a.stage ?? 'Prospect'}`;
      if (r.chance(0.2)) upd(a, { stage: 'Closed Lost', aws_stage: 'Closed Lost', closed_lost_reason: r.pick(CLOSED_LOST_REASONS), closed_date: ctx.date, next_step_history: history });
      else {
        const next = LADDER[Math.min(LADDER.length - 1, Math.max(0, i) + 1)] as string;
        upd(a, { stage: next, aws_stage: next, closed_date: next === 'Launched' ? ctx.date : null, next_step: next === 'Launched' ? 'Launched' : `Follow-up after ${next}`, next_step_history: history });
      }
    } else if (a.target !== null && a.target < ctx.date && r.chance(0.2)) {
      upd(a, { target_close_date: isoDate(ctx.start + r.int(30, 90) * DAY) });
    }
  }
  await planNewOpps(apn, truth, ctx, rows, burst, out);
}

async function planNewOpps(apn: Queryable, truth: Queryable, ctx: DayContext, rows: Ace[], burst: number, out: { apn: Op[]; truth: Op[] }): Promise<void> {
  const rng = ctx.rng('new-ace');
  const n = eventsToday(rng, NEW_OPPS[ctx.scale], 1);
  const templates = (await apn.query<{ id: number; ace_id: string }>('SELECT id, apn_crm_unique_identifier AS ace_id FROM apn_opportunity WHERE end_user_id IS NOT NULL ORDER BY id')).rows;
  if (templates.length === 0) return;
  const entities = new Map((await truth.query<{ ace_id: string; entity_id: string }>(`SELECT ace_id, entity_id FROM ${TRUTH_SCHEMA}.gt_ace_opportunity ORDER BY ace_id`)).rows.map((r) => [r.ace_id, r.entity_id]));
  let id = rows.reduce((m, r) => Math.max(m, r.id), 0);
  let num = rows.reduce((m, r) => Math.max(m, Number(r.ace_id.slice(1)) || 0), 0);
  for (let i = 0; i < n; i++) {
    const r = ctx.rng(`new-ace|${i}`);
    const t = r.pick(templates);
    id++;
    num += r.int(1, 40);
    const aceId = `O${String(num).padStart(7, '0')}`;
    const created = burst - r.int(3600, 15 * 3600) * 1000;
    out.apn.push({
      at: burst, table: 'apn_opportunity', kind: 'insert', ids: [id],
      sql: `INSERT INTO apn_opportunity SELECT (jsonb_populate_record(o, $2::jsonb)).* FROM apn_opportunity o WHERE o.id = $1`,
      params: [t.id, JSON.stringify({
        id, apn_crm_unique_identifier: aceId, partner_crm_unique_identifier: null, opportunity_ownership: 'Partner Referral', status: 'Pending Submission',
        partner_acceptance_status: null, accept_by_date: null, rejection_reason: null, stage: 'Prospect', aws_stage: 'Prospect', closed_lost_reason: null,
        partner_project_title: r.pick(TITLES), target_close_date: isoDate(ctx.start + r.int(45, 180) * DAY), expected_monthly_aws_revenue: (r.int(5, 400) * 50).toFixed(2),
        next_step: 'Submit to AWS', next_step_history: null, review_comments: null, review_status_reason: null, closed_date: null,
        created_date: tts(created), last_modified_date: tts(burst),
      })],
    });
    const entity = entities.get(t.ace_id);
    if (entity) {
      out.truth.push({
        at: burst, table: 'gt_ace_opportunity', kind: 'insert', ids: [aceId],
        sql: `INSERT INTO ${TRUTH_SCHEMA}.gt_ace_opportunity (ace_id, deal_id, entity_id, render_ops, difficulty) VALUES ($1, NULL, $2, ARRAY['delta_new'], 'exact') ON CONFLICT DO NOTHING`,
        params: [aceId, entity],
      });
    }
  }
}
