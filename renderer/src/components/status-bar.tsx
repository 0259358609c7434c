import type { AppInfo } from '../../../app/contract';
import { useActivity } from '../features/activity/store';

const time = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** Bottom line: where the app runs and the latest thing main said (pushed as `app:log`). */
export function StatusBar({ app }: { app: AppInfo | null }) {
  const last = useActivity((s) => s.entries.at(-1));
  return (
    <footer className="status-bar" data-testid="status-bar">
      <span>{app ? `${app.shell === 'electron' ? 'Desktop' : 'Browser mode'} · ${app.engine === 'pglite' ? 'embedded warehouse' : 'PostgreSQL server'}` : 'Connecting…'}</span>
      {last ? (
        <span className={`status-log level-${last.level}`} title={last.message}>
          {time(last.time)} {last.message}
        </span>
      ) : null}
    </footer>
  );
}
