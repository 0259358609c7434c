import { describe, expect, it } from 'vitest';
import type { CustomerKeyRow } from './same-customer';
import { customerGroups, customerKeys, dunsKey } from './same-customer';

const row = (source_id: string, over: Partial<CustomerKeyRow> = {}): CustomerKeyRow => ({
  source_id, aws_account_ids: [], normalized_domain: null, normalized_company_name: null, end_user_id: null, customer_duns: null,
  match_status: null, odoo_customer_id: null, odoo_company_name: null, ...over,
});

describe('same customer for competing opportunities', () => {
  it('two deals sharing only the ACE end-user record are one customer', () => {
    const g = customerGroups([
      row('O1', { normalized_company_name: 'helios energy', end_user_id: 7 }),
      row('O2', { normalized_company_name: 'hes', end_user_id: 7 }),
      row('O3', { normalized_company_name: 'other co', end_user_id: 8 }),
    ]);
    expect(g.get('O1')).toBe(g.get('O2'));
    expect(g.get('O3')).not.toBe(g.get('O1'));
  });

  it('links through a third deal (transitively): name with one, CRM customer with the other', () => {
    const g = customerGroups([
      row('O1', { normalized_company_name: 'acme', normalized_domain: 'acme.com' }),
      row('O2', { normalized_company_name: 'acme', match_status: 'matched', odoo_customer_id: 42 }),
      row('O3', { normalized_company_name: 'acme holdings', match_status: 'matched', odoo_customer_id: 42 }),
    ]);
    expect(g.get('O3')).toBe(g.get('O1'));
  });

  it('two deals sharing only the company name of the confirmed CRM match (CRM deal without partner) are one customer', () => {
    const g = customerGroups([
      row('O1', { normalized_company_name: 'wafepik', end_user_id: 1, aws_account_ids: ['852322841698'] }),
      row('O2', { normalized_company_name: 'wafepi', end_user_id: 2, match_status: 'matched', odoo_company_name: 'wafepik' }),
      row('O3', { normalized_company_name: 'wafepo', end_user_id: 3, match_status: 'review', odoo_company_name: 'wafepik' }),
    ]);
    expect(g.get('O2')).toBe(g.get('O1'));
    expect(g.get('O3')).not.toBe(g.get('O1'));
  });

  it('a proposed (not confirmed) CRM match and a malformed DUNS link nothing', () => {
    const g = customerGroups([
      row('O1', { match_status: 'review', odoo_customer_id: 42, customer_duns: '12345678' }),
      row('O2', { match_status: 'matched', odoo_customer_id: 42, customer_duns: '1234-5678' }),
    ]);
    expect(g.get('O1')).not.toBe(g.get('O2'));
  });

  it('DUNS with dashes is the same key as without', () => {
    expect(dunsKey('12-345-6789')).toBe('123456789');
    expect(dunsKey('000000000')).toBeNull();
    expect(customerKeys(row('O1', { customer_duns: '123456789' }))).toEqual(['duns:123456789']);
  });
});
