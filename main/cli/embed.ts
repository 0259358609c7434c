/**
 * `revops embed [--model-dir DIR] [--full] [--provider cuda|cpu] [--json]`: embeds the identity and context
 * texts of core records whose text changed since their stored vector (main/services/embed/embed.ts).
 * stdout: one `embed …` summary line (or JSON), or `semantic signal off` when there is no model folder
 * (exit 0: the matcher runs on its other signals). stderr: progress (texts, texts/s, ETA) and the reason.
 * Ctrl-C stops after the batch in flight (what was written is kept; exit 130); a second Ctrl-C exits at once.
 */
import type { Command } from 'commander';
import type { ExecutionProvider } from '../../app/contract/worker-protocol';
import { openWarehouse } from '../../db/warehouse';
import type { EmbedProgress } from '../services/embed/embed';
import { runEmbed } from '../services/embed/embed';
import { commonOptions, log, UsageError } from './run';

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

function progressPrinter(): (p: EmbedProgress) => void {
  let last = 0;
  let indexing = false;
  return (p) => {
    if (p.phase === 'indexing') {
      if (!indexing) log('Building the HNSW indexes (one per record type and text kind)…');
      indexing = true;
      return;
    }
    const now = Date.now();
    // Once a second, and once when every row is written.
    if (now - last < 1000 && p.rowsWritten < p.rowsTotal) return;
    if (p.rowsWritten === p.rowsTotal && last < 0) return;
    last = p.rowsWritten === p.rowsTotal ? -1 : now;
    const rate = p.textsPerSecond ? `, ${p.textsPerSecond.toFixed(1)} texts/s` : '';
    const eta = p.etaSeconds !== null && p.textsDone < p.textsTotal ? `, ETA ${formatEta(p.etaSeconds)}` : '';
    log(`  embedded ${fmt(p.textsDone)}/${fmt(p.textsTotal)} texts (${fmt(p.rowsWritten)} rows written${rate}${eta})`);
  };
}

function formatEta(s: number): string {
  if (s < 90) return `${Math.ceil(s)} s`;
  if (s < 5400) return `${Math.round(s / 60)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}

type EmbedCliOptions = { modelDir?: string; full?: boolean; provider?: string; json?: boolean };

export function registerEmbedCommand(program: Command): void {
  program
    .command('embed')
    .description('embed the identity and context texts of core records whose text changed (BGE-M3 dense + sparse, HNSW indexes); without a model the semantic signal is off')
    .option('--model-dir <dir>', 'BGE-M3 ONNX export folder (default: $BGE_M3_DIR, else resources/models/bge-m3)')
    .option('--full', 're-embed every text, not only changed ones')
    .option('--provider <p>', 'cuda | cpu (default cpu)')
    .option('--json', 'print the result as JSON')
    .action(async (opts: EmbedCliOptions, cmd: Command) => {
      const provider = (opts.provider ?? 'cpu') as ExecutionProvider;
      if (provider !== 'cuda' && provider !== 'cpu') throw new UsageError(`--provider must be cuda or cpu, not '${opts.provider}'`);
      const { dataDir, databaseUrl } = commonOptions(cmd);
      const db = await openWarehouse({ dataDir, databaseUrl });
      const controller = new AbortController();
      let interrupts = 0;
      const onSigint = () => {
        interrupts++;
        if (interrupts === 1) {
          log('Cancelling after the batch in flight (vectors written so far are kept)… press Ctrl-C again to exit at once.');
          controller.abort();
        } else process.exit(130);
      };
      process.on('SIGINT', onSigint);
      process.on('SIGTERM', onSigint);
      try {
        const r = await runEmbed({ db, modelDir: opts.modelDir, full: opts.full ?? false, provider, signal: controller.signal, log, onProgress: progressPrinter() });
        if (opts.json) {
          process.stdout.write(JSON.stringify(r) + '\n');
        } else if (r.status === 'no_model') {
          log(r.message ?? 'No embedding model.');
          process.stdout.write('semantic signal off\n');
        } else {
          process.stdout.write(
            `embed ${r.status} model=${r.modelId} provider=${r.provider ?? '-'} pending=${r.textsPending} embedded=${r.textsEmbedded} rows=${r.rowsWritten} ` +
              `unchanged=${r.textsUnchanged} deleted=${r.rowsDeleted} indexes=${r.indexesCreated.length} seconds=${(r.durationMs / 1000).toFixed(1)}\n`,
          );
        }
        if (r.status === 'cancelled') {
          log(r.message ?? 'cancelled');
          process.exitCode = 130;
        }
      } finally {
        process.off('SIGINT', onSigint);
        process.off('SIGTERM', onSigint);
        await db.close();
      }
    });
}
