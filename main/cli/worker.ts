/**
 * `revops worker check [--model-dir DIR] [--provider cuda|cpu]`: starts the embedding worker the way the
 * app does, loads the model and prints what the analyst needs to trust the semantic signal: the execution
 * provider actually used, why it is not the one asked (fallbackReason), the vector dims, the heads, and
 * the timing of one embedding. stdout: `key value` lines (or one JSON object with --json); stderr: progress.
 * Exit 1 when the model cannot be loaded (the line names the missing file), 2 on a usage error.
 */
import type { Command } from 'commander';
import { DEFAULT_WORKER_CONFIG, type ExecutionProvider } from '../../app/contract/worker-protocol';
import { resolveModelDir } from '../services/embed/model-dir';
import { WorkerHost } from '../services/embed/worker-host';
import { nodeWorkerSpawner } from '../services/embed/worker-transport';
import { log, UsageError } from './run';

const CHECK_TEXT = 'Acme Cloud Data Migration GmbH — AWS migration, phase 2 (Odoo opportunity)';

type CheckOptions = { modelDir?: string; provider?: string; maxLength?: string; json?: boolean; verbose?: boolean };

function intOption(value: string | undefined, name: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${name} must be an integer from ${min} to ${max}`);
  return n;
}

export function registerWorkerCommands(program: Command): void {
  const worker = program.command('worker').description('the BGE-M3 embedding worker');
  worker
    .command('check')
    .description('load the model in the worker and report the execution provider (and why CUDA was not used), dims and one embedding\'s timing')
    .option('--model-dir <dir>', 'BGE-M3 ONNX export folder (default: $BGE_M3_DIR, else resources/models/bge-m3)')
    .option('--provider <p>', 'cuda | cpu (default cpu)')
    .option('--max-length <n>', 'max tokens per text (default 8192)')
    .option('--json', 'print one JSON object')
    .option('--verbose', 'also print the worker\'s own diagnostics (onnxruntime messages)')
    .action(async (opts: CheckOptions) => {
      const provider = (opts.provider ?? DEFAULT_WORKER_CONFIG.provider) as ExecutionProvider;
      if (provider !== 'cuda' && provider !== 'cpu') throw new UsageError(`--provider must be cuda or cpu, not '${opts.provider}'`);
      const maxLength = intOption(opts.maxLength, '--max-length', DEFAULT_WORKER_CONFIG.maxLength, 8, 8192);
      const { dir, from } = resolveModelDir(opts.modelDir);
      log(`Loading the model from ${dir} (${from === 'flag' ? '--model-dir' : from === 'BGE_M3_DIR' ? '$BGE_M3_DIR' : 'default folder'}) on ${provider}…`);
      const host = new WorkerHost({ config: { ...DEFAULT_WORKER_CONFIG, modelDir: dir, provider, maxLength }, spawn: nodeWorkerSpawner(), idleMs: 0 });
      if (opts.verbose) host.on((e) => e.type === 'log' && log(`worker ${e.source} ${e.level}: ${e.message}`));
      try {
        const started = performance.now();
        const model = await host.start();
        const startMs = Math.round(performance.now() - started);
        const wall = performance.now();
        const { embeddings, ms } = await host.embed([CHECK_TEXT], { outputs: { dense: true, sparse: model.heads.sparse, colbert: model.heads.colbert } });
        const roundTripMs = Math.round((performance.now() - wall) * 10) / 10;
        const e = embeddings[0]!;
        const report = {
          modelDir: model.modelDir,
          requestedProvider: model.requestedProvider,
          provider: model.provider,
          fallbackReason: model.fallbackReason,
          dims: model.dims,
          colbertDims: model.colbertDims,
          heads: model.heads,
          outputs: model.outputNames,
          externalData: model.externalDataFile,
          maxLength: model.maxLength,
          loadMs: model.loadMs,
          startMs,
          embedding: { tokens: e.tokens, workerMs: ms, roundTripMs, sparseTokens: e.sparse?.tokenIds.length ?? null },
        };
        if (opts.json) {
          process.stdout.write(JSON.stringify(report) + '\n');
          return;
        }
        const lines: [string, string][] = [
          ['provider', model.provider],
          ['requested', model.requestedProvider],
          ['fallbackReason', model.fallbackReason ?? '-'],
          ['dims', String(model.dims)],
          ['heads', ['dense', ...(model.heads.sparse ? ['sparse'] : []), ...(model.heads.colbert ? [`colbert(${model.colbertDims})`] : [])].join(',')],
          ['model', `${model.modelDir} (outputs ${model.outputNames.join(', ')}${model.externalDataFile ? '; external data' : ''})`],
          ['load_ms', String(model.loadMs)],
          ['embed_ms', `${ms} (one text, ${e.tokens} tokens; ${roundTripMs} ms round trip)`],
        ];
        for (const [k, v] of lines) process.stdout.write(`${k.padEnd(15)}${v}\n`);
      } finally {
        await host.close();
      }
    });
}
