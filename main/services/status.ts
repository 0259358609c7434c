/**
 * Services behind the foundation's status channels: app:info, warehouse:status, sources:status.
 * Node only. They read state and never change it (no migration, no settings write).
 */
import { join } from 'node:path';
import type { AppInfo, SourceId, SourcesStatus, SourceStatus, WarehouseStatus } from '../../app/contract';
import { HostError } from '../../app/contract';
import { redactSecrets } from '../../app/redact';
import { warehouseStatus } from '../../db/queries/status';
import type { Db } from '../../db/types';
import type { SourceRef } from '../config/settings';
import { loadSettings } from '../config/settings';
import { demoSourcesDir, readDemoManifest } from './demo-sources/location';

export type StatusDeps = {
  dataDir: string;
  databaseUrl: string | undefined;
  appName: string;
  appVersion: string;
  shell: AppInfo['shell'];
  /** The open warehouse (opened lazily by the runtime, shared by all services). */
  warehouse: () => Promise<Db>;
};

const SOURCE_LABELS: Record<SourceId, string> = { odoo: 'Odoo CRM', apn: 'AWS ACE / APN' };

export async function appInfo(deps: StatusDeps): Promise<AppInfo> {
  return {
    name: deps.appName,
    version: deps.appVersion,
    engine: deps.databaseUrl ? 'postgres' : 'pglite',
    dataDir: deps.dataDir,
    shell: deps.shell,
  };
}

export async function getWarehouseStatus(deps: StatusDeps): Promise<WarehouseStatus> {
  const db = await deps.warehouse();
  const s = await warehouseStatus(db);
  return {
    engine: s.engine,
    description: redactSecrets(s.description),
    schemaVersion: s.schemaVersion,
    appSchemaVersion: s.appSchemaVersion,
    extensions: s.extensions.map((e) => ({ name: e.name, version: e.version })),
    schemas: s.schemas.map((x) => ({ schema: x.schema, tables: x.tables, rows: x.rows })),
  };
}

function describeSource(id: SourceId, ref: SourceRef | null, dataDir: string): SourceStatus {
  const base = { id, label: SOURCE_LABELS[id] };
  if (ref === null) return { ...base, kind: null, target: null };
  switch (ref.kind) {
    case 'demo-embedded':
      return { ...base, kind: ref.kind, target: `embedded demo database in ${demoSourcesDir(dataDir)}` };
    case 'demo-server':
      return { ...base, kind: ref.kind, target: `database ${ref.database} on the warehouse server` };
    case 'url':
      return { ...base, kind: ref.kind, target: redactSecrets(ref.url) };
  }
}

export async function getSourcesStatus(deps: StatusDeps): Promise<SourcesStatus> {
  let settings;
  try {
    settings = await loadSettings(deps.dataDir);
  } catch (err) {
    throw new HostError({
      code: 'settings_invalid',
      message: (err as Error).message,
      hint: `Fix or delete ${join(deps.dataDir, 'settings.json')}; running \`revops demo sources\` writes a fresh one.`,
    });
  }
  const manifest = await readDemoManifest(deps.dataDir);
  return {
    tenant: settings.tenant,
    sources: (['odoo', 'apn'] as const).map((id) => describeSource(id, settings.sources[id], deps.dataDir)),
    demo: manifest
      ? {
          scale: manifest.scale,
          seed: manifest.seed,
          asOf: manifest.asOf,
          engine: manifest.engine,
          location:
            manifest.engine === 'pglite'
              ? `${demoSourcesDir(deps.dataDir)} (odoo: ${manifest.location.odoo}, apn: ${manifest.location.apn})`
              : `server databases ${manifest.location.odoo} and ${manifest.location.apn}`,
        }
      : null,
  };
}

/** The contract slice these services implement (spread into createHandlers' services). */
export function statusServices(deps: StatusDeps) {
  return {
    'app:info': () => appInfo(deps),
    'warehouse:status': () => getWarehouseStatus(deps),
    'sources:status': () => getSourcesStatus(deps),
  } as const;
}
