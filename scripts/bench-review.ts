/**
 * `npm run bench -- review [--rows 5000] [--runs 5] [--approvals 20] [--keep DIR]`: the review screen's
 * figures in Chromium (/usr/bin/chromium) against the real headless host:
 * - first paint: navigation start → the first queue row painted, on a page reload at #/review (JS boot,
 *   decision:list of every row, render), median of --runs;
 * - approve → next: a keydown `a` dispatched in the page → the next item shown in the detail header and
 *   painted (the next animation frame), p50 / p95 / max over --approvals.
 *
 * Data: the tiny demo run through the real pipeline (renderer/e2e/seed-demo.ts: sources → sync → transform
 * → quality → match → decide), then its ACE opportunities, match results and current POD decisions copied
 * under new ACE ids (`<id>-<n>`, the same real rows otherwise) up to --rows, because a prod-scale pipeline
 * takes many minutes. Needs out/renderer (npm run build:renderer).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import type { Db } from '../db/types';
import { openWarehouse } from '../db/warehouse';
import { startHost } from '../main/host/server';
import { seedDemo } from '../renderer/e2e/seed-demo';

const say = (s: string) => process.stderr.write(s + '\n');
const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] as number;
const r1 = (x: number) => Math.round(x * 10) / 10;

async function columns(db: Db, table: string): Promise<string[]> {
  const [schema, name] = table.split('.');
  return (await db.query<{ c: string }>('SELECT column_name AS c FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position', [schema, name])).rows.map((r) => r.c);
}

/** Copies a table's rows of the original ACE ids under `<id>-<n>` for n = 1..copies (uuid keys renewed). */
async function copyRows(db: Db, table: string, aceCol: string, copies: number, renew: readonly string[]): Promise<void> {
  const cols = await columns(db, table);
  const expr = cols.map((c) => (c === aceCol ? `t.${c} || '-' || lpad(g::text, 3, '0')` : renew.includes(c) ? 'gen_random_uuid()' : c === 'facts' ? `jsonb_set(t.facts, '{ace_id}', to_jsonb(t.${aceCol} || '-' || lpad(g::text, 3, '0')))` : `t.${c}`));
  await db.query(`INSERT INTO ${table} (${cols.join(', ')}) SELECT ${expr.join(', ')} FROM ${table} t CROSS JOIN generate_series(1, $1::int) g WHERE t.${aceCol} NOT LIKE '%-%'`, [copies]);
}

async function growTo(dataDir: string, rows: number): Promise<number> {
  const db = await openWarehouse({ dataDir });
  try {
    const have = Number((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM core.ace_opportunities')).rows[0]?.n);
    const copies = Math.ceil(rows / have) - 1;
    await copyRows(db, 'core.ace_opportunities', 'source_id', copies, ['opportunity_id']);
    await copyRows(db, 'core.match_assignments', 'ace_source_id', copies, []);
    await copyRows(db, 'core.match_candidates', 'ace_source_id', copies, []);
    // current decisions only (the view's rows), appended as a decide run would
    await db.query(`
      INSERT INTO ops.pod_decisions (decision_id, ace_source_id, tenant, run_id, rule_set_hash, program_version, as_of, outcome, results, facts, facts_hash)
      SELECT gen_random_uuid(), c.ace_source_id || '-' || lpad(g::text, 3, '0'), c.tenant, c.run_id, c.rule_set_hash, c.program_version, c.as_of, c.outcome,
             c.results, jsonb_set(c.facts, '{ace_id}', to_jsonb(c.ace_source_id || '-' || lpad(g::text, 3, '0'))), c.facts_hash
      FROM ops.pod_decisions_current c CROSS JOIN generate_series(1, $1::int) g WHERE c.ace_source_id NOT LIKE '%-%'`, [copies]);
    return Number((await db.query<{ n: number }>("SELECT count(*)::int AS n FROM ops.pod_decisions_current WHERE tenant = 'demo'")).rows[0]?.n);
  } finally {
    await db.close();
  }
}

/** In the page: resolves with performance.now() at the first frame after `done()` holds. */
const FRAME_AFTER = `(done) => new Promise((resolve) => { const tick = () => (done() ? requestAnimationFrame(() => resolve(performance.now())) : requestAnimationFrame(tick)); tick(); })`;

export async function benchReview(opt: (key: string, fallback: string) => string): Promise<Record<string, unknown>> {
  const rows = Number(opt('rows', '5000'));
  const runs = Number(opt('runs', '5'));
  const approvals = Number(opt('approvals', '20'));
  const keep = opt('keep', '');
  const dataDir = keep || (await mkdtemp(join(tmpdir(), 'revops-bench-review-')));
  const t = performance.now();
  say('seeding the tiny demo through the pipeline …');
  const seeded = await seedDemo({ dataDir, scale: 'tiny' });
  say(`  seeded in ${(seeded.durationMs / 1000).toFixed(1)} s; copying rows up to ${rows} …`);
  const decisions = await growTo(dataDir, rows);
  const prepS = (performance.now() - t) / 1000;
  say(`  ${decisions} decisions ready (${prepS.toFixed(1)} s)`);

  const host = await startHost({ dataDir });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.addInitScript(`window.__firstRow = (${FRAME_AFTER})(() => document.querySelector('.queue-row') !== null)`);
    await page.goto(host.url);
    await page.waitForSelector('h1');
    await page.evaluate("window.location.hash = '#/review'");
    await page.waitForSelector('.queue-row');
    const paints: number[] = [];
    for (let i = 0; i < runs; i++) {
      await page.reload();
      paints.push(await page.evaluate('window.__firstRow'));
    }
    const shown = await page.getByTestId('queue-count').textContent();
    say(`first paint (ms): ${paints.map(Math.round).join(', ')}; queue ${shown}`);

    await page.getByTestId('review-detail').waitFor();
    const steps: number[] = [];
    for (let i = 0; i < approvals; i++) {
      const ms = await page.evaluate(`(async () => {
        const ids = [...document.querySelectorAll('.queue-row')].map((r) => r.getAttribute('data-ace'));
        const cur = document.querySelector('[data-testid="detail-id"]').textContent;
        const next = ids[ids.indexOf(cur) + 1];
        const t0 = performance.now();
        window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true }));
        const t1 = await (${FRAME_AFTER})(() => document.querySelector('[data-testid="detail-id"]')?.textContent === next);
        return t1 - t0;
      })()`);
      steps.push(ms as number);
    }
    say(`approve → next (ms): ${steps.map((x) => x.toFixed(1)).join(', ')}`);
    return {
      engine: 'pglite',
      rows: decisions,
      first_paint_ms_median: Math.round(q(paints, 0.5)),
      first_paint_ms_max: Math.round(Math.max(...paints)),
      approve_next_ms_p50: r1(q(steps, 0.5)),
      approve_next_ms_p95: r1(q(steps, 0.95)),
      approve_next_ms_max: r1(Math.max(...steps)),
      runs,
      approvals,
      prepare_s: r1(prepS),
    };
  } finally {
    await browser.close();
    await host.close();
    if (!keep) await rm(dataDir, { recursive: true, force: true });
  }
}
