/**
 * sale_order / sale_order_line / project_project (spec §5.8): won opportunities → 80% confirmed SO, 15%
 * cancelled quotation; renewals without an opportunity; quotations for late-stage open opportunities to
 * reach the target count. Confirmed orders become the `ServiceOrder`s the billing half invoices.
 */
import { stream, type Rng } from '../rng';
import { ODOO_IDS, type ServiceOrder } from '../universe-types';
import type { LeadPlan } from '../model';
import { serviceCatalog } from '../billing/catalog';
import { addDays, clamp, DAY, isoDate, odooTs } from '../dates';
import { addRow, type World } from '../world';

type Kind = ServiceOrder['kind'];
type Draft = { lead: LeadPlan | null; partnerId: number; entityId: string | null; state: 'sale' | 'cancel' | 'draft' | 'sent'; date: number; kind: Kind; value: number; userId: number; teamId: number };

function kindFor(workload: string | undefined, rng: Rng): Kind {
  if (workload === 'Managed Services' || workload === 'Backup & DR') return 'subscription';
  if (workload && /migration|SAP|DC exit|Mainframe|Landing Zone|Well-Architected/i.test(workload)) return rng.chance(0.7) ? 'fixed_fee' : 'time_and_materials';
  return 'time_and_materials';
}

export function buildSales(w: World): ServiceOrder[] {
  const rng = stream(w.seed, 'sales|plan');
  const target = w.cfg.saleOrders;
  const drafts: Draft[] = [];
  const internal = w.users.filter((u) => !u.share && u.active);
  const forLead = (l: LeadPlan, state: Draft['state'], date: number): Draft | null => {
    const partnerId = l.commercialPartnerId ?? (l.entityId ? w.partnerOf.get(l.entityId) : undefined);
    if (!partnerId) return null;
    const deal = l.dealId ? w.dealById.get(l.dealId) : undefined;
    const r = stream(w.seed, `sales|lead|${l.id}`);
    return { lead: l, partnerId, entityId: l.entityId, state, date, kind: kindFor(deal?.workload, r), value: deal?.servicesValue ?? r.int(5, 60) * 1000,
      userId: Number(l.row.user_id ?? ODOO_IDS.adminUser), teamId: Number(l.row.team_id ?? 1) };
  };
  const won = w.leads.filter((l) => !l.merged && l.type === 'opportunity' && l.state === 'won');
  for (const l of won) {
    const r = stream(w.seed, `sales|won|${l.id}`);
    const roll = r.next();
    const d = roll < 0.8 ? forLead(l, 'sale', clamp((l.closedAt ?? l.createdAt) + r.int(0, 10) * DAY, l.createdAt, w.clock.end - DAY))
      : roll < 0.95 ? forLead(l, 'cancel', clamp(l.createdAt + r.int(5, 60) * DAY, l.createdAt, w.clock.end - DAY)) : null;
    if (d) drafts.push(d);
  }
  const renewalsWanted = Math.round(target * 0.2);
  const renewalPool = [...new Set([...w.accounts.byEntity.keys(), ...won.map((l) => l.entityId ?? '')])].filter((id) => w.partnerOf.has(id)).sort();
  const renewal = (i: number): Draft => {
    const r = stream(w.seed, `sales|renewal|${i}`);
    const entityId = r.pick(renewalPool);
    const am = w.amOf.get(entityId);
    return { lead: null, partnerId: w.partnerOf.get(entityId) as number, entityId, state: r.chance(0.9) ? 'sale' : 'sent',
      date: w.clock.asOf - r.int(5, Math.round((w.clock.asOf - w.clock.historyStart) / DAY)) * DAY + r.int(8, 17) * 3600_000, kind: 'subscription',
      value: Math.round(r.lognormal(Math.log(18_000), 0.7)), userId: am?.userId ?? ODOO_IDS.adminUser, teamId: am?.teamId ?? 1 };
  };
  const quotes = w.leads
    .filter((l) => !l.merged && l.type === 'opportunity' && l.state === 'open' && (l.row.stage_id === w.stageId.proposal || l.row.stage_id === w.stageId.negotiation || l.row.stage_id === w.stageId.tender))
    .sort((a, b) => stream(w.seed, `sales|q|${a.id}`).next() - stream(w.seed, `sales|q|${b.id}`).next());
  let r = 0;
  for (; r < renewalsWanted && renewalPool.length > 0 && drafts.length < target; r++) drafts.push(renewal(r));
  for (const l of quotes) {
    if (drafts.length >= target) break;
    const d = forLead(l, rng.chance(0.5) ? 'draft' : 'sent', clamp(l.createdAt + rng.int(10, 60) * DAY, l.createdAt, w.clock.end - DAY));
    if (d) drafts.push(d);
  }
  while (drafts.length < target && renewalPool.length > 0) drafts.push(renewal(r++));
  const kept = drafts.slice(0, target).sort((a, b) => a.date - b.date || a.partnerId - b.partnerId);
  return writeOrders(w, kept, internal.map((u) => u.userId));
}

function writeOrders(w: World, orders: Draft[], userIds: number[]): ServiceOrder[] {
  const catalog = serviceCatalog();
  const byKind = (k: string) => catalog.filter((p) => p.kind === k);
  const extra = Math.max(0, w.cfg.saleOrderLines - orders.length);
  const extraOf = new Map<number, number>();
  const order = stream(w.seed, 'sales|lines').shuffle(orders.map((_, i) => i));
  for (let j = 0; j < extra; j++) {
    const i = order[j % Math.max(1, order.length)] as number;
    extraOf.set(i, (extraOf.get(i) ?? 0) + 1);
  }
  const out: ServiceOrder[] = [];
  let lineId = 0;
  let projects = 0;
  const confirmed = orders.filter((o) => o.state === 'sale').length;
  orders.forEach((o, i) => {
    const rng = stream(w.seed, `sales|order|${i}`);
    const id = i + 1;
    const name = `S${String(id).padStart(5, '0')}`;
    const nLines = 1 + (extraOf.get(i) ?? 0);
    const pool = o.kind === 'subscription' ? [...byKind('managed'), ...byKind('admin_fee')] : o.kind === 'fixed_fee' ? [...byKind('map_fixed'), ...byKind('tm')] : byKind('tm');
    const weights = rng.dirichlet(Array.from({ length: nLines }, () => 1));
    const lines: ServiceOrder['lines'] = [];
    let untaxed = 0;
    const created = odooTs(o.date);
    const domestic = w.byId.get(o.entityId ?? '')?.countryCode === 'DE';
    for (let k = 0; k < nLines; k++) {
      const p = pool[k === 0 ? 0 : rng.int(0, pool.length - 1)] ?? catalog[0];
      if (!p) throw new Error('service catalog is empty');
      const amount = Math.max(50, Math.round(o.value * (weights[k] ?? 1)));
      const qty = p.kind === 'tm' ? Math.max(1, Math.round(amount / 1250)) : 1;
      const unit = Math.round((amount / qty) * 100) / 100;
      const subtotal = Math.round(unit * qty * 100) / 100;
      const tax = domestic ? Math.round(subtotal * 19) / 100 : 0;
      untaxed += subtotal;
      lineId++;
      lines.push({ productId: p.productId, amountEur: subtotal, description: p.name });
      addRow(w, 'sale_order_line', {
        id: lineId, order_id: id, sequence: (k + 1) * 10, product_id: p.productId, product_template_id: p.templateId, name: p.name, product_uom_qty: qty.toFixed(2),
        product_uom: p.kind === 'tm' ? 3 : 1, price_unit: unit.toFixed(2), discount: '0.00', price_subtotal: subtotal.toFixed(2), price_tax: tax.toFixed(2),
        price_total: (subtotal + tax).toFixed(2), qty_delivered: o.state === 'sale' ? qty.toFixed(2) : '0.00', qty_invoiced: o.state === 'sale' ? qty.toFixed(2) : '0.00',
        qty_to_invoice: '0.00', invoice_status: o.state === 'sale' ? 'invoiced' : 'no', state: o.state, display_type: null, company_id: ODOO_IDS.company,
        currency_id: ODOO_IDS.currency.EUR, order_partner_id: o.partnerId, salesman_id: o.userId, analytic_distribution: null,
        create_uid: o.userId, create_date: created, write_uid: o.userId, write_date: created,
      });
      if ((k === 0 || confirmed < w.cfg.projects) && o.state === 'sale' && projects < w.cfg.projects) {
        projects++;
        const pr = stream(w.seed, `sales|project|${id}`);
        const entity = w.byId.get(o.entityId ?? '');
        const otherCompanies = (w.companiesOf.get(o.entityId ?? '') ?? []).filter((x) => x !== o.partnerId);
        const partner = pr.chance(0.1) && otherCompanies[0] ? otherCompanies[0] : o.partnerId;
        const start = o.date + pr.int(1, 20) * DAY;
        const status = pr.weighted([['on_track', 50], ['at_risk', 12], ['off_track', 5], ['on_hold', 5], ['to_define', 8], ['done', 20]] as const);
        addRow(w, 'project_project', {
          id: projects, name: { en_US: `${entity?.shortName ?? 'Customer'} – ${p.name}`, de_DE: `${entity?.shortName ?? 'Kunde'} – ${p.name}` }, active: status !== 'done' || pr.chance(0.5),
          sequence: 10, partner_id: partner, company_id: ODOO_IDS.company, user_id: pr.pick(userIds), date_start: isoDate(Math.min(start, w.clock.asOf)),
          date: isoDate(addDays(start, pr.int(30, 240))), privacy_visibility: pr.pick(['employees', 'followers', 'portal']), stage_id: status === 'done' ? 3 : 2,
          last_update_status: status, allow_billable: o.kind !== 'subscription', sale_line_id: lineId, analytic_account_id: null,
          description: null, date_last_stage_update: odooTs(Math.min(start, w.clock.end)), create_uid: o.userId, create_date: created, write_uid: o.userId,
          write_date: odooTs(clamp(start, o.date, w.clock.end)),
        });
      }
    }
    const untaxedR = Math.round(untaxed * 100) / 100;
    const taxR = domestic ? Math.round(untaxedR * 19) / 100 : 0;
    addRow(w, 'sale_order', {
      id, name, state: o.state, partner_id: o.partnerId, partner_invoice_id: o.partnerId, partner_shipping_id: o.partnerId, date_order: created,
      validity_date: isoDate(addDays(o.date, 30)), commitment_date: null, user_id: o.userId, team_id: o.teamId, company_id: ODOO_IDS.company,
      currency_id: ODOO_IDS.currency.EUR, amount_untaxed: untaxedR.toFixed(2), amount_tax: taxR.toFixed(2), amount_total: (untaxedR + taxR).toFixed(2),
      currency_rate: '1.000000', invoice_status: o.state === 'sale' ? 'invoiced' : 'no', client_order_ref: rng.chance(0.3) ? `PO-${rng.int(10_000, 99_999)}` : null,
      origin: o.lead ? String(o.lead.row.name ?? '') : null, reference: null, locked: o.state === 'sale' && rng.chance(0.3), opportunity_id: o.lead?.id ?? null,
      source_id: null, create_uid: o.userId, create_date: created, write_uid: o.userId, write_date: odooTs(clamp(o.date + rng.int(0, 30) * DAY, o.date, w.clock.end)),
    });
    if (o.state === 'sale') out.push({ saleOrderId: id, name, partnerId: o.partnerId, confirmedDate: isoDate(o.date), kind: o.kind, lines });
  });
  return out;
}
