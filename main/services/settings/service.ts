/**
 * The settings channels' services (settings:get, settings:set, settings:test-connection,
 * settings:pick-folder, model:detect) for the handler registry.
 */
import type { InvokeOutput, ParsedInput } from '../../../app/contract';
import { HostError } from '../../../app/contract';
import type { CredentialStore } from '../../config/credentials';
import { loadSettings, saveSettings } from '../../config/settings';
import type { SpawnWorker } from '../embed/worker-transport';
import { detectModel } from './model-detect';
import { testConnection } from './test-connection';
import type { SettingsContext } from './view';
import { applySettings, settingsView } from './view';

export type SettingsServiceDeps = {
  dataDir: string;
  databaseUrl: string | undefined;
  credentials: CredentialStore;
  spawnWorker: SpawnWorker;
  env?: Record<string, string | undefined>;
  /** The desktop shell's native folder dialog; absent in browser mode. */
  pickFolder?: ((title: string) => Promise<string | null>) | undefined;
  log?: (message: string) => void;
};

export function createSettingsService(deps: SettingsServiceDeps) {
  const ctx: SettingsContext = { dataDir: deps.dataDir, credentials: deps.credentials, databaseUrl: deps.databaseUrl, env: deps.env ?? process.env };
  return {
    'settings:get': async (): Promise<InvokeOutput<'settings:get'>> => settingsView(await loadSettings(deps.dataDir), ctx),
    'settings:set': async (input: ParsedInput<'settings:set'>): Promise<InvokeOutput<'settings:set'>> => {
      const next = await applySettings(await loadSettings(deps.dataDir), input, deps.credentials);
      await saveSettings(deps.dataDir, next);
      deps.log?.(`Settings saved (${Object.keys(input).join(', ') || 'nothing changed'})`);
      return settingsView(next, ctx);
    },
    'settings:test-connection': (input: ParsedInput<'settings:test-connection'>) => testConnection(ctx, input),
    'settings:pick-folder': async (input: ParsedInput<'settings:pick-folder'>): Promise<InvokeOutput<'settings:pick-folder'>> => {
      if (!deps.pickFolder) throw new HostError({ code: 'not_found', message: 'There is no folder dialog in browser mode.', hint: 'Type the folder path in the field.' });
      return { path: await deps.pickFolder(input.title) };
    },
    'model:detect': (input: ParsedInput<'model:detect'>) => detectModel({ dataDir: deps.dataDir, env: ctx.env, spawn: deps.spawnWorker }, input),
  };
}
