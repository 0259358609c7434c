import type { Command } from 'commander';
import { redactUrl } from '../../db/errors';
import { openWarehouse } from '../../db/warehouse';
import { updateSettings } from '../config/settings';
import { generateDemoSources, readDemoManifest } from '../services/demo-sources/generate';
import { advanceDemoSources, MAX_DAYS } from '../services/demo-sources/deltas/advance';
import { parseParams, UsageError as ParamsError } from '../services/demo-sources/params';
import { serveDemoSources } from '../services/demo-sources/serve';
import { runPipeline } from '../services/pipeline';
import { commonOptions, log, UsageError } from './run';
import { parsePort, serveUntilInterrupted } from './serve';

type SourcesOptions = { scale?: string; seed?: string; asOf?: string; printUrls?: boolean };

/** Validates the generator's options before anything is written (bad input = usage error, exit 2). */
function paramsFrom(opts: SourcesOptions) {
  try {
    return parseParams({ scale: opts.scale, seed: opts.seed, asOf: opts.asOf });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

async function generateAndConfigure(dataDir: string, databaseUrl: string | undefined, opts: SourcesOptions) {
  const params = paramsFrom(opts);
  log(`Generating demo sources: scale ${params.scale}, seed '${params.seed}', as of ${params.asOf} (${databaseUrl ? `server ${redactUrl(databaseUrl)}` : 'embedded'})`);
  const result = await generateDemoSources({ dataDir, databaseUrl, ...params, log });
  // Generated sources become the app's configured sources, decided with the demo partner's rules
  // (rules/tenants/demo.yaml: the generator's POD definitions) unless the user chose another tenant.
  await updateSettings(dataDir, (s) => ({
    ...s,
    tenant: s.tenant === 'default' ? 'demo' : s.tenant,
    sources: databaseUrl
      ? { odoo: { kind: 'demo-server', database: result.location.odoo }, apn: { kind: 'demo-server', database: result.location.apn } }
      : { odoo: { kind: 'demo-embedded' }, apn: { kind: 'demo-embedded' } },
  }));
  return result;
}

async function printUrls(dataDir: string, databaseUrl: string | undefined): Promise<void> {
  if (databaseUrl) {
    const manifest = await readDemoManifest(dataDir);
    if (!manifest) throw new UsageError('No demo sources yet: run `revops demo sources --scale small --seed demo` first.');
    for (const [name, db] of Object.entries(manifest.location)) {
      const u = new URL(databaseUrl);
      u.pathname = `/${db}`;
      process.stdout.write(`source ${name} ${redactUrl(u.toString())}\n`);
    }
    return;
  }
  // Embedded sources only have a URL while someone serves them: serve until Ctrl-C.
  const served = await serveDemoSources(dataDir);
  for (const [name, url] of Object.entries(served.urls)) process.stdout.write(`source ${name} ${url}\n`);
  log('Serving the embedded demo sources on loopback (read them with any PostgreSQL client). Press Ctrl-C to stop.');
  await new Promise<void>((done) => {
    const stop = () => served.close().then(done, done);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

export function registerDemoCommands(program: Command): void {
  const demo = program.command('demo').description('synthetic demo sources (Odoo, APN/ACE, billing) and the demo app');

  demo
    .command('sources')
    .description('generate the Odoo and APN demo source databases and their ground truth')
    .option('--scale <scale>', 'tiny | small | prod (required)')
    .option('--seed <seed>', 'any text; the same seed and date give byte-identical data (required)')
    .option('--as-of <date>', 'YYYY-MM-DD: the day the data describes (default 2026-06-30)')
    .option('--print-urls', 'after generating, print where the sources are (embedded: serve them until Ctrl-C)')
    .action(async (opts: SourcesOptions, cmd: Command) => {
      const { dataDir, databaseUrl } = commonOptions(cmd);
      const result = await generateAndConfigure(dataDir, databaseUrl, opts);
      for (const [name, hex] of Object.entries(result.checksums)) process.stdout.write(`checksum ${name} ${hex}\n`);
      log(`Done in ${(result.durationMs / 1000).toFixed(1)} s.`);
      if (opts.printUrls) await printUrls(dataDir, databaseUrl);
    });

  demo
    .command('advance')
    .description('deltas mode: apply the next daily change set(s) to the demo sources (edits, merges/deletes, bursts, new rows); see DELTAS.md')
    .option('--days <n>', `days to apply, 1–${MAX_DAYS} (default 1)`, '1')
    .action(async (opts: { days: string }, cmd: Command) => {
      const { dataDir, databaseUrl } = commonOptions(cmd);
      const days = /^\d+$/.test(opts.days) ? Number(opts.days) : Number.NaN;
      if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS) throw new UsageError(`Bad --days '${opts.days}' (expected a whole number from 1 to ${MAX_DAYS})`);
      const result = await advanceDemoSources({ dataDir, databaseUrl, days, log }).catch((err: unknown) => {
        throw err instanceof ParamsError ? new UsageError(err.message) : err;
      });
      process.stdout.write(`day ${result.day} ${result.date}\n`);
      for (const [name, hex] of Object.entries(result.checksums)) process.stdout.write(`checksum ${name} ${hex}\n`);
      log(`Done in ${(result.durationMs / 1000).toFixed(1)} s.`);
    });

  demo
    .command('urls')
    .description('print where the demo sources are (embedded: serves them on loopback until Ctrl-C)')
    .action(async (_opts, cmd: Command) => {
      const { dataDir, databaseUrl } = commonOptions(cmd);
      await printUrls(dataDir, databaseUrl);
    });

  demo
    .command('run')
    .description('the whole demo headless: demo sources (small) → sync → transform → quality → embed → match → UI on a loopback URL')
    .option('--scale <scale>', 'tiny | small | prod', 'small')
    .option('--seed <seed>', 'generator seed', 'demo')
    .option('--as-of <date>', 'YYYY-MM-DD')
    .option('--port <port>', 'UI port on 127.0.0.1 (default: a free port)')
    .action(async (opts: SourcesOptions & { port?: string }, cmd: Command) => {
      const { dataDir, databaseUrl } = commonOptions(cmd);
      const params = paramsFrom(opts);
      const port = parsePort(opts.port);
      const existing = await readDemoManifest(dataDir);
      const same = existing && existing.scale === params.scale && existing.seed === params.seed && existing.asOf === params.asOf && existing.engine === (databaseUrl ? 'postgres' : 'pglite');
      if (same) log(`Demo sources (scale ${params.scale}, seed '${params.seed}') already generated; reusing them.`);
      else await generateAndConfigure(dataDir, databaseUrl, opts);
      log('Preparing the warehouse…');
      const db = await openWarehouse({ dataDir, databaseUrl });
      try {
        log('Running the pipeline: sync → transform → quality → embed → match…');
        const r = await runPipeline({ db, dataDir, databaseUrl, log });
        const failed = r.sync.failed.length > 0 ? ` (sync failed for ${r.sync.failed.join(', ')}: see \`revops sync jobs\`)` : '';
        log(`Pipeline done in ${(r.durationMs / 1000).toFixed(1)} s: ${r.sync.rowsWritten} raw rows written, ${r.transform.rowsWritten} core rows written, quality score ${r.quality.overallScore ?? 'n/a'}${failed}.`);
        log(`Matching: ${r.match.matched} matched, ${r.match.review} to review, ${r.match.noMatch} without a match (semantic signal ${r.match.semantic ? 'on' : 'off'}${r.embed.status === 'no_model' ? ': no BGE-M3 model folder' : ''}).`);
        log(`POD decisions (tenant ${r.decide.tenant}, as of ${r.decide.asOf}): ${r.decide.autoApprove} auto-approved, ${r.decide.needsReview} to review, ${r.decide.autoReject} auto-rejected.`);
      } finally {
        await db.close();
      }
      await serveUntilInterrupted({ dataDir, databaseUrl, port });
    });
}
