/**
 * `revops cost --accounts ID[,ID…]|all --from YYYY-MM --to YYYY-MM [--by month|quarter|year] [--product CODE[,CODE…]] [--json]`:
 * AWS cost vs. invoiced per period for a set of linked and/or payer accounts (a payer brings its linked
 * accounts), with margin, the totals, and the flagged account-months. USD; invoices at the rate of their
 * invoice date; credit notes negative. Bad input is a usage error (exit 2) before the warehouse is opened.
 */
import type { Command } from 'commander';
import { GRANULARITIES, parseRange, type Granularity } from '../../app/cost';
import type { CostFigures, CostQueryOutput } from '../../app/contract/cost';
import { openWarehouse } from '../../db/warehouse';
import { costQuery, ensureCostMart } from '../services/cost';
import { commonOptions, UsageError } from './run';

type Opts = { accounts?: string; from?: string; to?: string; by?: string; product?: string; json?: boolean };

const usd = (x: number) => x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

export function parseCostArgs(o: Opts): { accounts: string[]; from: string; to: string; by: Granularity; products: string[] } {
  if (!o.accounts) throw new UsageError('--accounts is required: comma-separated 12-digit AWS account ids (linked or payer), or "all"');
  if (!o.from || !o.to) throw new UsageError('--from and --to are required (YYYY-MM or YYYY-MM-DD)');
  const accounts = o.accounts.trim() === 'all' ? [] : o.accounts.split(',').map((a) => a.trim()).filter(Boolean);
  const bad = accounts.filter((a) => !/^\d{12}$/.test(a));
  if (bad.length > 0) throw new UsageError(`--accounts: not a 12-digit AWS account id: ${bad.join(', ')} (keep leading zeros)`);
  let range;
  try {
    range = parseRange(o.from, o.to);
  } catch (err) {
    throw new UsageError(`--${(err as Error).message}`);
  }
  const by = (o.by ?? 'month') as Granularity;
  if (!GRANULARITIES.includes(by)) throw new UsageError(`--by must be month, quarter or year, got '${o.by}'`);
  const products = o.product ? o.product.split(',').map((p) => p.trim()).filter(Boolean) : [];
  return { accounts, ...range, by, products };
}

const row = (label: string, f: CostFigures) =>
  `${label.padEnd(10)} ${usd(f.cost).padStart(16)} ${usd(f.invoiced).padStart(16)} ${usd(f.margin).padStart(15)} ${pct(f.marginPct).padStart(8)} ${usd(f.billed).padStart(16)}`;

export function formatCost(r: CostQueryOutput): string {
  const lines = [`cost vs invoice, ${r.from} – ${r.to} by ${r.by} (${r.currency}; invoices at the invoice-date rate, credit notes negative)`, ''];
  lines.push(`${'PERIOD'.padEnd(10)} ${'AWS COST (NET)'.padStart(16)} ${'INVOICED'.padStart(16)} ${'MARGIN'.padStart(15)} ${'MARGIN%'.padStart(8)} ${'BILLED (STAGE)'.padStart(16)}`);
  for (const s of r.series) lines.push(row(s.period, s));
  lines.push(row('TOTAL', r.totals));
  const t = r.totals;
  lines.push('', `cost split: gross ${usd(t.gross)}, credits ${usd(t.credits)}, refunds ${usd(t.refunds)}, SPP ${usd(t.discountSpp)}, POD ${usd(t.discountPod)}, other discounts ${usd(t.discountOther)}, tax ${usd(t.tax)}; credit notes ${usd(t.creditNotes)}`);
  if (r.byProduct.length > 0) {
    lines.push('', 'top products:');
    for (const p of r.byProduct.slice(0, 8)) lines.push(`  ${p.productCode.padEnd(28)} cost ${usd(p.cost).padStart(14)}  invoiced ${usd(p.invoiced).padStart(14)}  margin ${pct(p.marginPct)}`);
  }
  if (r.anomalies.length > 0) {
    lines.push('', `flagged account-months: ${r.anomalyCount}${r.anomalyCount > r.anomalies.length ? ` (newest ${r.anomalies.length} in --json)` : ''}`);
    for (const a of r.anomalies.slice(0, 10)) lines.push(`  ${a.month} ${a.accountId || '(no account)'} ${a.kind.replace(/_/g, ' ').padEnd(16)} cost ${usd(a.cost)} invoiced ${usd(a.invoiced)}`);
  }
  return lines.join('\n') + '\n';
}

export function registerCostCommand(program: Command): void {
  program
    .command('cost')
    .description('AWS cost vs. customer invoice per month, quarter or year, with margin and flags, for linked and/or payer accounts')
    .option('--accounts <ids>', 'comma-separated AWS account ids (linked or payer; a payer brings its linked accounts), or "all"')
    .option('--from <month>', 'first month, YYYY-MM (or a day of it)')
    .option('--to <month>', 'last month, YYYY-MM (or a day of it)')
    .option('--by <granularity>', 'month, quarter or year (default month)')
    .option('--product <codes>', 'only these products (comma-separated CUR product codes, e.g. AmazonEC2)')
    .option('--json', 'print the result as JSON')
    .action(async (o: Opts, cmd: Command) => {
      const args = parseCostArgs(o);
      const { dataDir, databaseUrl } = commonOptions(cmd);
      const db = await openWarehouse({ dataDir, databaseUrl });
      try {
        await ensureCostMart(db);
        const r = await costQuery(db, args, args.by);
        process.stdout.write(o.json ? JSON.stringify(r, null, 2) + '\n' : formatCost(r));
      } finally {
        await db.close();
      }
    });
}
