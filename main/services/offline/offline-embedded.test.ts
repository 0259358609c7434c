/**
 * The offline path on the embedded warehouse. PGlite runs inside the app's process, so it cannot be
 * "stopped" like a server; what does happen is that another process holds it (a long `revops sync`, `npm
 * run demo`, a second app instance): the app is then locked out of its own warehouse. Here runtime A
 * holds the embedded warehouse of a data folder filled by the real pipeline, runtime B over the same data
 * folder is locked out: B answers from the replica, queues a decision, and sends it exactly once as soon
 * as A lets go.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openWarehouse } from '../../../db/warehouse';
import { createRuntime } from '../../host/runtime';
import type { Runtime } from '../../host/runtime';
import { resolveAsOf } from '../decide/as-of';
import { runDecide } from '../decide/index';
import { runMatch } from '../match';
import { syncTinyDemo } from '../sync/testing';
import { runTransform } from '../transform';

let dataDir: string;
const runtimes: Runtime[] = [];
const open = () => {
  const rt = createRuntime({ dataDir, shell: 'headless' });
  runtimes.push(rt);
  return rt;
};

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'revops-offline-embedded-'));
  const db = await openWarehouse({ dataDir });
  try {
    await syncTinyDemo(db, dataDir);
    await runTransform({ db });
    await runMatch({ db });
    await runDecide({ db, asOf: (await resolveAsOf(dataDir)).asOf, tenant: 'default' });
  } finally {
    await db.close();
  }
}, 300_000);

afterAll(async () => {
  for (const rt of runtimes) await rt.close();
});

it('[pglite] locked out of the embedded warehouse: works from the replica, then flushes once when it is free', async () => {
  const a = open();
  const copied = await a.handlers.call('offline:sync');
  expect(copied).toMatchObject({ online: true, pending: 0 });
  const list = await a.handlers.call('decision:list', { limit: 5000 });
  expect(copied.replica.decisions).toBe(list.total);
  const ace = list.items[0]?.aceId as string;

  const b = open();
  const offlineList = await b.handlers.call('decision:list', { limit: 5000 });
  expect(offlineList.items.map((i) => i.aceId)).toEqual(list.items.map((i) => i.aceId));
  const status = await b.handlers.call('offline:status');
  expect(status.online).toBe(false);
  expect(status.lastError).toMatch(/in use by this process/);
  const set = await b.handlers.call('decision:set', { aceId: ace, action: 'approve', reason: 'customer confirmed by mail', user: 'ana' });
  expect(set).toMatchObject({ state: 'approved', queued: true });
  // the outbox belongs to the data folder: A shows the decision as waiting (not in the warehouse yet)
  expect((await a.handlers.call('decision:list', { limit: 5000 })).items.find((i) => i.aceId === ace)).toMatchObject({ state: 'approved', pending: true });

  await a.close();
  runtimes.splice(runtimes.indexOf(a), 1);
  const back = await b.handlers.call('offline:sync');
  expect(back).toMatchObject({ online: true, pending: 0, conflicts: [] });
  const explained = await b.handlers.call('decision:explain', { aceId: ace });
  expect(explained.events).toHaveLength(1);
  expect(explained).toMatchObject({ state: 'approved', events: [{ action: 'approve', actor: 'ana' }] });
  await b.handlers.call('offline:sync');
  expect((await b.handlers.call('decision:explain', { aceId: ace })).events).toHaveLength(1);
});
