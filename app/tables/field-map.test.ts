import { describe, expect, it } from 'vitest';
import { columnIndex, FieldSpecError, inferRole, leftInput, parseAmount, parseDate, parseFieldsOption, rightInput } from './field-map';

describe('--fields', () => {
  it('parses [role:]column and [role:]left=right items, columns with spaces', () => {
    expect(parseFieldsOption('name:Company=Account Name, website ,email:Mail=Contact Email')).toEqual([
      { role: 'name', left: 'Company', right: 'Account Name' },
      { role: null, left: 'website', right: 'website' },
      { role: 'email', left: 'Mail', right: 'Contact Email' },
    ]);
  });

  it.each([[''], [' , '], ['nme:Company'], ['a=b=c'], ['a=']])('refuses %j with a message', (value) => {
    expect(() => parseFieldsOption(value)).toThrow(FieldSpecError);
  });
});

describe('roles', () => {
  it.each([
    ['Account Name', 'name'],
    ['company', 'name'],
    ['AWS Account ID', 'account'],
    ['Website', 'domain'],
    ['Contact Email', 'email'],
    ['contact_name', 'person'],
    ['Opportunity Name', 'text'],
    ['Country', 'country'],
    ['Expected Revenue', 'amount'],
    ['Created Date', 'date'],
  ] as const)('from the column name: %s → %s', (column, role) => {
    expect(inferRole(column, [])).toBe(role);
  });

  it('from the values when the name says nothing', () => {
    expect(inferRole('c1', ['123456789012', '0001-2345-6789', ''])).toBe('account');
    expect(inferRole('c2', ['a@b.com', 'x@y.de'])).toBe('email');
    expect(inferRole('c3', ['https://www.acme.de/', 'globex.com'])).toBe('domain');
    expect(inferRole('c4', ['DE', 'fr', 'US'])).toBe('country');
    expect(inferRole('c5', ['1,234.50', '17', '-3'])).toBe('amount');
    expect(inferRole('c6', ['2026-03-01', '01.02.2025'])).toBe('date');
    expect(inferRole('c7', ['Acme GmbH', 'Globex'])).toBe('text');
  });

  it('reads amounts and dates the way people type them', () => {
    expect([parseAmount('1,234.50'), parseAmount('1.234,50'), parseAmount('$ 12 000'), parseAmount('12,5'), parseAmount('1,234,567'), parseAmount('EUR -5')]).toEqual([
      1234.5, 1234.5, 12000, 12.5, 1234567, -5,
    ]);
    expect(parseAmount('n/a')).toBeNull();
    expect(parseDate('2026-03-01')).toBe(Date.UTC(2026, 2, 1));
    expect(parseDate('2026-03-01T10:20:30Z')).toBe(Date.UTC(2026, 2, 1, 10, 20, 30));
    expect(parseDate('01.03.2026')).toBe(Date.UTC(2026, 2, 1));
    expect(parseDate('2026-02-30')).toBeNull();
    expect(parseDate('yesterday')).toBeNull();
  });
});

describe('rows → engine inputs', () => {
  const fields = [
    { role: 'name', left: 'company', right: 'Account' },
    { role: 'name', left: 'alias', right: 'Parent' },
    { role: 'domain', left: 'web', right: 'Web' },
    { role: 'account', left: 'aws', right: 'AWS' },
    { role: 'person', left: 'first', right: 'Contact' },
    { role: 'person', left: 'last', right: 'Contact' },
  ] as const;

  it('puts each role where the engine compares it', () => {
    const idx = columnIndex([...fields], ['id', 'company', 'alias', 'web', 'aws', 'first', 'last'], 'left');
    const a = leftInput('L1', ['L1', 'Acme GmbH', 'ACME', 'acme.de', '1234-5678-9012 / 000011112222', 'Anna', 'Schmidt'], idx);
    expect(a).toMatchObject({ sourceId: 'L1', accountName: 'Acme GmbH', endUserCompanyName: 'ACME', website: 'acme.de', awsAccountIds: ['123456789012', '000011112222'], customerName: 'Anna Schmidt' });
    const ridx = columnIndex([...fields], ['Account', 'Parent', 'Web', 'AWS', 'Contact'], 'right');
    const o = rightInput(7, ['Acme', '', 'https://acme.de', '', 'Anna Schmidt'], ridx);
    expect(o).toMatchObject({ sourceId: 7, companyName: 'Acme', partnerName: null, website: 'https://acme.de', awsAccountIds: [], contactName: 'Anna Schmidt' });
  });

  it('never throws on cells of any script or length', () => {
    const idx = columnIndex([...fields], ['company', 'alias', 'web', 'aws', 'first', 'last'], 'left');
    const cells = ['株式会社テスト', 'شركة الاختبار', '🦄🦄🦄', 'x'.repeat(100_000), '\u0000\uFFFF', ''];
    expect(() => leftInput('x', cells, idx)).not.toThrow();
    expect(() => rightInput(1, cells, idx)).not.toThrow();
  });
});
