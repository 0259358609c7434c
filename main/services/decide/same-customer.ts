/**
 * Which ACE opportunities belong to the same customer, for the competing-opportunity rule.
 *
 * Two opportunities are the same customer when they share a key: a parsed AWS account id, a registered
 * domain, a normalized company name, the ACE end-user record, a DUNS number, or the CRM customer (or the CRM
 * company name) of a confirmed match. Keys link transitively (union–find): the customer's other deal may share nothing with
 * this one directly (an alias name, no website, no account) yet share its end-user record or CRM
 * customer with a third deal that does, so a pairwise comparison misses it.
 */
import type { AceFactRow } from '../../../db/queries/decide';

const ACCOUNT_ID = /^\d{12}$/;

/** The fields the grouping reads (a subset of the facts row, so tests can build rows by hand). */
export type CustomerKeyRow = Pick<
  AceFactRow,
  'source_id' | 'aws_account_ids' | 'normalized_domain' | 'normalized_company_name' | 'end_user_id' | 'customer_duns' | 'match_status' | 'odoo_customer_id' | 'odoo_company_name'
>;

/** DUNS: exactly 9 digits after dropping separators; anything else (8 digits, 'n/a') is no key. */
export function dunsKey(raw: string | null | undefined): string | null {
  const d = raw?.replace(/[\s-]/g, '') ?? '';
  return /^\d{9}$/.test(d) && !/^0+$/.test(d) ? d : null;
}

export function customerKeys(r: CustomerKeyRow): string[] {
  const keys = r.aws_account_ids.filter((a) => ACCOUNT_ID.test(a)).map((a) => `acct:${a}`);
  if (r.normalized_domain) keys.push(`dom:${r.normalized_domain}`);
  if (r.normalized_company_name && r.normalized_company_name.length >= 3) keys.push(`name:${r.normalized_company_name}`);
  if (r.end_user_id !== null && r.end_user_id !== undefined) keys.push(`eu:${r.end_user_id}`);
  const duns = dunsKey(r.customer_duns);
  if (duns) keys.push(`duns:${duns}`);
  if (r.match_status === 'matched' && r.odoo_customer_id !== null) keys.push(`crm:${r.odoo_customer_id}`);
  // the confirmed CRM opportunity's company name: an ACE alias ('Wafepi Inc.') matched to a CRM deal of
  // 'Wafepik' is the customer of the ACE deal written 'wafepik corp.' (CRM deals may have no partner)
  const crmName = r.match_status === 'matched' ? r.odoo_company_name : null;
  if (crmName && crmName.length >= 3 && crmName !== r.normalized_company_name) keys.push(`name:${crmName}`);
  return keys;
}

/**
 * Customer group of every row (source_id → group representative) among `rows`; rows linked by a chain
 * of shared keys get the same representative.
 */
export function customerGroups(rows: readonly CustomerKeyRow[]): Map<string, string> {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root) as string;
    for (let y = x; y !== root; ) {
      const next = parent.get(y) as string;
      parent.set(y, root);
      y = next;
    }
    return root;
  };
  const firstByKey = new Map<string, string>();
  for (const r of rows) {
    parent.set(r.source_id, r.source_id);
    // a domain links directly only (facts.ts): a group's shared domain would chain sibling companies
    for (const k of customerKeys(r).filter((x) => !x.startsWith('dom:'))) {
      const other = firstByKey.get(k);
      if (other === undefined) firstByKey.set(k, r.source_id);
      else {
        const a = find(other);
        const b = find(r.source_id);
        if (a !== b) parent.set(a < b ? b : a, a < b ? a : b);
      }
    }
  }
  return new Map([...parent.keys()].map((id) => [id, find(id)]));
}
