import { describe, expect, it } from 'vitest';
import { compareFields } from './compare-fields';

const f = (key: string, value: string | null) => ({ key, label: key, value });

describe('compareFields', () => {
  it('marks differences after case, punctuation and www. normalization; missing when a side has no value', () => {
    const rows = compareFields(
      [f('company', 'ACME Inc.'), f('website', 'https://www.acme.com'), f('domain', 'acme.com'), f('email', null), f('aws', '111, 222')],
      [f('company', 'Acme Inc'), f('website', 'acme.com'), f('domain', 'acme.de'), f('email', 'a@acme.com'), f('aws', '222, 111'), f('extra', 'x')],
    );
    expect(rows.map((r) => [r.key, r.state])).toEqual([['company', 'same'], ['website', 'same'], ['domain', 'different'], ['email', 'missing'], ['aws', 'same'], ['extra', 'missing']]);
  });

  it('keeps legal forms: Acme Inc vs Acme GmbH is a difference', () => {
    expect(compareFields([f('company', 'Acme Inc')], [f('company', 'Acme GmbH')])[0]?.state).toBe('different');
  });
});
