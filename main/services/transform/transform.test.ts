/**
 * raw → core on both engines, from the tiny demo sources synced by the real sync (syncTinyDemo).
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { describeEngines } from '../../../db/testing';
import { syncTinyDemo } from '../sync/testing';
import { runTransform, type TransformResult } from './index';

describeEngines('transform of the tiny demo sources', (getDb) => {
  let dataDir: string;
  let first: TransformResult;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'revops-transform-'));
    await syncTinyDemo(getDb(), dataDir);
    first = await runTransform({ db: getDb(), log: (l) => console.log(l) });
  }, 180_000);

  it('runs', () => {
    expect(first.mode).toBe('full');
  });
});
