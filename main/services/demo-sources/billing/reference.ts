/**
 * Reference rows of the billing half: currencies and daily rates, units, product categories and the catalog,
 * chart of accounts, journals, taxes, fiscal positions, payment terms, analytic plan and one analytic account
 * per billed customer. Small tables: written from arrays.
 */
import { ODOO_IDS, type SourceWriter, type Universe } from '../universe-types';
import { addDays, timestamp } from './calendar';
import { CATEGORY, catalogTemplates } from './catalog';
import type { FxTable } from './fx';
import { ACCOUNT, ANALYTIC_PLAN, FISCAL_POSITION, JOURNAL, TAX, TAX_GROUP } from './ids';

const AUDIT = ['create_uid', 'create_date', 'write_uid', 'write_date'] as const;
const en = (text: string, de?: string): Record<string, string> => (de ? { en_US: text, de_DE: de } : { en_US: text });

const CURRENCIES: readonly [string, string, string, number, boolean, string][] = [
  ['EUR', 'Euro', '€', 0.01, true, 'after'], ['USD', 'United States dollar', '$', 0.01, true, 'before'], ['GBP', 'Pound sterling', '£', 0.01, true, 'before'],
  ['CHF', 'Swiss franc', 'CHF', 0.01, true, 'after'], ['JPY', 'Japanese yen', '¥', 1, false, 'before'], ['SEK', 'Swedish krona', 'kr', 0.01, false, 'after'],
  ['DKK', 'Danish krone', 'kr', 0.01, false, 'after'], ['NOK', 'Norwegian krone', 'kr', 0.01, false, 'after'], ['PLN', 'Polish złoty', 'zł', 0.01, false, 'after'],
  ['CZK', 'Czech koruna', 'Kč', 0.01, false, 'after'], ['INR', 'Indian rupee', '₹', 0.01, false, 'before'], ['AUD', 'Australian dollar', '$', 0.01, false, 'before'],
  ['CAD', 'Canadian dollar', '$', 0.01, false, 'before'], ['SGD', 'Singapore dollar', '$', 0.01, false, 'before'], ['BRL', 'Brazilian real', 'R$', 0.01, false, 'before'],
  ['MXN', 'Mexican peso', '$', 0.01, false, 'before'], ['TRY', 'Turkish lira', '₺', 0.01, false, 'after'], ['CNY', 'Renminbi', '¥', 0.01, false, 'before'],
  ['KRW', 'South Korean won', '₩', 1, false, 'before'], ['AED', 'UAE dirham', 'د.إ', 0.01, false, 'after'],
];

/** id of a currency code (EUR 1, USD 2, GBP 3, CHF 4 as in ODOO_IDS). */
export function currencyId(code: string): number {
  const i = CURRENCIES.findIndex(([c]) => c === code);
  if (i < 0) throw new Error(`unknown currency ${code}`);
  return i + 1;
}

export type AnalyticIndex = Map<number, number>;

export async function writeReference(odoo: SourceWriter, universe: Universe, fx: FxTable, setupTs: string, customersWithAws: readonly number[]): Promise<AnalyticIndex> {
  const scale = universe.params.scale;
  const a = [ODOO_IDS.odooBotUser, setupTs, ODOO_IDS.odooBotUser, setupTs] as const;
  if (currencyId('EUR') !== ODOO_IDS.currency.EUR || currencyId('CHF') !== ODOO_IDS.currency.CHF) throw new Error('currency ids drifted from ODOO_IDS');
  await odoo.copy('res_currency', ['id', 'name', 'full_name', 'symbol', 'rounding', 'decimal_places', 'active', 'position', 'currency_unit_label', 'currency_subunit_label', ...AUDIT],
    CURRENCIES.map(([code, name, sym, rounding, active, pos], i) => [i + 1, code, name, sym, rounding === 1 ? '1.000000' : '0.010000', rounding === 1 ? 0 : 2, active, pos, en(name.split(' ').slice(-1)[0] ?? name), en(rounding === 1 ? '' : 'Cents'), ...a]));
  let rateId = 0;
  await odoo.copy('res_currency_rate', ['id', 'name', 'rate', 'currency_id', 'company_id', ...AUDIT], (function* () {
    for (const r of fx.rows()) {
      const ts = timestamp(r.date, 6 * 3600 + 5);
      yield [++rateId, r.date, r.rate.toFixed(6), currencyId(r.currency), ODOO_IDS.company, ODOO_IDS.odooBotUser, ts, ODOO_IDS.odooBotUser, ts];
    }
  })());
  await odoo.copy('uom_uom', ['id', 'name', 'category_id', 'factor', 'rounding', 'active', 'uom_type', ...AUDIT], [
    [1, en('Units', 'Stück'), 1, '1', '0.01', true, 'reference', ...a], [2, en('Hours', 'Stunden'), 3, '8', '0.01', true, 'smaller', ...a],
    [3, en('Days', 'Tage'), 3, '1', '0.01', true, 'reference', ...a], [4, en('GB'), 5, '1', '0.001', true, 'reference', ...a],
  ]);
  await odoo.copy('product_category', ['id', 'name', 'complete_name', 'parent_id', 'parent_path', ...AUDIT], [
    [CATEGORY.all, 'All', 'All', null, '1/', ...a], [CATEGORY.saleable, 'Saleable', 'All / Saleable', 1, '1/2/', ...a], [CATEGORY.awsResale, 'AWS Resale', 'All / AWS Resale', 1, '1/3/', ...a],
    [CATEGORY.services, 'Services', 'All / Services', 1, '1/4/', ...a], [CATEGORY.licences, 'Third-party Licences', 'All / Third-party Licences', 1, '1/5/', ...a],
  ]);
  const templates = catalogTemplates(scale);
  await odoo.copy('product_template', ['id', 'name', 'sequence', 'description_sale', 'default_code', 'detailed_type', 'type', 'categ_id', 'list_price', 'sale_ok', 'purchase_ok', 'active', 'uom_id', 'uom_po_id', 'company_id', 'invoice_policy', 'service_type', ...AUDIT],
    templates.map((t) => [t.templateId, en(t.name, t.nameDe ?? undefined), 1, t.role === 'aws' ? en(`Resale of ${t.name.replace('AWS – ', '')} usage, billed monthly in arrears`) : null, t.defaultCode, 'service', 'service', t.categoryId, t.listPrice, true, t.role === 'aws' || t.role === 'filler', t.active, t.uomId, t.uomId, null, t.invoicePolicy, t.serviceType, ...a]));
  const products: unknown[][] = [];
  for (const t of templates) {
    if (t.archivedVariantId !== null) products.push([t.archivedVariantId, t.templateId, `${t.defaultCode}-OLD`, false, null, '', ...a]);
    products.push([t.productId, t.templateId, t.defaultCode, t.active, null, '', ...a]);
  }
  await odoo.copy('product_product', ['id', 'product_tmpl_id', 'default_code', 'active', 'barcode', 'combination_indices', ...AUDIT], products);
  const acc = (id: number, code: string, name: string, de: string, type: string, group: string, reconcile: boolean): unknown[] => [id, en(name, de), code, type, group, reconcile, false, null, ODOO_IDS.company, ...a];
  await odoo.copy('account_account', ['id', 'name', 'code', 'account_type', 'internal_group', 'reconcile', 'deprecated', 'currency_id', 'company_id', ...AUDIT], [
    acc(ACCOUNT.receivable, '1200', 'Receivables from trade', 'Forderungen aus Lieferungen und Leistungen', 'asset_receivable', 'asset', true),
    acc(ACCOUNT.payable, '3300', 'Trade payables', 'Verbindlichkeiten aus Lieferungen und Leistungen', 'liability_payable', 'liability', true),
    acc(ACCOUNT.productSales, '8400', 'Revenue 19% VAT', 'Erlöse 19% USt', 'income', 'income', false),
    acc(ACCOUNT.awsRevenue, '8401', 'Revenue AWS resale', 'Erlöse AWS Weiterverkauf', 'income', 'income', false),
    acc(ACCOUNT.servicesRevenue, '8402', 'Revenue professional services', 'Erlöse Beratungsleistungen', 'income', 'income', false),
    acc(ACCOUNT.managedRevenue, '8403', 'Revenue managed services', 'Erlöse Managed Services', 'income', 'income', false),
    acc(ACCOUNT.awsCost, '3400', 'AWS cost of revenue', 'Wareneingang AWS', 'expense_direct_cost', 'expense', false),
    acc(ACCOUNT.taxPayable, '1776', 'Output VAT 19%', 'Umsatzsteuer 19%', 'liability_current', 'liability', false),
    acc(ACCOUNT.taxReceivable, '1576', 'Input VAT 19%', 'Abziehbare Vorsteuer 19%', 'asset_current', 'asset', false),
    acc(ACCOUNT.bank, '1800', 'Bank', 'Bank', 'asset_cash', 'asset', false),
    acc(ACCOUNT.accruedAws, '3550', 'Accrued AWS costs', 'Abgegrenzte AWS-Kosten', 'liability_current', 'liability', false),
    acc(ACCOUNT.fxGain, '2660', 'Foreign exchange gains', 'Erträge aus Kursdifferenzen', 'income_other', 'income', false),
    acc(ACCOUNT.fxLoss, '2150', 'Foreign exchange losses', 'Aufwendungen aus Kursdifferenzen', 'expense', 'expense', false),
  ]);
  await odoo.copy('account_journal', ['id', 'name', 'code', 'type', 'active', 'sequence', 'refund_sequence', 'default_account_id', 'currency_id', 'company_id', ...AUDIT], [
    [JOURNAL.sale, en('Customer Invoices', 'Kundenrechnungen'), 'INV', 'sale', true, 5, true, ACCOUNT.productSales, null, ODOO_IDS.company, ...a],
    [JOURNAL.purchase, en('Vendor Bills', 'Lieferantenrechnungen'), 'BILL', 'purchase', true, 6, true, ACCOUNT.awsCost, null, ODOO_IDS.company, ...a],
    [JOURNAL.misc, en('Miscellaneous Operations', 'Sonstige Buchungen'), 'MISC', 'general', true, 9, false, null, null, ODOO_IDS.company, ...a],
    [JOURNAL.exchange, en('Exchange Difference', 'Kursdifferenzen'), 'EXCH', 'general', true, 9, false, null, null, ODOO_IDS.company, ...a],
    [JOURNAL.bank, en('Bank'), 'BNK1', 'bank', true, 10, false, ACCOUNT.bank, null, ODOO_IDS.company, ...a],
  ]);
  await odoo.copy('account_tax_group', ['id', 'name', 'sequence', 'company_id', ...AUDIT], [[TAX_GROUP.vat19, en('VAT 19%', 'USt 19%'), 1, ODOO_IDS.company, ...a], [TAX_GROUP.vat0, en('VAT 0%', 'USt 0%'), 2, ODOO_IDS.company, ...a]]);
  const tax = (id: number, name: string, de: string, use: string, amount: string, group: number): unknown[] => [id, en(name, de), en(name), use, 'service', 'percent', amount, false, true, id, group, null, ODOO_IDS.company, ...a];
  await odoo.copy('account_tax', ['id', 'name', 'description', 'type_tax_use', 'tax_scope', 'amount_type', 'amount', 'price_include', 'active', 'sequence', 'tax_group_id', 'country_id', 'company_id', ...AUDIT], [
    tax(TAX.sale19, '19% VAT', '19% USt', 'sale', '19.0', TAX_GROUP.vat19),
    tax(TAX.saleEu0, '0% EU S (reverse charge)', '0% EU L (Reverse Charge)', 'sale', '0.0', TAX_GROUP.vat0),
    tax(TAX.saleExport0, '0% Export (non-EU)', '0% Export (Drittland)', 'sale', '0.0', TAX_GROUP.vat0),
    tax(TAX.purchase19, '19% Input VAT', '19% Vorsteuer', 'purchase', '19.0', TAX_GROUP.vat19),
    tax(TAX.purchaseEu0, '0% EU P (reverse charge)', '0% EU E (Reverse Charge)', 'purchase', '0.0', TAX_GROUP.vat0),
  ]);
  await odoo.copy('account_fiscal_position', ['id', 'name', 'sequence', 'active', 'auto_apply', 'vat_required', 'note', 'company_id', ...AUDIT], [
    [FISCAL_POSITION.domestic, en('Domestic (Germany)', 'Inland'), 1, true, true, false, null, ODOO_IDS.company, ...a],
    [FISCAL_POSITION.intraEu, en('Intra-EU B2B', 'EU-Ausland (B2B)'), 2, true, true, true, en('Reverse charge: tax liability of the recipient (Art. 196 VAT Directive).'), ODOO_IDS.company, ...a],
    [FISCAL_POSITION.nonEu, en('Non-EU (export)', 'Drittland'), 3, true, true, false, null, ODOO_IDS.company, ...a],
  ]);
  await odoo.copy('account_payment_term', ['id', 'name', 'active', 'sequence', 'note', 'company_id', ...AUDIT], [
    [1, en('Immediate Payment', 'Sofort fällig'), true, 1, null, null, ...a], [2, en('15 Days', '15 Tage'), true, 2, null, null, ...a],
    [3, en('30 Days', '30 Tage'), true, 3, null, null, ...a], [4, en('45 Days', '45 Tage'), true, 4, null, null, ...a],
    [5, en('End of Following Month', 'Ende des Folgemonats'), true, 5, null, null, ...a],
  ]);
  await odoo.copy('account_analytic_plan', ['id', 'name', 'description', 'parent_id', 'color', 'default_applicability', ...AUDIT], [[ANALYTIC_PLAN.customers, en('Customers', 'Kunden'), 'Analytic account per AWS customer', null, 1, 'optional', ...a]]);
  const names = new Map(universe.entities.map((e) => [e.entityId, e.canonicalName]));
  const index: AnalyticIndex = new Map();
  const rows = customersWithAws.map((partnerId, i) => {
    index.set(partnerId, i + 1);
    const c = universe.customers.find((x) => x.partnerId === partnerId);
    const ts = timestamp(addDays(setupTs.slice(0, 10), 3), 9 * 3600 + i * 7);
    return [i + 1, en(`AWS – ${names.get(c?.entityId ?? '') ?? `Customer ${partnerId}`}`), `AWS-${partnerId}`, true, ANALYTIC_PLAN.customers, ANALYTIC_PLAN.customers, partnerId, ODOO_IDS.company, ODOO_IDS.currency.EUR, ODOO_IDS.adminUser, ts, ODOO_IDS.adminUser, ts];
  });
  await odoo.copy('account_analytic_account', ['id', 'name', 'code', 'active', 'plan_id', 'root_plan_id', 'partner_id', 'company_id', 'currency_id', ...AUDIT], rows);
  return index;
}
