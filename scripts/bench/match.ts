/**
 * `npm run bench -- match [--data-dir DIR] [--semantic-k 20]`: the whole ACE ↔ Odoo matching run (`runMatch`:
 * read core, ANN + similarities when the semantic signal is on, block, EM, score, assign, write) on the
 * warehouse of a data folder, then the evaluation against the generator's ground truth when the folder has
 * one. Needs a warehouse where `revops transform` ran (prod scale for the README figure). DATABASE_URL set =
 * server engine, else the embedded warehouse of the data folder. Last stdout line: one JSON object with
 * engine, ace, odoo, match_s, rows_written and, with ground truth, top1_answerable, auto_precision,
 * auto_share, recall_at_20, nomatch_precision, pair_f1, ece.
 */
import { openWarehouse } from '../../db/warehouse';
import { resolveDataDir } from '../../main/config/data-dir';
import { evaluateMatch } from '../../main/services/match/eval';
import { runMatch } from '../../main/services/match';
import { TruthUnavailableError } from '../../main/services/match/truth';

const err = (line: string) => process.stderr.write(line + '\n');
const round = (n: number, d = 4) => Number(n.toFixed(d));

export async function benchMatch(opt: (key: string, fallback: string) => string): Promise<Record<string, unknown>> {
  const dataDir = resolveDataDir(opt('data-dir', '') ? { REVOPS_DATA_DIR: opt('data-dir', '') } : process.env);
  const databaseUrl = process.env.DATABASE_URL?.trim() || undefined;
  const semanticK = Number(opt('semantic-k', '20'));
  if (!Number.isInteger(semanticK) || semanticK < 1) throw new Error('--semantic-k must be a positive integer');
  const db = await openWarehouse({ dataDir, databaseUrl });
  try {
    const t = performance.now();
    const r = await runMatch({ db, log: err, semanticK });
    const matchS = (performance.now() - t) / 1000;
    const figures: Record<string, unknown> = {
      engine: db.engine, ace: r.ace, odoo: r.odoo, match_s: round(matchS, 2), rows_written: r.rowsWritten,
      candidate_pairs: r.candidatePairs, matched: r.matched, review: r.review, no_match: r.noMatch, semantic: r.semantic.on,
    };
    try {
      const e = await evaluateMatch({ db, dataDir, databaseUrl });
      Object.assign(figures, {
        top1_answerable: round(e.top1_answerable), auto_precision: round(e.auto_precision), auto_share: round(e.auto_share), recall_at_20: round(e.recall_at_20),
        nomatch_precision: round(e.nomatch_precision), pair_f1: round(e.pair_f1), ece: round(e.ece), truth: e.truth,
      });
    } catch (e) {
      if (!(e instanceof TruthUnavailableError)) throw e;
      err(`no evaluation: ${e.message}`);
    }
    err(`match ${figures.engine}: ${r.ace} ACE × ${r.odoo} Odoo in ${figures.match_s} s, ${r.rowsWritten} rows written`);
    return figures;
  } finally {
    await db.close();
  }
}
