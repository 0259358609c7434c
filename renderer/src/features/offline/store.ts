import { create } from 'zustand';
import type { ContractError, OfflineStatus } from '../../../../app/contract';
import { host } from '../../host';
import { errorOf } from '../../state/resource';

type OfflineState = {
  status: OfflineStatus | null;
  /** the last failed call of this store (e.g. a resolve refused), shown in the panel */
  error: ContractError | null;
  busy: boolean;
  load(): Promise<void>;
  /** Try the warehouse now and send what waits (the panel's "Retry now"). */
  syncNow(): Promise<void>;
  resolve(eventId: string, resolution: 'apply' | 'discard'): Promise<void>;
};

/** Main's offline status (online, outbox, conflicts), kept current by `offline:changed`. */
export const useOffline = create<OfflineState>((set) => {
  const run = async (call: () => Promise<OfflineStatus>) => {
    set({ busy: true });
    try {
      set({ status: await call(), error: null });
    } catch (err) {
      set({ error: errorOf(err) });
    } finally {
      set({ busy: false });
    }
  };
  return {
    status: null,
    error: null,
    busy: false,
    load: () => run(() => host().invoke('offline:status')),
    syncNow: () => run(() => host().invoke('offline:sync')),
    resolve: (eventId, resolution) => run(() => host().invoke('offline:resolve', { eventId, resolution })),
  };
});

/** Subscribes to `offline:changed` and loads the current status once (a late subscriber asks). */
export function followOffline(): () => void {
  const off = host().on('offline:changed', (status) => useOffline.setState({ status }));
  void useOffline.getState().load();
  return off;
}
