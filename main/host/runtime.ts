/**
 * Everything a shell (headless host, Electron main, CLI) needs to serve the contract: the lazily opened
 * warehouse, the event bus, the handler registry over all services, and a log that also pushes `app:log`.
 *
 * Invariants:
 * - One warehouse connection per runtime, opened on first use; a failed open is not cached (the next
 *   call retries, so starting PostgreSQL later heals the app without a restart).
 * - Log lines are redacted before they reach a sink or a client.
 */
import type { AppInfo, EventPayload } from '../../app/contract';
import { redactSecrets } from '../../app/redact';
import type { Db } from '../../db/types';
import { openWarehouse } from '../../db/warehouse';
import { statusServices } from '../services/status';
import { createSyncService } from '../services/sync/service';
import { createDecisionService } from '../services/decide/service';
import { createOfflineService } from '../services/offline/service';
import { COST_KEYS } from '../services/offline/cost-prefetch';
import { createMatchReviewService } from '../services/match/review-service';
import type { ExportTargetChooser } from '../services/export/service';
import { createExportService } from '../services/export/service';
import { createCostService } from '../services/cost/service';
import type { CredentialStore } from '../config/credentials';
import { createMemoryStore } from '../config/credentials';
import { createDashboardService } from '../services/dashboard/service';
import type { SpawnWorker } from '../services/embed/worker-transport';
import { nodeWorkerSpawner } from '../services/embed/worker-transport';
import { createPipelineService } from '../services/pipeline/service';
import { configuredModelDir } from '../services/settings/model-detect';
import { sourceEnvFor } from '../services/settings/secrets-env';
import { createSettingsService } from '../services/settings/service';
import { APP_NAME, APP_VERSION } from './app-version';
import type { EventBus } from './event-bus';
import { createEventBus } from './event-bus';
import type { Handlers } from './handlers';
import { createHandlers } from './handlers';
import { warehouseOpenError } from './warehouse-errors';

export type LogEntry = EventPayload<'app:log'>;
export type LogLevel = LogEntry['level'];

export type RuntimeOptions = {
  dataDir: string;
  databaseUrl?: string | undefined;
  shell: AppInfo['shell'];
  appVersion?: string;
  /** Where log lines go besides `app:log` (stderr for the CLI, a file for Electron). */
  logSink?: (entry: LogEntry) => void;
  /** The desktop app's save dialog for export:decisions; absent in browser mode (files go to <data folder>/exports/). */
  chooseExportTarget?: ExportTargetChooser;
  /** Where passwords live: the OS keychain in the desktop app; default: memory, for this session only. */
  credentials?: CredentialStore;
  /** How the embedding worker starts: a utilityProcess in the desktop app; default a Node child process. */
  spawnWorker?: SpawnWorker;
  /** The desktop app's native folder dialog (settings:pick-folder); absent in browser mode. */
  pickFolder?: (title: string) => Promise<string | null>;
};

export type Runtime = {
  readonly dataDir: string;
  readonly handlers: Handlers;
  readonly events: EventBus;
  log(level: LogLevel, message: string): void;
  close(): Promise<void>;
};

type LazyDb = { get(): Promise<Db>; close(): Promise<void> };

function lazyWarehouse(open: () => Promise<Db>): LazyDb {
  let pending: Promise<Db> | null = null;
  let closed = false;
  return {
    get() {
      if (closed) return Promise.reject(new Error('The app is shutting down; the warehouse is closed.'));
      pending ??= open().catch((err: unknown) => {
        pending = null;
        throw err;
      });
      return pending;
    },
    async close() {
      closed = true;
      const current = pending;
      pending = null;
      if (!current) return;
      const db = await current.catch(() => null);
      await db?.close();
    },
  };
}

export function createRuntime(options: RuntimeOptions): Runtime {
  const events = createEventBus();
  const log = (level: LogLevel, message: string) => {
    const entry: LogEntry = { level, message: redactSecrets(message), time: new Date().toISOString() };
    options.logSink?.(entry);
    events.emit('app:log', entry);
  };
  const warehouse = lazyWarehouse(async () => {
    const db = await openWarehouse({ dataDir: options.dataDir, databaseUrl: options.databaseUrl }).catch((err: unknown) => {
      throw warehouseOpenError(err, Boolean(options.databaseUrl));
    });
    log('info', `Warehouse open: ${db.description}`);
    return db;
  });
  const deps = {
    dataDir: options.dataDir,
    databaseUrl: options.databaseUrl,
    appName: APP_NAME,
    appVersion: options.appVersion ?? APP_VERSION,
    shell: options.shell,
    warehouse: () => warehouse.get(),
  };
  const credentials = options.credentials ?? createMemoryStore();
  const spawnWorker = options.spawnWorker ?? nodeWorkerSpawner();
  const env = () => sourceEnvFor(options.dataDir, credentials);
  const sync = createSyncService({ ...deps, emitProgress: (p) => events.emit('sync:progress', p), log: (level, message) => log(level, message), env });
  const pipeline = createPipelineService({
    ...deps,
    emit: (p) => events.emit('pipeline:progress', p),
    emitSyncProgress: (p) => events.emit('sync:progress', p),
    log,
    runOptions: async () => ({ env: await env(), spawn: spawnWorker, modelDir: (await configuredModelDir(options.dataDir, process.env)).dir }),
  });
  const cost = createCostService({ ...deps, chooseTarget: options.chooseExportTarget ? (name) => options.chooseExportTarget?.(name, 'xlsx') ?? Promise.resolve(null) : undefined });
  const matchReview = createMatchReviewService(deps);
  // The decision channels fall back to the offline replica / outbox when the warehouse is unreachable.
  const offline = createOfflineService({ dataDir: options.dataDir, warehouse: deps.warehouse, decisions: createDecisionService(deps), costs: cost, emit: (s) => events.emit('offline:changed', s), log });
  events.subscribe((e) => {
    if (e.event === 'pipeline:progress' && e.payload.final) offline.refreshSoon();
  });
  const handlers = createHandlers(
    {
      ...statusServices(deps),
      ...sync.channels,
      ...offline.channels,
      ...matchReview,
      // the review screen's side-by-side also works from the offline copy
      'match:candidates': offline.cacheRead('match:candidates', matchReview['match:candidates'], (i) => i.aceId, (i) => `the match candidates of ${i.aceId}`),
      ...createExportService({ ...deps, chooseTarget: options.chooseExportTarget }),
      ...createSettingsService({ ...deps, credentials, spawnWorker, pickFolder: options.pickFolder, log: (m) => log('info', m) }),
      ...createDashboardService(deps),
      ...pipeline.channels,
      ...cost,
      // the cost views an analyst opened (same selection → same answer) also work from the offline copy
      'cost:accounts': offline.cacheRead('cost:accounts', cost['cost:accounts'], COST_KEYS.accounts, () => 'the cost accounts'),
      'cost:query': offline.cacheRead('cost:query', cost['cost:query'], COST_KEYS.query, (i) => `the cost view ${i.from} – ${i.to}`),
      'cost:drill': offline.cacheRead('cost:drill', cost['cost:drill'], (i) => JSON.stringify(i), (i) => `the drill-down of ${i.account}`),
    },
    { onError: (channel, error) => log(error.code === 'internal' ? 'error' : 'warn', `${channel}: ${error.message}`) },
  );
  const close = async () => {
    // A running sync is cancelled (nothing of its job applied) before its warehouse goes away.
    await pipeline.shutdown();
    await sync.shutdown();
    await offline.close();
    await warehouse.close();
  };
  return { dataDir: options.dataDir, handlers, events, log, close };
}
