import { describe, expect, it } from 'vitest';
import { isAwsAccountId, normalizeAwsAccountId as norm } from './aws-account-id';

describe('normalizeAwsAccountId', () => {
  it('keeps clean 12-digit ids, with their leading zeros', () => {
    expect(norm('012345678901')).toEqual({ ids: ['012345678901'], status: 'ok', alias: null });
    expect(norm(' 123456789012 ')).toMatchObject({ ids: ['123456789012'] });
  });

  it('removes dashes and spaces reps type (§4.7)', () => {
    expect(norm('1234-5678-9012')).toEqual({ ids: ['123456789012'], status: 'reformatted', alias: null });
    expect(norm('1559 8054 3749')).toEqual({ ids: ['155980543749'], status: 'reformatted', alias: null });
    expect(norm('1234.5678.9012').ids).toEqual(['123456789012']);
  });

  it('restores leading zeros an int cast dropped', () => {
    expect(norm('12345678901')).toEqual({ ids: ['012345678901'], status: 'padded', alias: null });
    expect(norm('1234567890')).toMatchObject({ ids: ['001234567890'], status: 'padded' });
  });

  it('splits fields with two ids', () => {
    expect(norm('123456789012, 210987654321')).toEqual({ ids: ['123456789012', '210987654321'], status: 'multiple', alias: null });
    expect(norm('553462562006 / 155980543749').ids).toEqual(['553462562006', '155980543749']);
    expect(norm('123456789012 210987654321').status).toBe('multiple');
    expect(norm('123456789012; 123456789012')).toMatchObject({ ids: ['123456789012'] });
  });

  it('recognises aliases and placeholders', () => {
    expect(norm('acme_prod')).toEqual({ ids: [], status: 'alias', alias: 'acme_prod' });
    expect(norm('HALLEPROD')).toMatchObject({ status: 'alias', alias: 'HALLEPROD' });
    expect(norm('acme-prod')).toMatchObject({ status: 'alias' });
    for (const p of ['N/A', 'n/a', 'TBD', 'new account', '-', '0']) expect(norm(p).status, p).toBe('placeholder');
    expect(norm(null).status).toBe('missing');
    expect(norm('').status).toBe('missing');
  });

  it('flags malformed values', () => {
    for (const m of ['1234567', '1234567890123', '12345678901x', 'arn:aws:iam::foo', '123 456']) {
      expect(norm(m), m).toMatchObject({ ids: [], status: 'malformed' });
    }
    expect(norm('123456789012 / 99').status).toBe('malformed');
  });

  it('validates ids strictly', () => {
    expect(isAwsAccountId('012345678901')).toBe(true);
    expect(isAwsAccountId('12345678901')).toBe(false);
    expect(isAwsAccountId(null)).toBe(false);
  });
});
