/**
 * Rule files: bad input reported with file, rule and line (and every problem at once), extends (patches,
 * cycles, missing base), program versions by date, expression safety, analyst state from events.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileRuleSet, unsafePattern } from './compile';
import { RuleSetError, type RuleProblem } from './errors';
import { evaluateFacts, versionOn } from './evaluate';
import { podFactsSchema, type PodFacts } from './facts';
import { resolveRelative, resolveRuleSet } from './resolve';
import { deriveState, refuseAction, type DecisionEvent } from './state';

const POD = readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../../rules/pod.yaml'), 'utf8');

function reader(files: Record<string, string>) {
  return async (p: string) => files[p] ?? null;
}

async function load(files: Record<string, string>, entry: string) {
  return compileRuleSet(await resolveRuleSet(entry, reader(files)));
}

async function problems(files: Record<string, string>, entry: string): Promise<RuleProblem[]> {
  try {
    await load(files, entry);
  } catch (err) {
    if (err instanceof RuleSetError) return [...err.problems];
    throw err;
  }
  throw new Error('expected the rule set to be refused');
}

const rule = (id: string, extra: string, condition = 'stage == "Launched"') => `  - id: ${id}
    title: ${id}
    severity: reject
${extra}    condition: ${condition}
    explain: { pass: ok, fail: no, unknown: "?" }
`;

const facts = (over: Partial<PodFacts> = {}): PodFacts => podFactsSchema.parse({
  ace_id: 'O1', customer_name: null, as_of: '2026-06-30', ownership: null, ownership_raw: null, ownership_key: null, stage: 'Launched', review_status: null,
  created_date: '2026-01-10', target_close_date: null, days_to_target_close: null, aws_account_raw: null, aws_account_ids: [], aws_account_source: 'none',
  aws_account_id: null, aws_account_owner: null, spend_month: null, spend_currency: null, prior_month_gross_spend: null, prior_month_net_spend: null, customer_aws_account_ids: [],
  customer_prior_month_gross_spend: null, customer_prior_month_net_spend: null, match_status: 'none',
  match_confidence: null, match_decided_by: null, matched_odoo_id: null, matched_odoo_name: null, exact_domain_match: false, name_similarity: 0,
  other_open_opportunity_ids: [], other_open_close_gaps: [], end_user_reporting_completed: null, government_advising: null, ...over,
});

describe('rule files: bad input', () => {
  it('the shipped rules/pod.yaml loads', async () => {
    const set = await load({ 'rules/pod.yaml': POD }, 'rules/pod.yaml');
    expect(set.versions[0]?.rules.map((r) => r.def.id)).toContain('prior_month_spend');
  });

  it('reports a YAML syntax error with its line', async () => {
    const p = await problems({ 'r.yaml': 'id: x\nrules:\n  - id: a\n    title: [unclosed\n' }, 'r.yaml');
    expect(p[0]).toMatchObject({ file: 'r.yaml', rule: null });
    expect(p[0]?.message).toMatch(/YAML syntax/);
    expect(p[0]?.line).toBeGreaterThanOrEqual(4);
  });

  it('reports every expression problem with file, rule and line: syntax, type, unknown fact, unknown parameter', async () => {
    const text = `id: x
rules:
${rule('syntax_error', '', 'stage ==')}${rule('type_error', '', 'stage + 1 > 2')}${rule('unknown_fact', '', 'nonexistent_fact > 1')}${rule('unknown_param', '    parameters: { max: 5 }\n', 'days_to_target_close <= params.maximum')}${rule('not_bool', '', 'stage')}`;
    const p = await problems({ 'x.yaml': text }, 'x.yaml');
    const by = new Map(p.map((x) => [x.rule, x]));
    expect(by.get('syntax_error')).toMatchObject({ file: 'x.yaml', line: 6 });
    expect(by.get('syntax_error')?.message).toMatch(/condition: syntax/);
    expect(by.get('type_error')).toMatchObject({ line: 11 });
    expect(by.get('type_error')?.message).toMatch(/overload|string \+ int/);
    expect(by.get('unknown_fact')).toMatchObject({ line: 16 });
    expect(by.get('unknown_fact')?.message).toMatch(/unknown fact 'nonexistent_fact'/);
    expect(by.get('unknown_param')).toMatchObject({ line: 22 });
    expect(by.get('unknown_param')?.message).toMatch(/unknown parameter 'params.maximum'.*max/);
    expect(by.get('not_bool')?.message).toMatch(/true or false/);
  });

  it('reports the line inside a multi-line (block) expression and in explanation templates', async () => {
    const text = `id: x
rules:
  - id: multi
    title: t
    severity: review
    condition: |
      stage == "Launched" &&
      bogus_fact
    explain: { pass: "ok {{ stage | usd }}", fail: "{{ nope }}", unknown: "?" }
`;
    const p = await problems({ 'm.yaml': text }, 'm.yaml');
    expect(p.find((x) => x.message.includes('bogus_fact'))).toMatchObject({ rule: 'multi', line: 8 });
    expect(p.find((x) => x.message.includes("'nope'"))).toMatchObject({ rule: 'multi', line: 9 });
  });

  it('schema errors name the field and line (bad severity, missing condition in a new rule)', async () => {
    const text = `id: x
rules:
  - id: a
    title: a
    severity: maybe
    condition: "true"
    explain: { pass: ok, fail: no, unknown: "?" }
`;
    const p = await problems({ 's.yaml': text }, 's.yaml');
    expect(p[0]).toMatchObject({ file: 's.yaml', rule: 'a', line: 5 });
    const tenant = `id: t\nextends: s.yaml\nrules:\n  - id: brand_new\n    title: incomplete\n`;
    const ok = `id: x\nrules:\n${rule('a', '')}`;
    const q = await problems({ 's.yaml': ok, 't.yaml': tenant }, 't.yaml');
    expect(q.some((x) => x.rule === 'brand_new' && x.file === 't.yaml' && x.line === 4 && /missing/.test(x.message))).toBe(true);
  });

  it('refuses extends cycles and a missing base, naming the file and line of `extends`', async () => {
    const a = 'id: a\nextends: b.yaml\n';
    const b = 'id: b\nextends: a.yaml\n';
    const p = await problems({ 'd/a.yaml': a, 'd/b.yaml': b }, 'd/a.yaml');
    expect(p[0]?.message).toMatch(/extends cycle: d\/a.yaml → d\/b.yaml → d\/a.yaml/);
    expect(p[0]).toMatchObject({ file: 'd/b.yaml', line: 2 });
    const m = await problems({ 'd/t.yaml': 'id: t\n\nextends: ../gone.yaml\n' }, 'd/t.yaml');
    expect(m[0]).toMatchObject({ file: 'd/t.yaml', line: 3 });
    expect(m[0]?.message).toMatch(/extends 'gone.yaml', which does not exist/);
  });

  it('expressions cannot call host functions or unsafe regular expressions', async () => {
    for (const cond of ['read("/etc/passwd") == ""', 'http("http://example.com") == ""', 'stage.matches("(a+)+$")']) {
      const p = await problems({ 'e.yaml': `id: e\nrules:\n${rule('r', '', `'${cond}'`)}` }, 'e.yaml');
      expect(p.length, cond).toBeGreaterThan(0);
    }
    // size limits: an expression cannot grow without bound (CEL itself has no loops or recursion)
    const huge = `days_to_target_close ${'+ 1 '.repeat(500)}> 0`;
    const big = await problems({ 'h.yaml': `id: h\nrules:\n${rule('r', '', `'${huge}'`)}` }, 'h.yaml');
    expect(big[0]?.rule).toBe('r');
    expect(unsafePattern('^[0-9]{12}$')).toBeNull();
    expect(unsafePattern('(a|aa)+(b)\\1')).not.toBeNull();
  });
});

describe('rule files: tenants and versions', () => {
  const base = `id: base
versions:
  - id: v1
    effective_from: "2025-01-01"
  - id: v2
    effective_from: "2026-07-01"
    rules:
      - id: spend
        parameters: { max: 10000 }
rules:
  - id: spend
    title: Spend
    severity: reject
    parameters: { max: 5000, basis: gross }
    condition: prior_month_gross_spend < params.max
    explain: { pass: "{{ prior_month_gross_spend | usd }} < {{ params.max | money }}", fail: "too much", unknown: "?" }
${rule('stage', '')}`;

  it('picks the program version in force on the evaluation day (old decisions keep the old version)', async () => {
    const set = await load({ 'r/base.yaml': base }, 'r/base.yaml');
    expect(versionOn(set, '2026-06-30')?.id).toBe('v1');
    expect(versionOn(set, '2026-07-01')?.id).toBe('v2');
    expect(versionOn(set, '2024-12-31')).toBeNull();
    const f = facts({ prior_month_gross_spend: 7000 });
    expect(evaluateFacts(set, { ...f, as_of: '2026-06-30' })).toMatchObject({ program_version: 'v1', outcome: 'auto_reject' });
    expect(evaluateFacts(set, { ...f, as_of: '2026-07-01' })).toMatchObject({ program_version: 'v2', outcome: 'auto_approve' });
    const none = evaluateFacts(set, { ...f, as_of: '2024-06-01' });
    expect(none.outcome).toBe('needs_review');
    expect(none.results[0]?.explanation).toMatch(/No program version/);
  });

  it('a tenant patches parameters of every version, turns rules off and patches one version by id', async () => {
    const tenant = `id: acme
extends: ../base.yaml
versions:
  - id: v1
    effective_from: "2025-01-01"
    rules:
      - id: spend
        parameters: { max: 3000 }
rules:
  - id: stage
    enabled: false
`;
    const set = await load({ 'r/base.yaml': base, 'r/tenants/acme.yaml': tenant }, 'r/tenants/acme.yaml');
    expect(set.resolved.files).toEqual(['r/base.yaml', 'r/tenants/acme.yaml']);
    const f = facts({ prior_month_gross_spend: 4000, stage: 'Prospect' });
    const v1 = evaluateFacts(set, { ...f, as_of: '2026-01-01' });
    expect(v1.results.find((r) => r.id === 'spend')?.status).toBe('fail'); // tenant: 3,000 in v1
    expect(v1.results.find((r) => r.id === 'stage')?.status).toBe('skipped');
    const v2 = evaluateFacts(set, { ...f, as_of: '2026-08-01' });
    expect(v2.results.find((r) => r.id === 'spend')).toMatchObject({ status: 'pass', explanation: '$4,000.00 < $10,000' });
  });

  it('a tenant can add a program version, built on the one in force before it', async () => {
    const tenant = 'id: t\nextends: base.yaml\nversions:\n  - id: v3\n    effective_from: "2027-01-01"\n    rules:\n      - id: spend\n        parameters: { max: 20000 }\n';
    const set = await load({ 'base.yaml': base, 't.yaml': tenant }, 't.yaml');
    expect(set.versions.map((v) => [v.id, v.from, v.to])).toEqual([['v1', '2025-01-01', '2026-06-30'], ['v2', '2026-07-01', '2026-12-31'], ['v3', '2027-01-01', null]]);
    const f = facts({ prior_month_gross_spend: 15000 });
    expect(evaluateFacts(set, { ...f, as_of: '2026-12-31' }).outcome).toBe('auto_reject');
    expect(evaluateFacts(set, { ...f, as_of: '2027-01-01' })).toMatchObject({ program_version: 'v3', outcome: 'auto_approve' });
  });

  it('refuses overlapping versions and version-date changes by a tenant', async () => {
    const overlap = base.replace('effective_from: "2025-01-01"', 'effective_from: "2025-01-01"\n    effective_to: "2026-12-31"');
    const p = await problems({ 'o.yaml': overlap }, 'o.yaml');
    expect(p[0]?.message).toMatch(/overlaps 'v2'/);
    const tenant = 'id: t\nextends: base.yaml\nversions:\n  - id: v2\n    effective_from: "2026-08-01"\n';
    const q = await problems({ 'base.yaml': base, 't.yaml': tenant }, 't.yaml');
    expect(q[0]).toMatchObject({ file: 't.yaml', line: 4 });
  });

  it('resolves relative paths', () => {
    expect(resolveRelative('rules/tenants/acme.yaml', '../pod.yaml')).toBe('rules/pod.yaml');
    expect(resolveRelative('/a/b/c.yaml', './d.yaml')).toBe('/a/b/d.yaml');
  });
});

describe('analyst state from append-only events', () => {
  const ev = (action: DecisionEvent['action'], decisionId = 'd1'): DecisionEvent => ({ action, reason: 'checked', actor: 'ana', at: '2026-07-01T00:00:00Z', decisionId });

  it('approve / reject replace the automatic outcome, reopen sends back to review', () => {
    expect(deriveState('auto_reject', 'd1', [])).toMatchObject({ state: 'auto_reject', by: 'rules' });
    expect(deriveState('auto_reject', 'd1', [ev('approve')])).toMatchObject({ state: 'approved', by: 'analyst', stale: false });
    expect(deriveState('auto_approve', 'd1', [ev('approve'), ev('reopen')])).toMatchObject({ state: 'needs_review', by: 'analyst' });
    expect(deriveState('auto_approve', 'd1', [ev('approve'), ev('reopen'), ev('reject')])).toMatchObject({ state: 'rejected' });
  });

  it('an analyst decision on an older automatic decision is stale', () => {
    expect(deriveState('auto_reject', 'd2', [ev('approve', 'd1')])).toMatchObject({ state: 'approved', stale: true });
  });

  it('refuses no-op actions and reopening what no analyst decided', () => {
    expect(refuseAction(deriveState('auto_approve', 'd1', []), 'reopen')).toMatch(/no analyst decision/);
    expect(refuseAction(deriveState('auto_approve', 'd1', [ev('approve')]), 'approve')).toMatch(/already approved/);
    expect(refuseAction(deriveState('auto_approve', 'd1', [ev('approve')]), 'reject')).toBeNull();
  });
});
