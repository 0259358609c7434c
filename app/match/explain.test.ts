import { describe, expect, it } from 'vitest';
import type { Assignment } from './assign';
import { explainAssignment } from './explain';
import type { Contribution } from './model';

const noMatch: Assignment = { status: 'no_match', decidedBy: 'auto', odoo: [], linkKind: null, probability: 0.0001, none: 0.9999 };
const signals: Contribution[] = [
  { id: 'domain', label: 'Registered domain', stage: 'company', level: 'different', bits: -12.3 },
  { id: 'name', label: 'Company name', stage: 'company', level: 'one_edit', bits: 1.3 },
];

describe('explainAssignment', () => {
  it('a no-match with compared candidates names the best one its signals belong to', () => {
    const text = explainAssignment(noMatch, signals, 'Vantix - DC exit Frankfurt');
    expect(text).toBe('No match: >99.9% that no Odoo opportunity is this deal; best candidate "Vantix - DC exit Frankfurt" (for: company name one edit (+1.3 bits); against: registered domain different (-12.3 bits)).');
    expect(text).not.toContain('no candidate');
  });

  it('a no-match without any candidate says so', () => {
    expect(explainAssignment({ ...noMatch, none: 1 }, undefined, null)).toBe('No match: 100.0% that no Odoo opportunity is this deal (no candidate).');
  });

  it('a match names the Odoo opportunity, the probability and the strongest signals', () => {
    const matched: Assignment = { ...noMatch, status: 'matched', odoo: ['4695'], linkKind: 'single', probability: 0.9996, none: 0.0004 };
    expect(explainAssignment(matched, [{ id: 'domain', label: 'Registered domain', stage: 'company', level: 'same', bits: 5.8 }], 'Ødegaard - EKS platform')).toBe(
      'Matched to Odoo #4695 "Ødegaard - EKS platform" with >99.9%; for: registered domain same (+5.8 bits).',
    );
  });
});
