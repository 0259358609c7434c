/**
 * `revops eval match [--json]`: the stored matcher results against the demo generator's ground truth (the
 * only command that reads it). Prints a table (overall figures, then per difficulty, variation family and
 * kind of ACE opportunity without a match); --json prints one object with every figure.
 */
import type { Command } from 'commander';
import { openWarehouse } from '../../db/warehouse';
import type { GroupMetrics } from '../../app/match/metrics';
import { evaluateMatch, type EvalResult } from '../services/match/eval';
import { commonOptions } from './run';

const f = (x: number | null, d = 3): string => (x === null ? '-' : x.toFixed(d));

function groupTable(title: string, groups: Record<string, GroupMetrics>, answerable: boolean): string[] {
  const lines = [``, answerable
    ? `${title.padEnd(26)} ${'N'.padStart(6)} ${'R@20'.padStart(6)} ${'TOP1'.padStart(6)} ${'AUTO'.padStart(6)} ${'AUTO_PREC'.padStart(9)} ${'NO_MATCH'.padStart(8)}`
    : `${title.padEnd(26)} ${'N'.padStart(6)} ${'NO_MATCH'.padStart(8)} ${'FALSE_ACCEPT'.padStart(12)}`];
  for (const [k, g] of Object.entries(groups)) {
    lines.push(answerable
      ? `${k.padEnd(26)} ${String(g.n).padStart(6)} ${f(g.recall_at_20).padStart(6)} ${f(g.top1).padStart(6)} ${f(g.auto_share).padStart(6)} ${f(g.auto_precision, 4).padStart(9)} ${String(g.nomatch_auto).padStart(8)}`
      : `${k.padEnd(26)} ${String(g.n).padStart(6)} ${String(g.nomatch_auto).padStart(8)} ${String(g.false_accepts).padStart(12)}`);
  }
  return lines;
}

export function formatEval(r: EvalResult): string {
  const th = r.thresholds as { autoAccept?: number; autoNoMatch?: number } | null;
  const lines = [
    `ground truth: ${r.truth}; thresholds: auto-accept ${th?.autoAccept ?? '?'}, auto no-match ${th?.autoNoMatch ?? '?'}`,
    `ACE opportunities        ${r.ace} (answerable ${r.answerable}, without a match ${r.unanswerable})`,
    `candidate recall         ${f(r.candidate_recall, 4)}`,
    `recall@1 / @5 / @20      ${f(r.recall_at_1, 4)} / ${f(r.recall_at_5, 4)} / ${f(r.recall_at_20, 4)}`,
    `top-1 on answerable      ${f(r.top1_answerable, 4)}`,
    `auto share (answerable)  ${f(r.auto_share, 4)}   auto-accept precision ${f(r.auto_precision, 4)} (${r.auto_accepts} accepted)`,
    `no-match precision       ${f(r.nomatch_precision, 4)}   recall ${f(r.nomatch_recall, 4)} (${r.auto_no_match} decided)`,
    `pairwise P / R / F1      ${f(r.pair_precision, 4)} / ${f(r.pair_recall, 4)} / ${f(r.pair_f1, 4)}`,
    `ECE (top-1, 10 bins)     ${f(r.ece, 4)}`,
    `to review                ${r.review}`,
    ...groupTable('DIFFICULTY', r.by_difficulty, true),
    ...groupTable('FAMILY', r.by_family, true),
    ...groupTable('WITHOUT A MATCH', r.by_kind, false),
  ];
  return lines.join('\n') + '\n';
}

export function registerEvalCommands(program: Command): void {
  const ev = program.command('eval').description('evaluate results against the demo generator\'s ground truth');
  ev.command('match')
    .description('the matcher: candidate recall@1/5/20, top-1 on answerable, no-match precision/recall, pairwise P/R/F1, ECE, automatic share and precision, per family')
    .option('--json', 'print one JSON object with every figure')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const { dataDir, databaseUrl } = commonOptions(cmd);
      const db = await openWarehouse({ dataDir, databaseUrl });
      try {
        const r = await evaluateMatch({ db, dataDir, databaseUrl });
        process.stdout.write(opts.json ? JSON.stringify(r) + '\n' : formatEval(r));
      } finally {
        await db.close();
      }
    });
}
