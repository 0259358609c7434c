/**
 * The demo generator's ground truth for the matcher evaluation (`revops eval match`). Only evaluation reads
 * it — the pipeline never does. Location from the demo-sources manifest: an embedded PGlite folder or a
 * database on the server that DATABASE_URL names.
 */
import { join } from 'node:path';
import { openPglite } from '../../../db/pglite';
import { openPostgres } from '../../../db/postgres';
import { withDatabase } from '../../../db/server-database';
import type { Db } from '../../../db/types';
import type { TruthAce } from '../../../app/match/metrics';
import { demoSourcesDir, readDemoManifest } from '../demo-sources/location';

export class TruthUnavailableError extends Error {
  override name = 'TruthUnavailableError';
}

export async function openTruth(dataDir: string, databaseUrl: string | undefined): Promise<{ db: Db; describe: string }> {
  const manifest = await readDemoManifest(dataDir);
  if (!manifest) throw new TruthUnavailableError(`No demo sources in ${dataDir}: the evaluation needs the generator's ground truth. Run \`revops demo sources --scale prod --seed <seed>\` first.`);
  if (manifest.engine === 'postgres') {
    if (!databaseUrl) throw new TruthUnavailableError(`The ground truth is database '${manifest.truth}' on a PostgreSQL server: set DATABASE_URL to that server.`);
    return { db: await openPostgres(withDatabase(databaseUrl, manifest.truth), { max: 1, applicationName: 'revops eval' }), describe: `${manifest.scale} seed '${manifest.seed}'` };
  }
  return { db: await openPglite(join(demoSourcesDir(dataDir), manifest.truth)), describe: `${manifest.scale} seed '${manifest.seed}'` };
}

type PairRow = { ace_id: string; lead_id: number | null; label: string; family: string | null };

/** One entry per ACE opportunity of the truth: its true matches, difficulty, variation family and kind. */
export async function readTruth(db: Db): Promise<TruthAce[]> {
  const aces = (await db.query<{ ace_id: string; difficulty: string; render_ops: string[] | null }>(
    'SELECT ace_id, difficulty, render_ops FROM synthetic_truth.gt_ace_opportunity ORDER BY ace_id',
  )).rows;
  const pairs = (await db.query<PairRow>('SELECT ace_id, lead_id, label, family FROM synthetic_truth.gt_opportunity_pair ORDER BY pair_id')).rows;
  const byAce = new Map<string, PairRow[]>();
  for (const p of pairs) byAce.set(p.ace_id, [...(byAce.get(p.ace_id) ?? []), p]);
  return aces.map((a) => {
    const ps = byAce.get(a.ace_id) ?? [];
    const matches = new Set(ps.filter((p) => p.label === 'match' && p.lead_id != null).map((p) => String(p.lead_id)));
    const hn = ps.find((p) => p.label === 'hard_negative' || (p.family ?? '').startsWith('HN'));
    const kind = matches.size > 0 ? 'answerable'
      : hn ? (hn.family ?? 'hard_negative')
        : ps.some((p) => p.label === 'same_customer_other_deal') ? 'same_customer_other_deal'
          : ps.some((p) => p.label === 'same_group_other_entity') ? 'same_group_other_entity' : 'customer_not_in_odoo';
    const family = matches.size > 0 ? (ps.find((p) => p.label === 'match')?.family ?? a.render_ops?.[0] ?? 'exact') : kind;
    return { ace: a.ace_id, matches, difficulty: a.difficulty, family, kind };
  });
}
