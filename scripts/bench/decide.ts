/**
 * `npm run bench -- decide [--data-dir DIR] [--tenant demo] [--as-of YYYY-MM-DD] [--repeat 5]`: how long the
 * POD facts take to build from the warehouse (core + match + billing) and how long the rules take to
 * evaluate on all of them, without writing decisions. Needs a warehouse where `revops transform` and
 * `revops match` ran (prod scale for the README figures). DATABASE_URL set = server engine, else the
 * embedded warehouse of the data folder. Figures are medians of --repeat runs (the first is a warm-up).
 */
import { evaluateFacts } from '../../app/rules';
import { openWarehouse } from '../../db/warehouse';
import { resolveDataDir } from '../../main/config/data-dir';
import { resolveAsOf } from '../../main/services/decide/as-of';
import { buildFacts } from '../../main/services/decide/facts';
import { loadRuleSetFile, ruleFileFor, rulesDir } from '../../main/services/decide/rule-files';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

export async function benchDecide(opt: (key: string, fallback: string) => string): Promise<Record<string, unknown>> {
  const dataDir = resolveDataDir(opt('data-dir', '') ? { REVOPS_DATA_DIR: opt('data-dir', '') } : process.env);
  const databaseUrl = process.env.DATABASE_URL?.trim() || undefined;
  const tenant = opt('tenant', 'demo');
  const repeat = Math.max(1, Number(opt('repeat', '5')));
  const asOf = (await resolveAsOf(dataDir, opt('as-of', '') || undefined)).asOf;
  const set = (await loadRuleSetFile(ruleFileFor(rulesDir(), tenant))).compiled;
  const db = await openWarehouse({ dataDir, databaseUrl });
  try {
    const factsS: number[] = [];
    const evalS: number[] = [];
    let n = 0;
    const outcomes: Record<string, number> = {};
    for (let i = 0; i <= repeat; i++) {
      const t0 = performance.now();
      const { facts } = await buildFacts(db, asOf);
      const t1 = performance.now();
      const decisions = facts.map((f) => evaluateFacts(set, f));
      const t2 = performance.now();
      n = facts.length;
      if (n === 0) throw new Error(`No ACE opportunities in the warehouse of ${dataDir}: run revops sync, transform and match first.`);
      if (i === 0) for (const d of decisions) outcomes[d.outcome] = (outcomes[d.outcome] ?? 0) + 1;
      if (i > 0) {
        factsS.push((t1 - t0) / 1000);
        evalS.push((t2 - t1) / 1000);
      }
      process.stderr.write(`run ${i}${i === 0 ? ' (warm-up)' : ''}: facts ${((t1 - t0) / 1000).toFixed(3)} s, rules ${((t2 - t1) / 1000).toFixed(3)} s, ${n} opportunities\n`);
    }
    const figures = {
      engine: db.engine, tenant, as_of: asOf, opportunities: n, rules: set.versions.at(-1)?.rules.length ?? 0,
      facts_build_s: Number(median(factsS).toFixed(3)), evaluate_s: Number(median(evalS).toFixed(3)),
      evaluate_us_per_opportunity: Number(((median(evalS) / n) * 1e6).toFixed(1)), outcomes,
    };
    process.stderr.write(`facts ${figures.facts_build_s} s, rules ${figures.evaluate_s} s for ${n} opportunities (median of ${repeat})\n`);
    return figures;
  } finally {
    await db.close();
  }
}
