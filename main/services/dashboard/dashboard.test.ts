/**
 * "Sync & match" then the dashboard, on the tiny demo sources and both engines: pipeline:run through the
 * handler registry with its step events, then dashboard:summary compared with what the warehouse holds
 * (decision:list's counts, project budgets summed in SQL, sync jobs, the latest quality run).
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { PipelineProgress } from '../../../app/contract';
import { describeEngines } from '../../../db/testing';
import { DEFAULT_SETTINGS, saveSettings } from '../../config/settings';
import type { ContractServices } from '../../host/handlers';
import { createHandlers } from '../../host/handlers';
import { createDecisionService } from '../decide/service';
import { createPipelineService } from '../pipeline/service';
import { installTinyDemo } from '../sync/testing';
import { createDashboardService } from './service';

describeEngines('Sync & match, then the dashboard', (getDb) => {
  let h: ReturnType<typeof createHandlers>;
  const events: PipelineProgress[] = [];
  const tables = new Set<string>();

  beforeAll(async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'revops-dash-'));
    await installTinyDemo(dataDir);
    await saveSettings(dataDir, { ...DEFAULT_SETTINGS, sources: { odoo: { kind: 'demo-embedded' }, apn: { kind: 'demo-embedded' } }, tenant: 'demo' });
    const deps = { dataDir, databaseUrl: undefined, warehouse: async () => getDb() };
    let finished: () => void = () => undefined;
    const done = new Promise<void>((r) => (finished = r));
    const pipeline = createPipelineService({
      ...deps,
      emit: (p) => {
        events.push(p);
        if (p.final) finished();
      },
      emitSyncProgress: (p) => tables.add(`${p.source}.${p.table}`),
      log: () => undefined,
      runOptions: async () => ({ env: {}, modelDir: join(dataDir, 'no-model') }),
    });
    h = createHandlers({ ...pipeline.channels, ...createDashboardService(deps), ...createDecisionService(deps) } as unknown as ContractServices);
    await h.call('pipeline:run');
    expect(await h.invoke('pipeline:run', {})).toMatchObject({ ok: false, error: { code: 'sync_busy' } });
    await done;
  }, 240_000);

  it('runs every step in order, pushing each start and end; embed is skipped without a model', async () => {
    const ends = events.filter((e) => e.state !== 'running');
    expect(ends.map((e) => `${e.step}:${e.state}`)).toEqual(['sync:done', 'transform:done', 'quality:done', 'embed:skipped', 'match:done', 'decide:done']);
    expect(events.at(-1)).toMatchObject({ step: 'decide', final: true });
    expect(events.find((e) => e.step === 'sync' && e.state === 'done')?.message).toMatch(/odoo succeeded .*apn succeeded/);
    expect(tables.has('odoo.crm_lead')).toBe(true);
    const status = await h.call('pipeline:status');
    expect(status.run).toMatchObject({ running: false, outcome: 'succeeded', error: null });
    expect(status.run?.steps.map((s) => s.step)).toEqual(['sync', 'transform', 'quality', 'embed', 'match', 'decide']);
  });

  it('dashboard:summary agrees with the warehouse', async () => {
    const list = await h.call('decision:list', { limit: 5000 });
    const s = await h.call('dashboard:summary');
    expect(s.tenant).toBe('demo');
    expect(s.decisions.total).toBe(list.total);
    for (const [state, n] of Object.entries(list.counts)) expect(s.decisions.byState[state as keyof typeof s.decisions.byState]).toBe(n);
    expect(s.decisions.autoDecided).toBe((list.counts.auto_approve ?? 0) + (list.counts.auto_reject ?? 0));
    expect(s.decisions.autoShare).toBeCloseTo(s.decisions.autoDecided / list.total, 10);

    const eligibleIds = list.items.filter((i) => i.state === 'auto_approve' || i.state === 'approved').map((i) => i.aceId);
    expect(eligibleIds.length).toBeGreaterThan(0);
    const { rows } = await getDb().query<{ total: string | null; n: string }>(
      'SELECT sum(project_budget)::text AS total, count(project_budget)::text AS n FROM core.ace_opportunities WHERE source_id = ANY($1::text[])', [eligibleIds],
    );
    expect(s.valueAtStake.eligible).toBeCloseTo(Number(rows[0]?.total ?? 0), 2);
    expect(s.valueAtStake.eligibleCount).toBe(Number(rows[0]?.n));

    expect(s.freshness.map((f) => [f.source, f.lastStatus])).toEqual([['odoo', 'succeeded'], ['apn', 'succeeded']]);
    expect(s.freshness.every((f) => f.lastSuccessAt !== null && f.rows > 0)).toBe(true);
    const q = (await getDb().query<{ overall_score: string }>('SELECT overall_score::text FROM ops.data_quality_runs ORDER BY started_at DESC LIMIT 1')).rows[0];
    expect(s.quality?.score).toBe(Number(q?.overall_score));
    expect(s.quality?.tables.length).toBeGreaterThan(0);
    expect(s.steps.every((x) => x.at !== null)).toBe(true);
    expect(s.recentJobs.map((j) => j.status)).toEqual(['succeeded', 'succeeded']);
  });
});
