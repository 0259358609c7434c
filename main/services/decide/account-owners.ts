/**
 * Whose AWS account is it, according to the CRM (Odoo's AWS-account records, core.aws_accounts)?
 *
 * The POD spend check counts an account's billed spend only when the account is tied to the customer of
 * the opportunity's CRM match: an id typed on the ACE opportunity or the CRM deal can be an account nobody
 * mapped to a customer yet ("Owner unknown – please map"), an account only the cost rows know, or another
 * company's account. Its spend then says nothing about this customer, so the spend is unknown (→ review),
 * never a pass on someone else's bill.
 *
 * Tied = the record's partner (or its commercial partner) is the CRM deal's customer, or has the same
 * normalized company name as the CRM deal's customer: CRM deals without a partner carry only a company
 * name (or not even that: then the ACE customer's name, since the deal is the opportunity's match), and a
 * customer can have duplicate partner records. A shared domain is not enough (group domains cover sibling
 * companies).
 */
import type { Queryable } from '../../../db/types';

/**
 * - customer: an Odoo AWS-account record of the id belongs to the customer of the CRM match (or proposal);
 * - other_customer: Odoo records exist, owned by someone else (another customer, the partner itself);
 * - no_owner: Odoo records exist without a partner (unmapped);
 * - not_in_crm: no Odoo record (only billing knows the id, or nobody);
 * - no_customer: the ACE opportunity has no CRM match with a customer or company name to compare with.
 */
export type AccountOwner = 'customer' | 'other_customer' | 'no_owner' | 'not_in_crm' | 'no_customer';

/** The owner of an account's Odoo record: its company (the partner's commercial partner), partner ids (the partner and that company), the company's normalized name. */
export type Owners = { company: number | null; ids: number[]; names: string[] };

/** The CRM deal's customer: its commercial partner and normalized company name (either may be missing). */
export type CrmCustomer = { id: number | null; name: string | null };

/** Account id → its owners in Odoo; ids not in Odoo are absent, records without a partner give empty owners. */
export async function readAccountOwners(db: Queryable, ids: readonly string[]): Promise<Map<string, Owners>> {
  if (ids.length === 0) return new Map();
  const rows = (await db.query<{ account_id: string; company: number | null; ids: number[] | null; names: string[] | null }>(`
    SELECT a.account_id, a.company_id AS company,
           array_remove(ARRAY[a.partner_id, a.company_id], NULL) AS ids,
           array_remove(ARRAY[c.normalized_company_name], NULL) AS names
    FROM core.aws_accounts a
    LEFT JOIN core.companies c ON c.source_system = 'odoo' AND c.source_id = a.company_id::text
    WHERE a.in_odoo AND a.account_id = ANY($1::text[])`, [ids])).rows;
  return new Map(rows.map((r) => [r.account_id, { company: r.company === null ? null : Number(r.company), ids: (r.ids ?? []).map(Number), names: r.names ?? [] }]));
}

export function accountOwner(owners: ReadonlyMap<string, Owners>, account: string, customer: CrmCustomer): AccountOwner {
  const o = owners.get(account);
  if (o === undefined) return 'not_in_crm';
  if (o.ids.length === 0) return 'no_owner';
  if (customer.id === null && !customer.name) return 'no_customer';
  if (customer.id !== null && o.ids.includes(customer.id)) return 'customer';
  return customer.name && o.names.includes(customer.name) ? 'customer' : 'other_customer';
}
