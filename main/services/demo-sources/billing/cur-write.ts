/**
 * COPY of c_billing_internal_cur in (import month, account id) order: each account-month's regular rows, then the
 * restatements of earlier months posted in that month. While rows stream by, only small aggregates are kept:
 * the first CUR id of every account-month (provenance for bill lines), SPP-bill sums per payer-month,
 * prior-month gross/net per entity, and facts for anomalies and self-checks.
 */
import { stream } from '../rng';
import type { SourceWriter } from '../universe-types';
import { addDays, addMonths, monthEnd, timestamp, ym, type Month } from './calendar';
import { grossMicros } from './cur-plan';
import { accountMonthRows, lateRowsPostedIn, type CurGen, type CurRow } from './cur';
import { fmtMicros } from './money';
import { LEGAL_ENTITY } from './regions';
import type { BillingSetup } from './setup';
import { AWS_PRODUCT_BY_CODE } from './aws-products';
import type { AccountModel } from './spend-model';

export type SppSums = { usage: number; spp: number; credits: number; fees: number; support: number; marketplace: number; tax: number; total: number };

export type CurFacts = {
  rows: number;
  curFirstId: Int32Array;
  spp: Map<string, SppSums>;
  priorGross: Map<string, number>;
  priorNet: Map<string, number>;
  leadingZeroAccounts: number;
  twoPayerMonths: { awsId: string; month: Month; payers: string[] }[];
  restated: { model: AccountModel; m: number; posted: number; row: CurRow }[];
  unmapped: Map<AccountModel, { first: number; months: number; micros: number }>;
};

export const CUR_COLUMNS = [
  'id', 'usage_month', 'bill_billing_period_start_date', 'bill_billing_period_end_date', 'bill_payer_account_id', 'line_item_usage_account_id', 'c_aws_account_id',
  'line_item_product_code', 'product_product_name', 'product_servicecode', 'line_item_line_item_type', 'bill_billing_entity', 'line_item_legal_entity', 'line_item_usage_amount',
  'line_item_unblended_cost', 'pricing_public_on_demand_cost', 'line_item_net_unblended_cost', 'line_item_currency_code', 'bill_invoice_id', 'is_final', 'import_batch',
  'create_uid', 'create_date', 'write_uid', 'write_date',
] as const;

/** A month's CUR is final from day 5 of the next month (spec §5.1). */
export function isFinal(setup: BillingSetup, m: number): boolean {
  return addDays(addMonths(setup.ctx.months[m] as Month, 1), 4) <= setup.ctx.asOf;
}

/** AWS invoice number of a payer-month: EU 'EUINDE25-1234567', others 10 digits. */
export function awsInvoiceId(setup: BillingSetup, payer: string, m: number): string {
  const r = stream(setup.ctx.seed, `aws-invoice|${payer}|${ym(setup.ctx.months[m] as Month)}`);
  const digits = String(r.int(1_000_000_000, 2_999_999_999));
  return setup.ctx.sppPayers.get(payer) === 'EU' ? `EUINDE${(setup.ctx.months[m] as string).slice(2, 4)}-${digits.slice(3)}` : digits;
}

export function sppKey(payer: string, m: number): string {
  return `${payer}|${m}`;
}

function addSpp(facts: CurFacts, r: CurRow, m: number): void {
  const key = sppKey(r.payer, m);
  let s = facts.spp.get(key);
  if (!s) facts.spp.set(key, (s = { usage: 0, spp: 0, credits: 0, fees: 0, support: 0, marketplace: 0, tax: 0, total: 0 }));
  if (r.type === 'SppDiscount') s.spp += r.cost;
  else if (r.type === 'Credit' || r.type === 'Refund') s.credits += r.cost;
  else if (r.type === 'Tax') s.tax += r.cost;
  else if (r.type === 'SavingsPlanRecurringFee' || r.type === 'RIFee' || r.type === 'Fee') s.fees += r.cost;
  else if (r.kind === 'support') s.support += r.cost;
  else if (r.kind === 'marketplace') s.marketplace += r.cost;
  else s.usage += r.cost;
  s.total += r.cost;
}

export async function writeCur(odoo: SourceWriter, setup: BillingSetup, gen: CurGen): Promise<CurFacts> {
  const n = setup.ctx.months.length;
  const facts: CurFacts = {
    rows: 0, curFirstId: new Int32Array(setup.models.length * n), spp: new Map(), priorGross: new Map(), priorNet: new Map(), leadingZeroAccounts: 0,
    twoPayerMonths: [], restated: [], unmapped: new Map(),
  };
  const zeroSeen = new Set<string>();
  let id = 0;
  const encode = (model: AccountModel, m: number, r: CurRow, batch: string, ts: string, final: boolean, invoiceId: string | null): unknown[] => {
    const month = setup.ctx.months[m] as Month;
    const region = setup.ctx.sppPayers.get(r.payer) ?? model.region;
    return [
      ++id, month, month, monthEnd(month), r.payer, model.awsId, model.odooId, r.productCode, r.productName,
      r.entity === 'AWS Marketplace' ? null : AWS_PRODUCT_BY_CODE.has(r.productCode) ? r.productCode : null, r.type, r.entity, LEGAL_ENTITY[region],
      fmtMicros(r.qty), fmtMicros(r.cost), fmtMicros(r.publicCost), r.net === null ? null : fmtMicros(r.net), 'USD', final ? invoiceId : null, final, batch, 1, ts, 1, ts,
    ];
  };
  const observe = (model: AccountModel, m: number, r: CurRow): void => {
    facts.rows++;
    if (model.awsId.startsWith('0') && !zeroSeen.has(model.awsId)) {
      zeroSeen.add(model.awsId);
      facts.leadingZeroAccounts++;
    }
    if (m === setup.prior && model.entityId !== null && !model.phantom) {
      facts.priorGross.set(model.entityId, (facts.priorGross.get(model.entityId) ?? 0) + grossMicros(r));
      facts.priorNet.set(model.entityId, (facts.priorNet.get(model.entityId) ?? 0) + r.cost);
    }
    if (model.partnerId === null && !model.isManagement && model.billingMode !== 'internal') {
      const u = facts.unmapped.get(model) ?? { first: m, months: 0, micros: 0 };
      u.micros += r.cost;
      facts.unmapped.set(model, u);
    }
  };
  function* rows(): Generator<unknown[]> {
    for (let M = 0; M < n; M++) {
      const month = setup.ctx.months[M] as Month;
      const final = isFinal(setup, M);
      const batch = final ? `cur-${ym(month)}-final` : `cur-${ym(month)}-d${setup.ctx.asOf.slice(8, 10)}`;
      const ts = final ? timestamp(addDays(addMonths(month, 1), 4), 2 * 3600 + 30 * 60) : timestamp(setup.ctx.asOf, 3 * 3600);
      for (const model of setup.models) {
        const regular = accountMonthRows(gen, model, M);
        const late = lateRowsPostedIn(gen, model, M);
        if (regular.length === 0 && late.length === 0) continue;
        facts.curFirstId[model.idx * n + M] = id + 1;
        const payers = new Set<string>();
        for (const r of regular) {
          payers.add(r.payer);
          observe(model, M, r);
          if (setup.ctx.sppPayers.has(r.payer)) addSpp(facts, r, M);
          yield encode(model, M, r, batch, ts, final, awsInvoiceId(setup, r.payer, M));
        }
        if (regular.length > 0) {
          const u = facts.unmapped.get(model);
          if (u) u.months++;
        }
        if (payers.size > 1) facts.twoPayerMonths.push({ awsId: model.awsId, month, payers: [...payers].sort() });
        for (const { m, row } of late) {
          const postedDay = addDays(month, 6) <= setup.ctx.asOf ? addDays(month, 6) : setup.ctx.asOf;
          observe(model, m, row);
          facts.restated.push({ model, m, posted: M, row });
          yield encode(model, m, row, `cur-${ym(month)}-restate-${ym(setup.ctx.months[m] as Month)}`, timestamp(postedDay, 2 * 3600 + 45 * 60), true, String(stream(setup.ctx.seed, `memo|${model.awsId}|${m}`).int(3_000_000_000, 3_999_999_999)));
        }
      }
    }
  }
  const written = await odoo.copy('c_billing_internal_cur', CUR_COLUMNS, rows());
  if (written !== facts.rows) throw new Error(`c_billing_internal_cur: wrote ${written} rows, generated ${facts.rows}`);
  return facts;
}
