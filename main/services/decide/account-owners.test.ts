/**
 * accountOwner: when an AWS account's spend may count for the customer of an ACE opportunity's CRM match.
 */
import { describe, expect, it } from 'vitest';
import { accountOwner, type Owners } from './account-owners';

const owners = new Map<string, Owners>([
  ['111111111111', { company: 10, ids: [11, 10], names: ['waiwat'] }],
  ['222222222222', { company: null, ids: [], names: [] }],
]);

describe('accountOwner', () => {
  it("is the customer's when the Odoo record's partner or its company is the CRM deal's customer", () => {
    expect(accountOwner(owners, '111111111111', { id: 10, name: 'something else' })).toBe('customer');
    expect(accountOwner(owners, '111111111111', { id: 11, name: null })).toBe('customer');
  });
  it('ties by the normalized company name when the CRM deal has no partner or a duplicate one', () => {
    expect(accountOwner(owners, '111111111111', { id: null, name: 'waiwat' })).toBe('customer');
    expect(accountOwner(owners, '111111111111', { id: 99, name: 'waiwat' })).toBe('customer');
  });
  it("is someone else's when neither partner nor name agree", () => {
    expect(accountOwner(owners, '111111111111', { id: 99, name: 'wawiat' })).toBe('other_customer');
    expect(accountOwner(owners, '111111111111', { id: 99, name: null })).toBe('other_customer');
  });
  it('unmapped records, ids Odoo does not know, and opportunities without a CRM customer never count', () => {
    expect(accountOwner(owners, '222222222222', { id: 10, name: 'waiwat' })).toBe('no_owner');
    expect(accountOwner(owners, '333333333333', { id: 10, name: 'waiwat' })).toBe('not_in_crm');
    expect(accountOwner(owners, '111111111111', { id: null, name: null })).toBe('no_customer');
    expect(accountOwner(owners, '111111111111', { id: null, name: '' })).toBe('no_customer');
  });
});
