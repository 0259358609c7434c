/**
 * The decision channels through the handler registry (what the renderer calls): input parsed by the
 * contract, typed errors, rules:active from the shipped files.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeEngines } from '../../../db/testing';
import { createHandlers, type ContractServices } from '../../host/handlers';
import { createDecisionService } from './service';

describeEngines('decision channels', (getDb) => {
  const handlers = async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'revops-decision-svc-'));
    const services = createDecisionService({ dataDir, warehouse: async () => getDb() });
    return createHandlers(services as unknown as ContractServices);
  };

  it('rules:active serves the rule set in force with parameters, texts and source lines', async () => {
    const h = await handlers();
    const r = await h.invoke('rules:active', { tenant: 'demo' });
    expect(r.ok).toBe(true);
    const v = r.ok ? (r.value as { ruleSetHash: string; files: string[]; fallback: boolean; versions: { rules: { id: string; parameters: Record<string, unknown>; source: string | null; explain: Record<string, string> }[] }[] }) : null;
    expect(v?.ruleSetHash).toMatch(/^[0-9a-f]{64}$/);
    expect(v?.fallback).toBe(false);
    const spend = v?.versions[0]?.rules.find((x) => x.id === 'prior_month_spend');
    expect(spend?.parameters).toMatchObject({ max_spend: 5000, basis: 'gross', currency: 'USD', scope: 'customer' });
    expect(spend?.source).toMatch(/rules\/pod\.yaml:\d+$/);
    expect(spend?.explain.pass).toContain('Prior-month spend on');
  });

  it('decision:list is empty before any run; decision:explain and decision:set say not found; bad input never reaches the service', async () => {
    const h = await handlers();
    expect(await h.invoke('decision:list', {})).toMatchObject({ ok: true, value: { total: 0, items: [] } });
    expect(await h.invoke('decision:explain', { aceId: 'O4812093' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await h.invoke('decision:set', { aceId: 'O4812093', action: 'approve', reason: 'customer confirmed', user: 'ana' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await h.invoke('decision:set', { aceId: 'O4812093', action: 'approve', reason: '', user: 'ana' })).toMatchObject({ ok: false, error: { code: 'bad_input' } });
    expect(await h.invoke('decision:set', { aceId: 'O4812093', action: 'delete', reason: 'why not', user: 'ana' })).toMatchObject({ ok: false, error: { code: 'bad_input' } });
  });
});
