/**
 * The matcher with embeddings present: `revops embed` (real worker, tiny random-weight BGE-M3-shaped model)
 * then `revops match` — ANN neighbours join the blocking, the run records the semantic signal on, and the
 * decisions stay as good as without a model (random weights carry no meaning: the other signals decide).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { describeEngines } from '../../../db/testing';
import { writeTinyBgeM3 } from '../../../worker/testing/tiny-model';
import { runEmbed } from '../embed/embed';
import { syncTinyDemo } from '../sync/testing';
import { runTransform } from '../transform';
import { evaluateMatch } from './eval';
import { runMatch, type MatchResult } from './index';

describeEngines('revops match with embeddings', (getDb) => {
  let root: string;
  let dataDir: string;
  let before: MatchResult;
  let after: MatchResult;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'revops-match-sem-'));
    dataDir = join(root, 'data');
    const modelDir = join(root, 'tiny-bge-m3');
    await writeTinyBgeM3(modelDir, { flavour: 'heads', hidden: 32 });
    await syncTinyDemo(getDb(), dataDir);
    await runTransform({ db: getDb() });
    before = await runMatch({ db: getDb() });
    const e = await runEmbed({ db: getDb(), modelDir });
    expect(e.status).toBe('done');
    after = await runMatch({ db: getDb() });
    return () => rm(root, { recursive: true, force: true });
  }, 300_000);

  it('uses ANN neighbours as a blocking key when the semantic signal is on', async () => {
    expect(before.semantic.on).toBe(false);
    expect(after.semantic.on).toBe(true);
    expect(after.blocking.semantic ?? 0).toBeGreaterThan(0);
    expect(after.candidatePairs).toBeGreaterThanOrEqual(before.candidatePairs);
    const run = await getDb().query<{ semantic: boolean }>('SELECT semantic FROM ops.match_runs ORDER BY started_at DESC LIMIT 1');
    expect(run.rows[0]?.semantic).toBe(true);
  });

  it('keeps every automatic decision right', async () => {
    const r = await evaluateMatch({ db: getDb(), dataDir, databaseUrl: undefined });
    expect(r.auto_precision).toBe(1);
    expect(r.top1_answerable).toBeGreaterThan(0.9);
  });
});
