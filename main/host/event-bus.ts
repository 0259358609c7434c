/**
 * In-process fan-out of contract events. Services emit; transports (WebSocket clients, Electron windows)
 * subscribe. A listener that throws is isolated from the others and from the emitter.
 */
import type { EventEnvelope, EventName, EventPayload, Unsubscribe } from '../../app/contract';

export type EventListener = (envelope: EventEnvelope) => void;

export type EventBus = {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  subscribe(listener: EventListener): Unsubscribe;
};

export function createEventBus(): EventBus {
  const listeners = new Set<EventListener>();
  return {
    emit(event, payload) {
      const envelope = { event, payload } as EventEnvelope;
      for (const listener of [...listeners]) {
        try {
          listener(envelope);
        } catch {
          // A broken transport must not stop delivery to the others or fail the emitting service.
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
