/**
 * `npm run bench -- export [--rows 5000] [--engine pglite|postgres] [--repeat 3] [--data-dir DIR --tenant X]`:
 * how long the decision workbook (4 sheets, streamed) and the CSV take for N decisions, and the peak RSS.
 *
 * Default: a scratch warehouse (PGlite in memory, or a fresh database on BENCH_DATABASE_URL /
 * TEST_DATABASE_URL with --engine postgres) decided on the tiny demo sources (sync → transform → match →
 * decide, tenant demo), whose current decisions are then copied under new ACE ids (`<id>-<n>`, same facts
 * and results, appended like a decide run would) until there are --rows of them. With --data-dir the
 * warehouse of that folder is exported as it is (DATABASE_URL set = server). Figures are medians.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from '../../db/migrate';
import { openPglite } from '../../db/pglite';
import { openPostgres } from '../../db/postgres';
import { createServerDatabase } from '../../db/server-database';
import type { Db } from '../../db/types';
import { openWarehouse } from '../../db/warehouse';
import { resolveDataDir } from '../../main/config/data-dir';
import { runDecide } from '../../main/services/decide';
import { resolveAsOf } from '../../main/services/decide/as-of';
import { exportDecisions, type ExportDecisionsSummary } from '../../main/services/export';
import { runMatch } from '../../main/services/match';
import { syncTinyDemo } from '../../main/services/sync/testing';
import { runTransform } from '../../main/services/transform';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const say = (s: string) => process.stderr.write(s + '\n');

/** Copies the tenant's current decisions under new ACE ids until there are `rows` current decisions. */
async function growTo(db: Db, tenant: string, rows: number): Promise<number> {
  const have = Number((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM ops.pod_decisions_current WHERE tenant = $1', [tenant])).rows[0]?.n);
  if (have === 0 || have >= rows) return have;
  const copies = Math.ceil((rows - have) / have);
  await db.query(`
    INSERT INTO ops.pod_decisions (decision_id, ace_source_id, tenant, run_id, rule_set_hash, program_version, as_of, outcome, results, facts, facts_hash)
    SELECT gen_random_uuid(), c.ace_source_id || '-' || lpad(g::text, 4, '0'), c.tenant, c.run_id, c.rule_set_hash, c.program_version, c.as_of, c.outcome,
           c.results, jsonb_set(c.facts, '{ace_id}', to_jsonb(c.ace_source_id || '-' || lpad(g::text, 4, '0'))), c.facts_hash
    FROM ops.pod_decisions_current c CROSS JOIN generate_series(1, $2::int) g
    WHERE c.tenant = $1 AND c.ace_source_id NOT LIKE '%-%'
    ORDER BY g, c.ace_source_id LIMIT $3`, [tenant, copies, rows - have]);
  return rows;
}

async function scratchWarehouse(engine: string): Promise<{ db: Db; drop: () => Promise<void> }> {
  if (engine === 'postgres') {
    const admin = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
    if (!admin) throw new Error('export --engine postgres needs BENCH_DATABASE_URL or TEST_DATABASE_URL');
    const created = await createServerDatabase(admin);
    const db = await openPostgres(created.url, { applicationName: 'revops-bench-export' });
    return { db, drop: async () => { await db.close(); await created.drop(); } };
  }
  const db = await openPglite(undefined);
  return { db, drop: () => db.close() };
}

export async function benchExport(opt: (key: string, fallback: string) => string): Promise<Record<string, unknown>> {
  const rows = Math.max(1, Number(opt('rows', '5000')));
  const repeat = Math.max(1, Number(opt('repeat', '3')));
  const given = opt('data-dir', '');
  const work = await mkdtemp(join(tmpdir(), 'revops-bench-export-'));
  let db: Db;
  let drop: () => Promise<void>;
  let tenant = opt('tenant', 'demo');
  if (given) {
    db = await openWarehouse({ dataDir: resolveDataDir({ REVOPS_DATA_DIR: given }), databaseUrl: process.env.DATABASE_URL?.trim() || undefined });
    drop = () => db.close();
  } else {
    ({ db, drop } = await scratchWarehouse(opt('engine', 'pglite')));
    tenant = 'demo';
    await migrate(db);
    say('building a decided warehouse on the tiny demo sources …');
    await syncTinyDemo(db, work);
    await runTransform({ db });
    await runMatch({ db });
    await runDecide({ db, asOf: (await resolveAsOf(work)).asOf, tenant });
    say(`copying decisions up to ${rows} …`);
    await growTo(db, tenant, rows);
  }
  try {
    const runs: Record<'xlsx' | 'csv', { s: number[]; last: ExportDecisionsSummary | null }> = { xlsx: { s: [], last: null }, csv: { s: [], last: null } };
    for (const format of ['xlsx', 'csv'] as const) {
      for (let i = 0; i < repeat; i++) {
        const r = await exportDecisions({ db, out: join(work, `decisions.${format}`), tenant, format });
        runs[format].s.push(r.durationMs / 1000);
        runs[format].last = r;
        say(`${format} run ${i + 1}: ${(r.durationMs / 1000).toFixed(2)} s, ${r.sheets.map((x) => `${x.name} ${x.rows}`).join(', ')}, ${(r.bytes / 1e6).toFixed(1)} MB`);
      }
    }
    const x = runs.xlsx.last as ExportDecisionsSummary;
    return {
      engine: db.engine, tenant, rows: x.rows, sheets: Object.fromEntries(x.sheets.map((s) => [s.name, s.rows])),
      xlsx_s: Number(median(runs.xlsx.s).toFixed(2)), xlsx_mb: Number((x.bytes / 1e6).toFixed(2)),
      csv_s: Number(median(runs.csv.s).toFixed(2)), csv_mb: Number(((runs.csv.last?.bytes ?? 0) / 1e6).toFixed(2)),
      peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024), repeat,
    };
  } finally {
    await drop();
    await rm(work, { recursive: true, force: true });
  }
}
