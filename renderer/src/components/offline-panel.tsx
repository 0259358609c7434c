import { useEffect, useRef } from 'react';
import type { OfflineConflict, OfflineQueued } from '../../../app/contract';
import { useOffline } from '../features/offline/store';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString([], { dateStyle: 'short', timeStyle: 'medium' }) : '—');
const plural = (n: number, word: string) => `${n.toLocaleString()} ${word}${n === 1 ? '' : 's'}`;
const VERB: Record<OfflineQueued['action'], string> = { approve: 'Approve', reject: 'Reject', reopen: 'Reopen' };
const STATE: Record<string, string> = { auto_approve: 'auto-approve', needs_review: 'needs review', auto_reject: 'auto-reject', approved: 'approved', rejected: 'rejected' };

function ConflictRow({ c, busy, onResolve }: { c: OfflineConflict; busy: boolean; onResolve: (r: 'apply' | 'discard') => void }) {
  const theirs = c.current.lastEvent;
  return (
    <li className="offline-conflict" data-testid="offline-conflict">
      <div className="offline-conflict-head">
        <strong className="mono">{c.aceId}</strong>
        <span className="offline-why">{c.why}</span>
      </div>
      <dl className="offline-compare">
        <dt>Yours (offline)</dt>
        <dd>
          {VERB[c.action]} — “{c.reason}” · {c.actor}, {when(c.at)} · you saw {STATE[c.seenState] ?? c.seenState}
        </dd>
        <dt>Warehouse now</dt>
        <dd>
          {STATE[c.current.state] ?? c.current.state}
          {theirs ? ` — ${theirs.actor}: “${theirs.reason}”, ${when(theirs.at)}` : ' (by the rules)'}
        </dd>
      </dl>
      <div className="offline-actions">
        <button type="button" className="button" disabled={busy} onClick={() => onResolve('discard')}>
          Discard mine
        </button>
        <button type="button" className="button primary" disabled={busy} onClick={() => onResolve('apply')}>
          Apply anyway
        </button>
      </div>
    </li>
  );
}

/** The offline dialog: connection, the decisions waiting in the outbox, and conflicts to resolve. */
export function OfflinePanel({ onClose }: { onClose: () => void }) {
  const { status, error, busy, syncNow, resolve } = useOffline();
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  const online = status?.online ?? null;
  return (
    <div className="offline-backdrop" onClick={onClose}>
      <section className="offline-panel" role="dialog" aria-modal="true" aria-labelledby="offline-title" data-testid="offline-panel" onClick={(e) => e.stopPropagation()}>
        <header className="offline-panel-head">
          <h2 id="offline-title">Warehouse connection</h2>
          <button ref={closeRef} type="button" className="button" onClick={onClose} aria-label="Close">
            Close
          </button>
        </header>
        <p className={`offline-line ${online === false ? 'bad' : online ? 'ok' : ''}`}>
          {online === null ? 'Not tried yet.' : online ? 'Online: decisions go straight to the warehouse.' : 'Offline: working from this machine’s copy; decisions wait here and are sent once the warehouse is back.'}
        </p>
        {status?.lastError ? <p className="offline-error wrap">{status.lastError}</p> : null}
        <p className="offline-meta">
          Last check {when(status?.checkedAt ?? null)} · copy of {plural(status?.replica.decisions ?? 0, 'decision')} ({plural(status?.replica.explanations ?? 0, 'explanation')}) from{' '}
          {when(status?.replica.refreshedAt ?? null)} · sent this session {status?.flushed ?? 0}
        </p>
        <div className="offline-actions">
          <button type="button" className="button" disabled={busy} onClick={() => void syncNow()}>
            {busy ? 'Trying…' : 'Retry now'}
          </button>
        </div>
        {error ? <p className="offline-error">{error.message}</p> : null}

        <h3>Conflicts ({status?.conflicts.length ?? 0})</h3>
        {status && status.conflicts.length > 0 ? (
          <ul className="offline-list">
            {status.conflicts.map((c) => (
              <ConflictRow key={c.eventId} c={c} busy={busy} onResolve={(r) => void resolve(c.eventId, r)} />
            ))}
          </ul>
        ) : (
          <p className="offline-empty">None: nothing you decided offline was changed by someone else.</p>
        )}

        <h3>Waiting to be sent ({status?.pending ?? 0})</h3>
        {status && status.queue.length > 0 ? (
          <table className="offline-table" data-testid="offline-queue">
            <thead>
              <tr>
                <th>ACE id</th>
                <th>Action</th>
                <th>Reason</th>
                <th>By</th>
                <th>Decided</th>
              </tr>
            </thead>
            <tbody>
              {status.queue.map((q) => (
                <tr key={q.eventId} title={q.lastError ?? undefined}>
                  <td className="mono">{q.aceId}</td>
                  <td>{VERB[q.action]}</td>
                  <td className="wrap">{q.reason}</td>
                  <td>{q.actor}</td>
                  <td>{when(q.at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="offline-empty">Nothing waiting.</p>
        )}
      </section>
    </div>
  );
}
