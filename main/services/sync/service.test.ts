/**
 * The sync channels through the real handler registry and runtime (embedded warehouse): sync:run starts a
 * background run and pushes sync:progress; a second sync:run while it runs is refused (sync_busy);
 * sync:jobs lists the jobs; sync:cancel stops a run and the job is recorded 'cancelled'.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEnvelope, EventPayload } from '../../../app/contract';
import { eventContract, HostError, invokeContract } from '../../../app/contract';
import { createRuntime } from '../../host/runtime';
import type { Runtime } from '../../host/runtime';
import { installTinyDemo } from './testing';

function waitFor(runtime: Runtime, test: (e: EventEnvelope) => boolean): Promise<EventEnvelope> {
  return new Promise((resolve) => {
    const off = runtime.events.subscribe((e) => {
      if (test(e)) {
        off();
        resolve(e);
      }
    });
  });
}

const logged = (text: string) => (e: EventEnvelope) => e.event === 'app:log' && e.payload.message.includes(text);

describe('sync channels (headless runtime, embedded warehouse)', () => {
  let runtime: Runtime;

  beforeAll(async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'revops-sync-svc-'));
    await installTinyDemo(dataDir);
    runtime = createRuntime({ dataDir, shell: 'headless' });
  }, 120_000);

  afterAll(async () => {
    await runtime?.close();
  });

  it('runs in the background with progress, refuses a second run, lists the jobs', async () => {
    const progress: EventPayload<'sync:progress'>[] = [];
    const off = runtime.events.subscribe((e) => {
      if (e.event === 'sync:progress') progress.push(e.payload);
    });
    const { runId } = await runtime.handlers.call('sync:run', { target: 'all' });
    const finished = waitFor(runtime, logged(`sync run ${runId} finished`));
    expect(runId).toMatch(/^[0-9a-f-]{36}$/);
    const second = await runtime.handlers.invoke('sync:run', {});
    expect(second).toMatchObject({ ok: false, error: { code: 'sync_busy' } });
    expect((await runtime.handlers.call('sync:jobs')).running).toEqual({ runId });
    await finished;
    off();
    const done = progress.filter((p) => p.phase === 'done');
    expect(done.find((p) => p.table === 'account_move_line')).toMatchObject({ source: 'odoo', rowsDone: 8000, rowsTotal: 8000 });
    for (const p of progress) expect(eventContract['sync:progress'].safeParse(p).success).toBe(true);
    const jobs = await runtime.handlers.call('sync:jobs', { limit: 5 });
    expect(jobs.running).toBeNull();
    expect(jobs.jobs.map((j) => [j.source, j.status, j.runId])).toEqual(
      expect.arrayContaining([
        ['odoo', 'succeeded', runId],
        ['apn', 'succeeded', runId],
      ]),
    );
    expect(invokeContract['sync:jobs'].output.parse(jobs)).toEqual(jobs);
  }, 60_000);

  it('cancels a running sync: the job is recorded cancelled and nothing of it applied', async () => {
    const copying = waitFor(runtime, (e) => e.event === 'sync:progress' && e.payload.source === 'odoo' && e.payload.phase === 'copying');
    const { runId } = await runtime.handlers.call('sync:run', { target: 'odoo', full: true });
    await copying;
    expect(await runtime.handlers.call('sync:cancel', { runId })).toEqual({ cancelled: true });
    const jobs = await runtime.handlers.call('sync:jobs', { limit: 1 });
    expect(jobs.jobs[0]).toMatchObject({ runId, source: 'odoo', status: 'cancelled', inserted: 0 });
    expect(jobs.jobs[0]?.error).toMatch(/cancelled/i);
    expect(await runtime.handlers.call('sync:cancel', {})).toEqual({ cancelled: false });
  }, 60_000);

  it('rejects bad input before anything runs', async () => {
    await expect(runtime.handlers.call('sync:run', { target: 'crm' as 'all' })).rejects.toBeInstanceOf(HostError);
  });
});
