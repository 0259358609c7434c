/**
 * HostApi over the preload bridge (`window.revops`, exposed by main/electron/preload.ts via contextBridge).
 * The bridge returns InvokeResult envelopes; this turns errors back into HostError.
 */
import type { HostApi, RevopsBridge } from '../../../app/contract';
import { HostError } from '../../../app/contract';

export function createElectronHost(bridge: RevopsBridge): HostApi {
  return {
    async invoke(channel, ...args) {
      const result = await bridge.invoke(channel, args[0]);
      if (!result.ok) throw new HostError(result.error);
      return result.value as never;
    },
    on(event, handler) {
      return bridge.on(event, handler as (payload: unknown) => void);
    },
  };
}
