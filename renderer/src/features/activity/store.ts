import { create } from 'zustand';
import type { EventPayload, HostApi } from '../../../../app/contract';

export type LogEntry = EventPayload<'app:log'>;

const KEEP = 200;

type ActivityState = { entries: LogEntry[] };

/** The most recent `app:log` lines pushed by main (newest last), for the status bar and, later, a log view. */
export const useActivity = create<ActivityState>(() => ({ entries: [] }));

export function followActivity(host: HostApi): () => void {
  return host.on('app:log', (entry) => {
    useActivity.setState((s) => ({ entries: [...s.entries.slice(-(KEEP - 1)), entry] }));
  });
}
