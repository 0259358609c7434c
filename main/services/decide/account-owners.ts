/**
 * Whose AWS account is it, according to the CRM (Odoo's AWS-account records, core.aws_accounts)?
 *
 * The POD spend check counts an account's billed spend only when the account is tied to the customer of
 * the opportunity's CRM match: an id typed on the ACE opportunity or the CRM deal can be an account nobody
 * mapped to a customer yet ("Owner unknown – please map"), an account only the cost rows know, or another
 * company's account. Its spend then says nothing about this customer, so the spend is unknown (→ review),
 * never a pass on someone else's bill.
 */
import type { Queryable } from '../../../db/types';

/**
 * - customer: an Odoo AWS-account record of the id belongs to the matched (or proposed) CRM customer;
 * - other_customer: Odoo records exist, owned by someone else (another customer, the partner itself);
 * - no_owner: Odoo records exist without a partner (unmapped);
 * - not_in_crm: no Odoo record (only billing knows the id, or nobody);
 * - no_customer: the ACE opportunity has no CRM match with a customer to compare with.
 */
export type AccountOwner = 'customer' | 'other_customer' | 'no_owner' | 'not_in_crm' | 'no_customer';

/** Account id → the Odoo owners of its records (partner ids and their commercial partners); [] = records without a partner. Ids not in Odoo are absent. */
export async function readAccountOwners(db: Queryable, ids: readonly string[]): Promise<Map<string, number[]>> {
  if (ids.length === 0) return new Map();
  const rows = (await db.query<{ account_id: string; owners: number[] | null }>(`
    SELECT account_id, array_agg(DISTINCT o) FILTER (WHERE o IS NOT NULL) AS owners
    FROM core.aws_accounts CROSS JOIN LATERAL (VALUES (partner_id), (company_id)) v(o)
    WHERE in_odoo AND account_id = ANY($1::text[]) GROUP BY account_id`, [ids])).rows;
  return new Map(rows.map((r) => [r.account_id, (r.owners ?? []).map(Number)]));
}

export function accountOwner(owners: ReadonlyMap<string, readonly number[]>, account: string, customer: number | null): AccountOwner {
  const o = owners.get(account);
  if (o === undefined) return 'not_in_crm';
  if (o.length === 0) return 'no_owner';
  if (customer === null) return 'no_customer';
  return o.includes(customer) ? 'customer' : 'other_customer';
}
