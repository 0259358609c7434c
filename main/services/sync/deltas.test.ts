/**
 * The generator's deltas mode (`revops demo advance`) against incremental sync, on both warehouse
 * engines: daily change sets with edits, inserts, bursts sharing one timestamp and merge deletes. After
 * each day's incremental sync, raw equals the sources table by table, and the deletions the sync found
 * are the ones the day made.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeEngines } from '../../../db/testing';
import { advanceDemoSources } from '../demo-sources/deltas/advance';
import { serveDemoSources } from '../demo-sources/serve';
import { runSync } from './index';
import { compareRawToSource, syncTinyDemo } from './testing';

describeEngines('incremental sync over the demo deltas', (getDb) => {
  it('keeps raw equal to the sources day after day, deletes included', async () => {
    const db = getDb();
    const dataDir = await mkdtemp(join(tmpdir(), 'revops-sync-deltas-'));
    await syncTinyDemo(db, dataDir);
    let deletedBySync = 0;
    let deletedByDays = 0;
    for (let day = 1; day <= 3; day++) {
      const advanced = await advanceDemoSources({ dataDir, days: 1 });
      const r = await runSync({ db, dataDir, env: {} });
      expect(r.jobs.map((j) => j.status)).toEqual(['succeeded', 'succeeded']);
      for (const j of r.jobs) {
        for (const t of j.tables) {
          const c = advanced.counts[`${j.system}.${t.sourceTable}`];
          if (c) expect(t.deleted, `${j.system}.${t.sourceTable} day ${day}`).toBe(c.deleted);
          deletedBySync += t.deleted;
        }
        // Changes are read incrementally: no table with a change column is re-read in full.
        expect(j.tables.filter((t) => t.mode === 'full').map((t) => t.sourceTable).sort()).toEqual(
          j.system === 'odoo' ? ['crm_tag_rel'] : ['apn_funding_request_history'],
        );
      }
      deletedByDays += Object.entries(advanced.counts)
        .filter(([k]) => !k.startsWith('truth.'))
        .reduce((n, [, c]) => n + c.deleted, 0);
      const served = await serveDemoSources(dataDir);
      try {
        for (const system of ['odoo', 'apn'] as const) {
          const diffs = await compareRawToSource(db, system, served.urls[system]);
          expect(diffs.filter((d) => !d.same), `day ${day} ${system}`).toEqual([]);
        }
      } finally {
        await served.close();
      }
    }
    expect(deletedBySync).toBe(deletedByDays);
    expect(deletedBySync).toBeGreaterThan(0);
  }, 240_000);
});
