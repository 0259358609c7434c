/**
 * pipeline:cancel mid-sync (a 300,000-row table keeps the Odoo copy busy when the first progress arrives):
 * the run ends `cancelled` with one final event, the sync jobs are recorded cancelled (nothing applied), and
 * the next run starts normally. A failing source fails the run naming the step.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { PipelineProgress } from '../../../app/contract';
import { listJobs } from '../../../db/queries/sync';
import { describeEngines } from '../../../db/testing';
import { DEFAULT_SETTINGS, saveSettings } from '../../config/settings';
import { addBulkTable, installTinyDemo } from '../sync/testing';
import { createPipelineService } from './service';

describeEngines('pipeline service', (getDb) => {
  function service(dataDir: string) {
    const events: PipelineProgress[] = [];
    let firstTable: () => void = () => undefined;
    const copying = new Promise<void>((r) => (firstTable = r));
    let finished: () => void = () => undefined;
    const done = new Promise<void>((r) => (finished = r));
    const svc = createPipelineService({
      dataDir,
      databaseUrl: undefined,
      warehouse: async () => getDb(),
      emit: (p) => {
        events.push(p);
        if (p.final) finished();
      },
      emitSyncProgress: (p) => {
        if (p.table === 'bulk_rows' && p.phase === 'copying') firstTable();
      },
      log: () => undefined,
      runOptions: async () => ({ env: {}, modelDir: join(dataDir, 'no-model') }),
    });
    return { svc, events, copying, done };
  }

  it('cancel during the sync ends the run cancelled; its jobs change nothing', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'revops-pipe-'));
    await installTinyDemo(dataDir);
    await addBulkTable(dataDir);
    const { svc, events, copying, done } = service(dataDir);
    const { runId } = await svc.channels['pipeline:run']();
    await copying;
    expect(await svc.channels['pipeline:cancel']({ runId })).toEqual({ cancelled: true });
    await done;
    expect(events.filter((e) => e.final)).toEqual([expect.objectContaining({ runId, step: 'sync', state: 'cancelled' })]);
    expect((await svc.channels['pipeline:status']()).run).toMatchObject({ runId, running: false, outcome: 'cancelled', error: null });
    const jobs = await listJobs(getDb(), 5);
    expect(jobs.find((j) => j.source_system === 'odoo')?.status).toBe('cancelled');
    expect((await getDb().query<{ n: string }>("SELECT count(*)::text AS n FROM pg_tables WHERE schemaname = 'raw' AND tablename = 'odoo_bulk_rows'")).rows[0]?.n).toBe('0');
    expect(await svc.channels['pipeline:cancel']({})).toEqual({ cancelled: false });
  }, 240_000);

  it('a run whose every source fails stops at the sync step and says why', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'revops-pipe-'));
    await saveSettings(dataDir, DEFAULT_SETTINGS);
    const { svc, events, done } = service(dataDir);
    await svc.channels['pipeline:run']();
    await done;
    const last = events.at(-1);
    expect(last).toMatchObject({ step: 'sync', state: 'failed', final: true });
    expect(last?.message).toContain('No odoo source is configured');
    expect((await svc.channels['pipeline:status']()).run?.outcome).toBe('failed');
  });
});
