/**
 * Daily CRM changes in the Odoo source (spec §5.10): the nightly lead-scoring job rewrites automated_probability of
 * every open opportunity at the same second (Odoo's predictive-lead-scoring cron does this), open opportunities get
 * Poisson(0.08/day) edits (stage, deadline, probability) that move write_date and date_last_stage_update, some are
 * won or lost (lost → archived, 10% kept active in the Lost stage), new leads arrive, and on even days a VAT
 * re-validation job touches every company with a VAT number (write_date moves, nothing else changes).
 */
import type { Queryable } from '../../../../db/types';
import { clamp, DAY, isoDate } from '../dates';
import { ODOO_IDS } from '../universe-types';
import { TRUTH_SCHEMA } from '../truth/schema';
import { eventsToday, ots, type DayContext, type Op } from './day';

const PROB: Record<string, number> = { New: 10, Discovery: 20, Qualified: 30, 'Technical Validation': 50, 'Proposal Sent': 60, Negotiation: 80, 'Tender Submitted': 60, Won: 100, Lost: 0 };
const LADDER = ['New', 'Discovery', 'Qualified', 'Technical Validation', 'Proposal Sent', 'Negotiation'];
const WORKLOADS = ['Data Lake Migration', 'SAP on AWS', 'Managed Services', 'Windows Migration', 'GenAI Assistant', 'Cost Optimization', 'Kubernetes Platform', 'Backup & DR'];
/** new leads per day (≈ the base rate of lead creation: 3,600 leads over 36 months at prod) */
const NEW_LEADS = { tiny: 0.3, small: 0.6, prod: 3 } as const;
const EDIT_RATE = 0.08;
const CLOSE_RATE = 0.006;

type Stage = { id: number; name: string };
type OpenLead = { id: number; stage_id: number; probability: number; date_deadline: string | null; user_id: number | null; expected_revenue: string | null };

export type CrmRefs = { stages: Map<string, number>; users: { id: number; team: number | null }[]; lostReasons: number[] };

export async function crmRefs(odoo: Queryable): Promise<CrmRefs> {
  const stages = (await odoo.query<Stage>(`SELECT id, name->>'en_US' AS name FROM crm_stage ORDER BY id`)).rows;
  const users = (await odoo.query<{ id: number; team: number | null }>(
    `SELECT u.id, (SELECT m.crm_team_id FROM crm_team_member m WHERE m.user_id = u.id AND m.active ORDER BY m.id LIMIT 1) AS team
       FROM res_users u WHERE u.active AND NOT u.share AND u.id >= 6 ORDER BY u.id`)).rows;
  const lostReasons = (await odoo.query<{ id: number }>('SELECT id FROM crm_lost_reason WHERE active ORDER BY id')).rows.map((r) => r.id);
  return { stages: new Map(stages.map((s) => [s.name, s.id])), users, lostReasons };
}

function stageOf(refs: CrmRefs, name: string): number {
  const id = refs.stages.get(name);
  if (id === undefined) throw new Error(`crm_stage '${name}' is missing from the Odoo source`);
  return id;
}

/** `gone`: leads and partners merged away today (planned first), never edited or linked to by today's new rows. */
export async function planCrm(odoo: Queryable, truth: Queryable, ctx: DayContext, refs: CrmRefs, gone: { leads: Set<number>; partners: Set<number> }, out: { odoo: Op[]; truth: Op[] }): Promise<void> {
  const won = stageOf(refs, 'Won');
  const lost = stageOf(refs, 'Lost');
  const nameOf = new Map([...refs.stages].map(([n, id]) => [id, n]));
  const open = (await odoo.query<OpenLead>(
    `SELECT id, stage_id, probability, date_deadline::text AS date_deadline, user_id, expected_revenue::text AS expected_revenue FROM crm_lead
      WHERE active AND type = 'opportunity' AND stage_id NOT IN ($1, $2) ORDER BY id`, [won, lost])).rows.filter((l) => !gone.leads.has(l.id));

  // 02:00:00 — the lead-scoring cron: every open opportunity, one write_date.
  if (open.length > 0) {
    const scores = open.map((l) => clamp(Math.round((l.probability + ctx.rng(`score|${l.id}`).normal(0, 8)) * 100) / 100, 0, 100));
    out.odoo.push({
      at: ctx.at(2 * 3600), table: 'crm_lead', kind: 'update', ids: open.map((l) => l.id),
      sql: `UPDATE crm_lead t SET automated_probability = v.p, write_uid = ${ODOO_IDS.odooBotUser}, write_date = $3::timestamp FROM (SELECT unnest($1::int[]) AS id, unnest($2::float8[]) AS p) v WHERE t.id = v.id`,
      params: [open.map((l) => l.id), scores, ots(ctx.at(2 * 3600))],
    });
  }

  for (const l of open) {
    const rng = ctx.rng(`lead|${l.id}`);
    const at = ctx.businessHours(rng);
    const writer = l.user_id ?? ODOO_IDS.adminUser;
    if (rng.chance(CLOSE_RATE)) {
      if (rng.chance(0.6)) {
        out.odoo.push({ at, table: 'crm_lead', kind: 'update', ids: [l.id], sql: `UPDATE crm_lead SET stage_id = $2, probability = 100, automated_probability = 100, date_closed = $3::timestamp, date_last_stage_update = $3::timestamp, write_uid = $4, write_date = $3::timestamp WHERE id = $1`, params: [l.id, won, ots(at), writer] });
      } else {
        const keep = rng.chance(0.1); // some reps move lost deals to a Lost stage instead of archiving them
        out.odoo.push({
          at, table: 'crm_lead', kind: 'update', ids: [l.id],
          sql: `UPDATE crm_lead SET active = $2, stage_id = CASE WHEN $2 THEN $3 ELSE stage_id END, probability = 0, automated_probability = 0, lost_reason_id = $4, date_closed = $5::timestamp, date_last_stage_update = CASE WHEN $2 THEN $5::timestamp ELSE date_last_stage_update END, write_uid = $6, write_date = $5::timestamp WHERE id = $1`,
          params: [l.id, keep, lost, refs.lostReasons.length > 0 ? rng.pick(refs.lostReasons) : null, ots(at), writer],
        });
      }
      continue;
    }
    if (rng.poisson(EDIT_RATE) === 0) continue;
    const kind = rng.weighted([['stage', 50], ['deadline', 30], ['probability', 20]] as const);
    if (kind === 'stage') {
      const current = nameOf.get(l.stage_id) ?? 'New';
      const i = LADDER.indexOf(current);
      const next = i < 0 ? current : (LADDER[Math.min(LADDER.length - 1, rng.chance(0.85) ? i + 1 : Math.max(0, i - 1))] as string);
      out.odoo.push({ at, table: 'crm_lead', kind: 'update', ids: [l.id], sql: `UPDATE crm_lead SET stage_id = $2, probability = $3, date_last_stage_update = $4::timestamp, write_uid = $5, write_date = $4::timestamp WHERE id = $1`, params: [l.id, stageOf(refs, next), PROB[next] ?? l.probability, ots(at), writer] });
    } else if (kind === 'deadline') {
      const base = l.date_deadline ? Date.parse(`${l.date_deadline}T00:00:00Z`) : ctx.start + 60 * DAY;
      const moved = Math.max(ctx.start + DAY, base + Math.round(rng.normal(14, 20)) * DAY);
      out.odoo.push({ at, table: 'crm_lead', kind: 'update', ids: [l.id], sql: `UPDATE crm_lead SET date_deadline = $2::date, write_uid = $3, write_date = $4::timestamp WHERE id = $1`, params: [l.id, isoDate(moved), writer, ots(at)] });
    } else {
      const p = clamp(l.probability + rng.pick([-10, -5, 5, 10, 15]), 5, 95);
      const revenue = l.expected_revenue === null ? null : ((Number(l.expected_revenue) * p) / 100).toFixed(2);
      out.odoo.push({ at, table: 'crm_lead', kind: 'update', ids: [l.id], sql: `UPDATE crm_lead SET probability = $2, prorated_revenue = $3::numeric, write_uid = $4, write_date = $5::timestamp WHERE id = $1`, params: [l.id, p, revenue, writer, ots(at)] });
    }
  }

  // 01:30:00 on even days — VAT re-validation of every company with a VAT id: write_date moves, the data does not.
  if (ctx.day % 2 === 0) {
    const vat = (await odoo.query<{ id: number }>('SELECT id FROM res_partner WHERE is_company AND active AND vat IS NOT NULL ORDER BY id')).rows.map((r) => r.id);
    if (vat.length > 0) out.odoo.push({ at: ctx.at(5400), table: 'res_partner', kind: 'update', ids: vat, sql: `UPDATE res_partner SET write_uid = ${ODOO_IDS.odooBotUser}, write_date = $2::timestamp WHERE id = ANY($1::int[])`, params: [vat, ots(ctx.at(5400))] });
  }

  await planNewLeads(odoo, truth, ctx, refs, gone.partners, out);
}

async function planNewLeads(odoo: Queryable, truth: Queryable, ctx: DayContext, refs: CrmRefs, gonePartners: Set<number>, out: { odoo: Op[]; truth: Op[] }): Promise<void> {
  const rng = ctx.rng('new-leads');
  const n = eventsToday(rng, NEW_LEADS[ctx.scale], 1);
  const s = TRUTH_SCHEMA;
  // Static truth only (roles never change), so a re-planned day after a crash picks the same partners.
  const roles = new Map((await truth.query<{ partner_id: number; entity_id: string | null }>(`SELECT partner_id, entity_id FROM ${s}.gt_odoo_partner WHERE role = 'company' ORDER BY partner_id`)).rows.map((r) => [Number(r.partner_id), r.entity_id]));
  const partners = (await odoo.query<{ id: number; name: string; email: string | null; website: string | null; country_id: number | null; state_id: number | null; city: string | null; zip: string | null; street: string | null }>(
    `SELECT id, name, email, website, country_id, state_id, city, zip, street FROM res_partner WHERE is_company AND active ORDER BY id`)).rows.filter((p) => roles.has(p.id) && !gonePartners.has(p.id));
  if (partners.length === 0 || refs.users.length === 0) return;
  // Odoo ids come from a sequence: never reuse the id of a lead merged away (base merge tails live in the truth only).
  const maxOdoo = Number((await odoo.query<{ m: number | null }>('SELECT max(id) AS m FROM crm_lead')).rows[0]?.m ?? 0);
  const maxTruth = Number((await truth.query<{ m: number | null }>(
    `SELECT greatest((SELECT max(lead_id) FROM ${s}.gt_crm_lead WHERE NOT ('delta_new' = ANY(coalesce(render_ops, '{}')))),
                     (SELECT max(id) FROM ${s}.gt_deleted WHERE table_name = 'crm_lead' AND deleted_at < $1::timestamptz)) AS m`, [new Date(ctx.start)])).rows[0]?.m ?? 0);
  let id = Math.max(maxOdoo, maxTruth);
  const newStage = stageOf(refs, 'New');
  for (let i = 0; i < n; i++) {
    id++;
    const r = ctx.rng(`new-lead|${i}`);
    const p = r.pick(partners);
    const user = r.pick(refs.users);
    const at = ctx.businessHours(r);
    const workload = r.pick(WORKLOADS);
    const isLead = r.chance(0.3);
    const value = r.int(5, 120) * 1000;
    const row: Record<string, unknown> = {
      id, name: isLead ? `${r.pick(['Web form', 'Webinar', 'AWS Summit'])} - ${p.name}` : `${p.name} - ${workload}`, type: isLead ? 'lead' : 'opportunity', active: true,
      partner_id: p.id, partner_name: p.name, email_from: p.email, email_normalized: p.email?.trim().toLowerCase() ?? null, website: p.website,
      user_id: user.id, team_id: user.team, stage_id: newStage, company_id: ODOO_IDS.company, probability: 10, automated_probability: 10,
      expected_revenue: value.toFixed(2), prorated_revenue: (value / 10).toFixed(2), date_deadline: isLead ? null : isoDate(ctx.start + r.int(30, 150) * DAY),
      date_open: ots(at), date_last_stage_update: ots(at), priority: '1', street: p.street, zip: p.zip, city: p.city, state_id: p.state_id, country_id: p.country_id,
      color: 0, create_uid: user.id, create_date: ots(at), write_uid: user.id, write_date: ots(at),
    };
    const cols = Object.keys(row);
    out.odoo.push({ at, table: 'crm_lead', kind: 'insert', ids: [id], sql: `INSERT INTO crm_lead (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map((_, k) => `$${k + 1}`).join(', ')})`, params: cols.map((c) => row[c]) });
    out.truth.push({ at, table: 'gt_crm_lead', kind: 'insert', ids: [id], sql: `INSERT INTO ${s}.gt_crm_lead (lead_id, deal_id, entity_id, render_ops, merged_into) VALUES ($1, NULL, $2, ARRAY['delta_new'], NULL) ON CONFLICT DO NOTHING`, params: [id, roles.get(p.id) ?? null] });
  }
}
