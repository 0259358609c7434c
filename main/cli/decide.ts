/**
 * POD decisions from the command line:
 *   revops decide [--tenant X] [--as-of YYYY-MM-DD] [--json]      evaluate the rules for every ACE opportunity
 *   revops explain <ace-id> [--tenant X] [--json]                 each rule: pass/fail/unknown, facts read, explanation
 *   revops decision approve|reject|reopen <ace-id> --reason … --user …   analyst action (appended event)
 *   revops rules check <file>  /  revops rules facts              validate a rule file / list the facts
 *   revops eval decide [--tenant X] [--json]                      decisions vs the generator's expected POD facts
 */
import type { Command } from 'commander';
import { formatProblem, FACT_DEFS, RuleSetError } from '../../app/rules';
import type { DecisionExplain } from '../../app/contract';
import { HostError } from '../../app/contract';
import { openWarehouse } from '../../db/warehouse';
import { loadSettings } from '../config/settings';
import { resolveAsOf } from '../services/decide/as-of';
import { evaluateDecide, type DecideEval } from '../services/decide/eval';
import { runDecide } from '../services/decide';
import { explainDecision, setDecision } from '../services/decide/review';
import { loadRuleSetFile } from '../services/decide/rule-files';
import { commonOptions, log, UsageError } from './run';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

async function tenantOf(dataDir: string, given: string | undefined): Promise<string> {
  if (given !== undefined) {
    if (!/^[a-z0-9][a-z0-9_-]*$/.test(given)) throw new UsageError(`--tenant must be a rule file name under rules/tenants/ (lower-case, digits, - and _), got '${given}'`);
    return given;
  }
  return (await loadSettings(dataDir).catch(() => null))?.tenant ?? 'default';
}

const short = (v: unknown) => {
  const s = JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
};

export function formatExplain(e: DecisionExplain): string {
  const mark = { pass: 'PASS', fail: 'FAIL', unknown: 'UNKNOWN', skipped: 'SKIP' } as const;
  const lines = [
    `${e.aceId}  ${String(e.facts.customer_name ?? '')}`,
    `decision: ${e.outcome}${e.by === 'analyst' ? `  → analyst: ${e.state}${e.stale ? ' (given on an older decision: the facts or rules changed since)' : ''}` : ''}`,
    `as of ${e.asOf}; program version ${e.programVersion || '-'}; rule set ${e.ruleSetHash.slice(0, 12)} (${e.ruleSetFiles.join(' + ') || 'stored'}); tenant ${e.tenant}; decided ${e.decidedAt}`,
    '',
  ];
  for (const r of e.rules) {
    const effect = r.status === 'fail' ? ` → ${r.effect === 'reject' ? 'reject' : 'review'}` : '';
    lines.push(`${mark[r.status].padEnd(7)} ${r.id}${effect}  ${r.title}`);
    lines.push(`        ${r.explanation}`);
    const facts = Object.entries(r.facts).map(([k, v]) => `${k}=${short(v)}`).join('  ');
    if (facts) lines.push(`        facts: ${facts}`);
  }
  if (e.events.length > 0) {
    lines.push('', 'analyst trail:');
    for (const ev of e.events) lines.push(`  ${ev.at}  ${ev.action.padEnd(7)} by ${ev.actor}: ${ev.reason}`);
  }
  if (e.history.length > 0) lines.push('', `earlier decisions: ${e.history.map((h) => `${h.asOf} ${h.outcome}`).join(', ')}`);
  return lines.join('\n') + '\n';
}

export function formatDecideEval(r: DecideEval): string {
  const pct = (x: number | null) => (x === null ? '-' : `${(x * 100).toFixed(1)}%`);
  const lines = [
    `ground truth: ${r.truth} (as of ${r.truth_as_of ?? '?'}); decisions: tenant ${r.tenant}, as of ${r.as_of ?? '?'}`,
    ...(r.truth_as_of && r.as_of && r.truth_as_of !== r.as_of ? [`warning: the decisions were made as of ${r.as_of}, the truth describes ${r.truth_as_of} (run \`revops decide --as-of ${r.truth_as_of}\`)`] : []),
    `opportunities       ${r.n} (expected eligible ${r.expected_eligible}; without a decision ${r.missing_decisions})`,
    `auto-approve        ${r.auto_approve}   needs review ${r.needs_review}   auto-reject ${r.auto_reject}`,
    `agreement           ${pct(r.agreement)} (of automatic decisions: ${pct(r.agreement_automatic)})`,
    `false auto-approve  ${r.false_auto_approve}${r.false_auto_approve_ids.length ? `  (${r.false_auto_approve_ids.slice(0, 10).join(', ')})` : ''}`,
    `false auto-reject   ${r.false_auto_reject}${r.false_auto_reject_ids.length ? `  (${r.false_auto_reject_ids.slice(0, 10).join(', ')}${r.false_auto_reject_ids.length > 10 ? ', …' : ''})` : ''}`,
    '',
    `${'TRUTH REASON'.padEnd(26)} ${'N'.padStart(6)} ${'APPROVE'.padStart(8)} ${'REVIEW'.padStart(8)} ${'REJECT'.padStart(8)}`,
    ...Object.entries(r.by_reason).sort().map(([k, b]) => `${k.padEnd(26)} ${String(b.n).padStart(6)} ${String(b.auto_approve).padStart(8)} ${String(b.needs_review).padStart(8)} ${String(b.auto_reject).padStart(8)}`),
  ];
  return lines.join('\n') + '\n';
}

export function registerDecideCommands(program: Command): void {
  program
    .command('decide')
    .description('POD decisions for every ACE opportunity: facts from core + match + billing, the rules of rules/pod.yaml (or a tenant), auto-approve / needs review / auto-reject')
    .option('--tenant <name>', 'rules/tenants/<name>.yaml instead of rules/pod.yaml (default: the settings\' tenant)')
    .option('--as-of <date>', 'the evaluation day YYYY-MM-DD (default: today; on demo sources their day)')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { tenant?: string; asOf?: string; json?: boolean }, cmd: Command) => {
      if (opts.asOf !== undefined && (!DATE.test(opts.asOf) || Number.isNaN(Date.parse(opts.asOf)))) throw new UsageError(`--as-of must be a date YYYY-MM-DD, got '${opts.asOf}'`);
      const { dataDir, databaseUrl } = commonOptions(cmd);
      const tenant = await tenantOf(dataDir, opts.tenant);
      const { asOf, why } = await resolveAsOf(dataDir, opts.asOf);
      log(`decide: tenant ${tenant}, as of ${asOf} (${why})`);
      const db = await openWarehouse({ dataDir, databaseUrl });
      try {
        const r = await runDecide({ db, asOf, tenant, log });
        if (opts.json) {
          process.stdout.write(JSON.stringify(r, null, 2) + '\n');
          return;
        }
        process.stdout.write(
          `decide run=${r.runId} tenant=${r.tenant} as_of=${r.asOf} rule_set=${r.ruleSetHash.slice(0, 12)}${r.fallback ? ' (last good: the rule files have errors)' : ''} opportunities=${r.opportunities} auto_approve=${r.autoApprove} needs_review=${r.needsReview} auto_reject=${r.autoReject} written=${r.decisionsWritten} facts_s=${(r.factsMs / 1000).toFixed(2)} evaluate_s=${(r.evaluateMs / 1000).toFixed(3)} seconds=${(r.durationMs / 1000).toFixed(2)}\n`,
        );
      } finally {
        await db.close();
      }
    });

  program
    .command('explain <ace-id>')
    .description('why an ACE opportunity got its POD decision: each rule with pass/fail/unknown, the facts it read and the explanation')
    .option('--tenant <name>', 'the tenant whose decision to show')
    .option('--json', 'print the explanation as JSON (the same structure the app shows)')
    .action(async (aceId: string, opts: { tenant?: string; json?: boolean }, cmd: Command) => {
      const { dataDir, databaseUrl } = commonOptions(cmd);
      const tenant = await tenantOf(dataDir, opts.tenant);
      const db = await openWarehouse({ dataDir, databaseUrl });
      try {
        const e = await explainDecision(db, tenant, aceId.trim()).catch((err: unknown) => {
          if (err instanceof HostError) throw new Error(`${err.message}${err.hint ? ` ${err.hint}` : ''}`);
          throw err;
        });
        process.stdout.write(opts.json ? JSON.stringify(e, null, 2) + '\n' : formatExplain(e));
      } finally {
        await db.close();
      }
    });

  const decision = program.command('decision').description('analyst actions on POD decisions (appended to the audit trail; nothing is changed in place)');
  for (const action of ['approve', 'reject', 'reopen'] as const) {
    decision
      .command(`${action} <ace-id>`)
      .description(`${action} the POD decision of an ACE opportunity`)
      .requiredOption('--reason <text>', 'why (kept in the audit trail)')
      .requiredOption('--user <name>', 'who decides')
      .option('--tenant <name>', 'the tenant')
      .action(async (aceId: string, opts: { reason: string; user: string; tenant?: string }, cmd: Command) => {
        if (opts.reason.trim().length < 3) throw new UsageError('--reason must say why (at least a few words)');
        if (!opts.user.trim()) throw new UsageError('--user must name who decides');
        const { dataDir, databaseUrl } = commonOptions(cmd);
        const tenant = await tenantOf(dataDir, opts.tenant);
        const db = await openWarehouse({ dataDir, databaseUrl });
        try {
          const r = await setDecision(db, { aceId: aceId.trim(), tenant, action, reason: opts.reason, user: opts.user }).catch((err: unknown) => {
            if (err instanceof HostError) throw new Error(`${err.message}${err.hint ? ` ${err.hint}` : ''}`);
            throw err;
          });
          process.stdout.write(`decision ${r.aceId} state=${r.state} by=${r.by} event=${r.eventId}\n`);
        } finally {
          await db.close();
        }
      });
  }

  const rules = program.command('rules').description('POD rule files');
  rules
    .command('check <file>')
    .description('validate a rule file (and what it extends): every error with file, rule id and line')
    .action(async (file: string) => {
      try {
        const r = await loadRuleSetFile(file);
        const v = r.compiled.versions;
        process.stdout.write(`ok ${r.files.map((f) => f.path).join(' + ')}: ${v.length} program version(s) (${v.map((x) => `${x.id} ${x.from}…${x.to ?? ''}`).join(', ')}), ${v.at(-1)?.rules.length ?? 0} rules; rule set ${r.hash.slice(0, 12)}\n`);
      } catch (err) {
        if (!(err instanceof RuleSetError)) throw err;
        for (const p of err.problems) process.stdout.write(`${formatProblem(p)}\n`);
        throw new Error(`${file}: ${err.problems.length} problem(s); the app keeps using the last good rule set until they are fixed`);
      }
    });
  rules
    .command('facts')
    .description('the facts rule expressions can read, with their types')
    .action(() => {
      for (const [name, d] of Object.entries(FACT_DEFS)) process.stdout.write(`${name.padEnd(30)} ${(d.type + (d.nullable ? ' | null' : '')).padEnd(20)} ${d.description}\n`);
    });

  const ev = program.commands.find((c) => c.name() === 'eval') ?? program.command('eval').description('evaluate results against the demo generator\'s ground truth');
  ev.command('decide')
    .description('POD decisions vs the generator\'s expected POD facts: agreement, false auto-approvals, false auto-rejections')
    .option('--tenant <name>', 'whose decisions (default: those of the last decide run)')
    .option('--json', 'print one JSON object (agreement, false_auto_approve, false_auto_reject, …)')
    .action(async (opts: { tenant?: string; json?: boolean }, cmd: Command) => {
      const { dataDir, databaseUrl } = commonOptions(cmd);
      const db = await openWarehouse({ dataDir, databaseUrl });
      try {
        const r = await evaluateDecide({ db, dataDir, databaseUrl, tenant: opts.tenant });
        process.stdout.write(opts.json ? JSON.stringify(r) + '\n' : formatDecideEval(r));
      } finally {
        await db.close();
      }
    });
}
