/**
 * The WHERE clause every cost query shares: a month range, a set of account ids (each a linked account OR a
 * payer; empty = all) and optionally products. Built as SQL with bound parameters; the account-month table
 * is used when no product filter applies (a tenth of the product rows).
 */
import { parseMonth } from '../../../app/cost';
import { Sql, sql } from '../../../db/sql';

export type CostFilter = { accounts: readonly string[]; from: string; to: string; products?: readonly string[] };

export class CostInputError extends Error {
  override name = 'CostInputError';
}

/** 'YYYY-MM' → first day of the month as a date literal parameter. */
export function monthStart(month: string): string {
  const m = parseMonth(month);
  if (!m) throw new CostInputError(`expected a month YYYY-MM (or a date YYYY-MM-DD), got '${month}'`);
  return `${m}-01`;
}

export function whereOf(f: CostFilter, alias = ''): Sql {
  // alias is a code literal ('' or 'm.'), never user input
  const col = (c: string) => new Sql([`${alias}${c}`], []);
  const from = monthStart(f.from);
  const to = monthStart(f.to);
  if (from > to) throw new CostInputError(`from (${f.from}) is after to (${f.to})`);
  const parts: Sql[] = [sql`${col('month')} BETWEEN ${from}::date AND ${to}::date`];
  if (f.accounts.length > 0) parts.push(sql`(${col('account_id')} = ANY (${[...f.accounts]}::text[]) OR ${col('payer_account_id')} = ANY (${[...f.accounts]}::text[]))`);
  if (f.products && f.products.length > 0) parts.push(sql`${col('product_code')} = ANY (${[...f.products]}::text[])`);
  return parts.reduce((a, b) => sql`${a} AND ${b}`);
}

/** The mart to read: product rows only when products are filtered or grouped by. */
export function martOf(f: CostFilter, needProducts: boolean): Sql {
  return needProducts || (f.products && f.products.length > 0) ? sql`core.cost_mart` : sql`core.cost_mart_account_months`;
}

/** Sums of every figure as float8 (rounded to cents in JS, after the margin is derived from the sums). */
export const FIGURE_SUMS = sql`sum(net_cost)::float8 AS cost, sum(gross_cost)::float8 AS gross, sum(cost_credits)::float8 AS credits,
  sum(cost_refunds)::float8 AS refunds, sum(discount_spp)::float8 AS spp, sum(discount_pod)::float8 AS pod, sum(discount_other)::float8 AS other,
  sum(cost_tax)::float8 AS tax, sum(billed_usd)::float8 AS billed, sum(invoiced_usd)::float8 AS invoiced, sum(credit_notes_usd)::float8 AS credit_notes`;

export type FigureSums = { cost: number; gross: number; credits: number; refunds: number; spp: number; pod: number; other: number; tax: number; billed: number; invoiced: number; credit_notes: number };
