/**
 * Merges in the Odoo source (spec §5.10): 0.5% of leads and 0.2% of partners over a 14-day window, and at least one
 * of each every day while candidates remain (so every day of a sync test has hard deletes; at prod the rate is ≈ 1.3
 * leads a day anyway). Like Odoo's merge wizards, every reference to the merged-away
 * record (the tail) is moved to the surviving one and the tail is hard-deleted; deletions are logged in
 * synthetic_truth.gt_deleted. Deviation (DELTAS.md): our merge also moves write_date of the re-pointed rows, so a
 * write_date cursor sees them (Odoo's partner-merge wizard updates the foreign keys in raw SQL without it).
 *
 * Candidates come from the Odoo state plus static ground truth (roles, deals, entities never change), so a day
 * re-planned after a crash picks the same tails.
 */
import type { Queryable } from '../../../../db/types';
import { ODOO_TABLES } from '../odoo/schema';
import { FOREIGN_KEYS } from '../billing/ddl';
import { TRUTH_SCHEMA } from '../truth/schema';
import { ODOO_IDS } from '../universe-types';
import { quote } from '../write/table';
import { eventsToday, ots, tts, windowRate, type DayContext, type Op } from './day';

const S = TRUTH_SCHEMA;

function refsTo(table: string, extra: { table: string; column: string }[] = []): { table: string; column: string }[] {
  const out = ODOO_TABLES.flatMap((t) => (t.fks ?? []).filter((f) => f.ref === table).map((f) => ({ table: t.name, column: f.column })));
  for (const f of FOREIGN_KEYS) if (f.ref === table) out.push({ table: f.table, column: f.column });
  return [...out, ...extra];
}

/** References to res_partner, including columns Odoo keeps without a constraint. */
const PARTNER_REFS = refsTo('res_partner', [{ table: 'account_move', column: 'partner_shipping_id' }]);
const LEAD_REFS = refsTo('crm_lead').filter((r) => r.table !== 'crm_tag_rel');

type Pair = { tail: number; dest: number };

/** Picks up to n pairs in a seeded order; a record is never both a tail and a destination on one day. */
function choose(candidates: Pair[], n: number, shuffle: <T>(xs: readonly T[]) => T[]): Pair[] {
  const used = new Set<number>();
  const out: Pair[] = [];
  for (const c of shuffle(candidates)) {
    if (out.length >= n) break;
    if (used.has(c.tail) || used.has(c.dest)) continue;
    used.add(c.tail);
    used.add(c.dest);
    out.push(c);
  }
  return out.sort((a, b) => a.tail - b.tail);
}

async function repoint(odoo: Queryable, refs: { table: string; column: string }[], pair: Pair, at: number, skip: (table: string, id: number) => boolean, out: Op[]): Promise<void> {
  for (const r of refs) {
    const ids = (await odoo.query<{ id: number }>(`SELECT id FROM ${quote(r.table)} WHERE ${quote(r.column)} = $1 ORDER BY id`, [pair.tail])).rows.map((x) => x.id).filter((id) => !skip(r.table, id));
    if (ids.length === 0) continue;
    out.push({
      at, table: r.table, kind: 'update', ids,
      sql: `UPDATE ${quote(r.table)} SET ${quote(r.column)} = $1, write_uid = ${ODOO_IDS.adminUser}, write_date = $2::timestamp WHERE id = ANY($3::int[])`,
      params: [pair.dest, ots(at), ids],
    });
  }
}

/** Returns the ids of the leads merged away today. */
export async function planLeadMerges(odoo: Queryable, truth: Queryable, ctx: DayContext, out: { odoo: Op[]; truth: Op[] }): Promise<Set<number>> {
  const leads = (await odoo.query<{ id: number; type: string; active: boolean; user_id: number | null }>('SELECT id, type, active, user_id FROM crm_lead ORDER BY id')).rows;
  const present = new Map(leads.map((l) => [l.id, l]));
  const gt = (await truth.query<{ lead_id: number; deal_id: string | null; entity_id: string | null; fresh: boolean }>(
    `SELECT lead_id, deal_id, entity_id, 'delta_new' = ANY(coalesce(render_ops, '{}')) AS fresh FROM ${S}.gt_crm_lead ORDER BY lead_id`)).rows
    .filter((g) => present.get(Number(g.lead_id))?.active);
  const candidates: Pair[] = [];
  // (1) the same deal keyed twice (duplicates, phases): the newer record is merged into the older one
  const byDeal = new Map<string, number[]>();
  for (const g of gt) if (g.deal_id) byDeal.set(g.deal_id, [...(byDeal.get(g.deal_id) ?? []), Number(g.lead_id)]);
  for (const ids of byDeal.values()) if (ids.length > 1) candidates.push({ tail: Math.max(...ids), dest: Math.min(...ids) });
  // (2) a raw lead, or an opportunity keyed during the deltas, of a customer that already has an (older) opportunity:
  // merged into the oldest one
  const oppOf = new Map<string, number>();
  for (const g of gt) if (g.entity_id && present.get(Number(g.lead_id))?.type === 'opportunity' && !oppOf.has(g.entity_id)) oppOf.set(g.entity_id, Number(g.lead_id));
  for (const g of gt) {
    const dest = g.entity_id ? oppOf.get(g.entity_id) : undefined;
    if (dest !== undefined && dest !== Number(g.lead_id) && (present.get(Number(g.lead_id))?.type === 'lead' || g.fresh)) candidates.push({ tail: Number(g.lead_id), dest });
  }
  const rng = ctx.rng('merge-leads');
  const n = eventsToday(rng, windowRate(0.005, leads.length), 1);
  const gone = new Set<number>();
  for (const pair of choose(candidates, n, (xs) => rng.shuffle(xs))) {
    gone.add(pair.tail);
    const r = ctx.rng(`merge-lead|${pair.tail}`);
    const at = ctx.businessHours(r);
    const who = present.get(pair.dest)?.user_id ?? ODOO_IDS.adminUser;
    await repoint(odoo, LEAD_REFS, pair, at, () => false, out.odoo);
    const tags = (await odoo.query<{ tag_id: number }>('SELECT tag_id FROM crm_tag_rel WHERE lead_id = $1 ORDER BY tag_id', [pair.tail])).rows.map((t) => t.tag_id);
    if (tags.length > 0) {
      out.odoo.push({ at, table: 'crm_tag_rel', kind: 'insert', ids: tags.map((t) => `${pair.dest}|${t}`), sql: 'INSERT INTO crm_tag_rel (lead_id, tag_id) SELECT $1, tag_id FROM crm_tag_rel WHERE lead_id = $2 ON CONFLICT DO NOTHING', params: [pair.dest, pair.tail] });
      out.odoo.push({ at, table: 'crm_tag_rel', kind: 'delete', ids: tags.map((t) => `${pair.tail}|${t}`), sql: 'DELETE FROM crm_tag_rel WHERE lead_id = $1', params: [pair.tail] });
    }
    out.odoo.push({ at, table: 'crm_lead', kind: 'update', ids: [pair.dest], sql: `UPDATE crm_lead SET description = coalesce(description, '') || $2, write_uid = $3, write_date = $4::timestamp WHERE id = $1`, params: [pair.dest, `<p>Merged with #${pair.tail}</p>`, who, ots(at)] });
    out.odoo.push({ at, table: 'crm_lead', kind: 'delete', ids: [pair.tail], sql: 'DELETE FROM crm_lead WHERE id = $1', params: [pair.tail] });
    out.truth.push(
      { at, table: 'gt_deleted', kind: 'insert', ids: [`crm_lead|${pair.tail}`], sql: `INSERT INTO ${S}.gt_deleted (table_name, id, deleted_at) VALUES ('crm_lead', $1, $2::timestamptz) ON CONFLICT DO NOTHING`, params: [pair.tail, tts(at)] },
      { at, table: 'gt_crm_lead', kind: 'update', ids: [pair.tail], sql: `UPDATE ${S}.gt_crm_lead SET merged_into = $2 WHERE lead_id = $1`, params: [pair.tail, pair.dest] },
      // labelled pairs follow the surviving record (a 'match' wins over a weaker label on the same ACE opportunity)
      { at, table: 'gt_opportunity_pair', kind: 'update', ids: [pair.dest], sql: `UPDATE ${S}.gt_opportunity_pair d SET label = 'match' FROM ${S}.gt_opportunity_pair t WHERE d.lead_id = $2 AND t.lead_id = $1 AND t.ace_id = d.ace_id AND t.label = 'match'`, params: [pair.tail, pair.dest] },
      { at, table: 'gt_opportunity_pair', kind: 'delete', ids: [pair.tail], sql: `DELETE FROM ${S}.gt_opportunity_pair t WHERE t.lead_id = $1 AND EXISTS (SELECT 1 FROM ${S}.gt_opportunity_pair d WHERE d.lead_id = $2 AND d.ace_id = t.ace_id)`, params: [pair.tail, pair.dest] },
      { at, table: 'gt_opportunity_pair', kind: 'update', ids: [pair.tail], sql: `UPDATE ${S}.gt_opportunity_pair SET lead_id = $2 WHERE lead_id = $1`, params: [pair.tail, pair.dest] },
      { at, table: 'gt_pod_expected', kind: 'update', ids: [pair.tail], sql: `UPDATE ${S}.gt_pod_expected SET linked_lead_id = $2 WHERE linked_lead_id = $1`, params: [pair.tail, pair.dest] },
    );
  }
  return gone;
}

/** Returns the ids of the partners merged away today. */
export async function planPartnerMerges(odoo: Queryable, truth: Queryable, ctx: DayContext, out: { odoo: Op[]; truth: Op[] }): Promise<Set<number>> {
  const partners = (await odoo.query<{ id: number; parent_id: number | null; active: boolean }>('SELECT id, parent_id, active FROM res_partner ORDER BY id')).rows;
  const present = new Map(partners.map((p) => [p.id, p]));
  const roles = (await truth.query<{ partner_id: number; entity_id: string | null; role: string }>(`SELECT partner_id, entity_id, role FROM ${S}.gt_odoo_partner ORDER BY partner_id`)).rows
    .filter((r) => present.has(Number(r.partner_id)));
  const canonical = new Map<string, number>();
  for (const r of roles) if (r.role === 'company' && r.entity_id && !canonical.has(r.entity_id)) canonical.set(r.entity_id, Number(r.partner_id));
  const candidates: Pair[] = [];
  for (const r of roles) {
    const id = Number(r.partner_id);
    // (1) a duplicate company record merged into the canonical one; (2) a stale address merged into its company
    if (r.role === 'duplicate_company' && r.entity_id && canonical.has(r.entity_id)) candidates.push({ tail: id, dest: canonical.get(r.entity_id) as number });
    const parent = present.get(id)?.parent_id;
    if ((r.role === 'delivery_address' || r.role === 'other_address') && parent && present.has(parent)) candidates.push({ tail: id, dest: parent });
  }
  const rng = ctx.rng('merge-partners');
  const n = eventsToday(rng, windowRate(0.002, partners.length), 1);
  const gone = new Set<number>();
  for (const pair of choose(candidates, n, (xs) => rng.shuffle(xs))) {
    gone.add(pair.tail);
    const at = ctx.businessHours(ctx.rng(`merge-partner|${pair.tail}`));
    await repoint(odoo, PARTNER_REFS, pair, at, (table, id) => table === 'res_partner' && id === pair.tail, out.odoo);
    out.odoo.push({ at, table: 'res_partner', kind: 'update', ids: [pair.dest], sql: `UPDATE res_partner SET write_uid = ${ODOO_IDS.adminUser}, write_date = $2::timestamp WHERE id = $1`, params: [pair.dest, ots(at)] });
    out.odoo.push({ at, table: 'res_partner', kind: 'delete', ids: [pair.tail], sql: 'DELETE FROM res_partner WHERE id = $1', params: [pair.tail] });
    out.truth.push(
      { at, table: 'gt_deleted', kind: 'insert', ids: [`res_partner|${pair.tail}`], sql: `INSERT INTO ${S}.gt_deleted (table_name, id, deleted_at) VALUES ('res_partner', $1, $2::timestamptz) ON CONFLICT DO NOTHING`, params: [pair.tail, tts(at)] },
      { at, table: 'gt_odoo_partner', kind: 'update', ids: [pair.tail], sql: `UPDATE ${S}.gt_odoo_partner SET merged_into = $2 WHERE partner_id = $1`, params: [pair.tail, pair.dest] },
    );
  }
  return gone;
}
