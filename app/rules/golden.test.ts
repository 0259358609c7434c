/**
 * The golden fixtures of rules/fixtures/*.yaml: facts in, per-rule status, effect, explanation and
 * decision out, on the real rule files (rules/pod.yaml and the tenants they name).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { CompiledRuleSet } from './compile';
import { compileRuleSet } from './compile';
import { evaluateFacts } from './evaluate';
import { podFactsSchema } from './facts';
import { resolveRuleSet } from './resolve';

const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../../rules/fixtures');

type Case = {
  name: string;
  file?: string;
  facts?: Record<string, unknown>;
  expect: { outcome?: string; rules?: Record<string, string>; effects?: Record<string, string>; explanations?: Record<string, string> };
};
type Fixture = { rule_files: string[]; base_facts: Record<string, unknown>; cases: Case[] };

const read = async (p: string) => readFile(p, 'utf8').catch(() => null);

describe('golden POD fixtures', () => {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.yaml'));
  it('exist', () => expect(files.length).toBeGreaterThan(0));
  for (const f of files) {
    const fixture = parse(readFileSync(join(FIXTURES, f), 'utf8')) as Fixture;
    const sets = new Map<string, Promise<CompiledRuleSet>>();
    const setFor = (rel: string) => {
      let p = sets.get(rel);
      if (!p) sets.set(rel, (p = resolveRuleSet(join(FIXTURES, rel), read).then(compileRuleSet)));
      return p;
    };
    for (const c of fixture.cases) {
      it(`${f}: ${c.name}`, async () => {
        const set = await setFor(c.file ?? (fixture.rule_files[0] as string));
        const facts = podFactsSchema.parse({ ...fixture.base_facts, ...c.facts });
        const d = evaluateFacts(set, facts);
        const byId = new Map(d.results.map((r) => [r.id, r]));
        for (const [id, status] of Object.entries(c.expect.rules ?? {})) expect(byId.get(id)?.status, `${id}: ${byId.get(id)?.explanation}`).toBe(status);
        for (const [id, effect] of Object.entries(c.expect.effects ?? {})) expect(byId.get(id)?.effect, id).toBe(effect);
        for (const [id, text] of Object.entries(c.expect.explanations ?? {})) expect(byId.get(id)?.explanation, id).toBe(text);
        if (c.expect.outcome) expect(d.outcome, d.results.filter((r) => r.status !== 'pass').map((r) => `${r.id}:${r.status}`).join(' ')).toBe(c.expect.outcome);
        for (const r of d.results) expect(r.explanation.length, r.id).toBeGreaterThan(0);
      });
    }
  }
});
