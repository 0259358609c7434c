import { describe, expect, it } from 'vitest';
import { HostError } from '../../app/contract';
import type { ContractServices } from './handlers';
import { createHandlers } from './handlers';

const offlineStatus = { online: null, checkedAt: null, lastError: null, pending: 0, queue: [], conflicts: [], flushed: 0, lastFlushAt: null, replica: { refreshedAt: null, decisions: 0, explanations: 0 } };

// The registry is the unit here: services are plain functions that record what they received.
function recordingServices(calls: unknown[]): ContractServices {
  return {
    'app:info': async (input) => {
      calls.push(input);
      return { name: 'RevOps Workbench', version: '0.0.0', engine: 'pglite', dataDir: '/tmp/x', shell: 'headless' };
    },
    'warehouse:status': async () => {
      throw Object.assign(new Error('Cannot reach PostgreSQL at db:5432 as postgres://bob:pw@db:5432/wh'), { contractCode: 'warehouse_unavailable', hint: 'Start PostgreSQL.' });
    },
    'sources:status': async () => {
      throw new TypeError('boom');
    },
    'sync:run': async (input) => {
      calls.push(input);
      return { runId: 'r1' };
    },
    'sync:cancel': async () => ({ cancelled: false }),
    'sync:jobs': async () => ({ running: null, jobs: [] }),
    'decision:list': async () => ({ tenant: 'default', total: 0, counts: {}, items: [] }),
    'decision:explain': async () => {
      throw new HostError({ code: 'not_found', message: 'No POD decision.' });
    },
    'decision:set': async (input) => ({ aceId: input.aceId, state: 'approved', by: 'analyst', eventId: 'e1' }),
    'rules:active': async () => ({ tenant: 'default', ruleSetHash: null, ruleSetId: null, title: null, files: [], fallback: false, loadErrors: [], versions: [] }),
    'match:candidates': async (input) => ({ aceId: input.aceId, ace: { name: 'x', fields: [] }, assignment: null, candidates: [], semantic: { on: false, reason: null }, decisions: [] }),
    'match:choose': async (input) => ({ aceId: input.aceId, status: 'no_match', odooId: null, decisionId: 'd1' }),
    'settings:get': async () => {
      throw new HostError({ code: 'settings_invalid', message: 'Settings file is invalid.' });
    },
    'settings:set': async () => {
      throw new HostError({ code: 'settings_invalid', message: 'Settings file is invalid.' });
    },
    'settings:test-connection': async (input) => ({ target: input.target, ok: false, message: 'refused', hint: 'start it', details: [], ms: 1 }),
    'settings:pick-folder': async () => ({ path: null }),
    'model:detect': async (input) => ({ modelDir: input.modelDir ?? '/m', from: 'input', status: 'missing', message: 'no model', provider: null, requestedProvider: input.provider, fallbackReason: null, dims: null, heads: [], loadMs: null, expected: { provider: 'cpu', reason: 'no GPU' } }),
    'dashboard:summary': async () => {
      throw new HostError({ code: 'not_found', message: 'No summary.' });
    },
    'pipeline:run': async () => ({ runId: 'p1' }),
    'pipeline:cancel': async () => ({ cancelled: false }),
    'pipeline:status': async () => ({ run: null }),
    'offline:status': async () => offlineStatus,
    'offline:sync': async () => offlineStatus,
    'offline:resolve': async () => offlineStatus,
    'export:decisions': async (input) => ({ cancelled: false, path: `/tmp/${input.fileName ?? 'x.xlsx'}`, format: input.format, tenant: input.tenant ?? 'default', rows: 0, sheets: [], bytes: 0, durationMs: 0 }),
    'cost:accounts': async () => ({ currency: 'USD', firstMonth: null, lastMonth: null, payers: [] }),
    'cost:query': async (input) => {
      calls.push(input);
      throw new HostError({ code: 'not_found', message: 'No cost data.' });
    },
    'cost:drill': async (input) => ({ currency: 'USD', level: input.product === undefined ? 'product' : 'month', accountId: input.account, accountName: null, productCode: input.product ?? null, rows: [] }),
    'cost:movers': async (input) => ({ currency: 'USD', dimension: input.dimension, movers: [] }),
    'cost:pod-realized': async (input) => ({ currency: 'USD', tenant: input.tenant ?? 'default', expectedPct: input.expectedPct ?? 0.03, rows: [] }),
    'cost:export': async () => ({ cancelled: true, path: null, sheets: [], rows: 0 }),
  };
}

describe('createHandlers', () => {
  it('parses input before calling the service (undefined becomes {})', async () => {
    const calls: unknown[] = [];
    const handlers = createHandlers(recordingServices(calls));
    const result = await handlers.invoke('app:info', undefined);
    expect(result).toMatchObject({ ok: true, value: { engine: 'pglite' } });
    expect(calls).toEqual([{}]);
  });

  it('rejects bad input with bad_input and never calls the service', async () => {
    const calls: unknown[] = [];
    const errors: string[] = [];
    const handlers = createHandlers(recordingServices(calls), { onError: (channel, e) => errors.push(`${channel} ${e.code}`) });
    const result = await handlers.invoke('app:info', { unexpected: 1 });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('bad_input');
      expect(result.error.message).toMatch(/unexpected/);
    }
    expect(calls).toEqual([]);
    expect(errors).toEqual(['app:info bad_input']);
  });

  it('answers unknown channels with unknown_channel', async () => {
    const result = await createHandlers(recordingServices([])).invoke('app:delete-everything', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
  });

  it('turns service failures into typed, redacted errors', async () => {
    const handlers = createHandlers(recordingServices([]));
    const unreachable = await handlers.invoke('warehouse:status', {});
    expect(unreachable).toEqual({
      ok: false,
      error: { code: 'warehouse_unavailable', message: 'Cannot reach PostgreSQL at db:5432 as postgres://bob:***@db:5432/wh', hint: 'Start PostgreSQL.' },
    });
    expect(await handlers.invoke('sources:status', {})).toEqual({ ok: false, error: { code: 'internal', message: 'boom' } });
  });

  it('call() is typed and rejects with HostError', async () => {
    const handlers = createHandlers(recordingServices([]));
    expect((await handlers.call('app:info')).version).toBe('0.0.0');
    const failure = await handlers.call('warehouse:status').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(HostError);
    expect((failure as HostError).code).toBe('warehouse_unavailable');
  });
});
