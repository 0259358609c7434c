import { useEffect, useState } from 'react';
import type { AppInfo } from '../../../app/contract';
import { useActivity } from '../features/activity/store';
import { followOffline, useOffline } from '../features/offline/store';
import { OfflinePanel } from './offline-panel';
import './offline.css';

const time = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** Online / offline, what waits in the outbox and the conflicts; opens the offline panel. */
function OfflineBadge({ onOpen }: { onOpen: () => void }) {
  const status = useOffline((s) => s.status);
  const online = status?.online ?? null;
  const label = online === null ? 'Checking warehouse…' : online ? 'Online' : 'Offline';
  const conflicts = status?.conflicts.length ?? 0;
  const pending = status?.pending ?? 0;
  return (
    <button
      type="button"
      className={`offline-badge ${online === false ? 'is-offline' : online ? 'is-online' : ''} ${conflicts > 0 ? 'has-conflicts' : ''}`}
      data-testid="offline-badge"
      title={status?.lastError ?? 'Warehouse connection, decisions waiting to be sent, conflicts'}
      onClick={onOpen}
    >
      <span className="offline-dot" aria-hidden="true" />
      <span data-testid="offline-state">{label}</span>
      {pending > 0 ? <span className="offline-count" data-testid="offline-pending">{pending} pending</span> : null}
      {conflicts > 0 ? <span className="offline-count conflict" data-testid="offline-conflicts">{conflicts} conflict{conflicts === 1 ? '' : 's'}</span> : null}
    </button>
  );
}

/** Bottom line: where the app runs, the warehouse connection and the latest thing main said (`app:log`). */
export function StatusBar({ app }: { app: AppInfo | null }) {
  const last = useActivity((s) => s.entries.at(-1));
  const [open, setOpen] = useState(false);
  useEffect(() => followOffline(), []);
  return (
    <footer className="status-bar" data-testid="status-bar">
      <span className="status-left">
        <OfflineBadge onOpen={() => setOpen(true)} />
        <span>{app ? `${app.shell === 'electron' ? 'Desktop' : 'Browser mode'} · ${app.engine === 'pglite' ? 'embedded warehouse' : 'PostgreSQL server'}` : 'Connecting…'}</span>
      </span>
      {last ? (
        <span className={`status-log level-${last.level}`} title={last.message}>
          {time(last.time)} {last.message}
        </span>
      ) : null}
      {open ? <OfflinePanel onClose={() => setOpen(false)} /> : null}
    </footer>
  );
}
