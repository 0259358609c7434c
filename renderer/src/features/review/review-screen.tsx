/**
 * The review screen: the queue on the left (filters, virtualized rows), the selected opportunity on the
 * right. Keyboard first: j/k (or ↓/↑) move, a approve, r reject, o reopen, u undo, / search, e reason;
 * keys typed into a field stay in the field (Enter / Esc returns to the queue).
 */
import { useEffect, useRef } from 'react';
import { ErrorNote } from '../../components/error-note';
import { ExportDecisionsButton } from '../export/export-button';
import { DetailPane } from './detail-pane';
import { QueueFilters } from './queue-filters';
import { QueueTable } from './queue-table';
import './review.css';
import { useReview } from './store';

const inField = (t: EventTarget | null) => t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));

export function ReviewScreen() {
  const load = useReview((s) => s.load);
  const queue = useReview((s) => s.queue);
  const selectedItem = useReview((s) => (s.selected ? s.items[s.selected] : undefined));
  const flash = useReview((s) => s.flash);
  const stateFilter = useReview((s) => s.filters.state);
  const search = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (inField(e.target)) {
        if (e.key === 'Escape' || (e.key === 'Enter' && e.target === search.current)) (e.target as HTMLElement).blur();
        return;
      }
      const s = useReview.getState();
      const keys: Record<string, () => void> = {
        j: () => s.move(1),
        ArrowDown: () => s.move(1),
        k: () => s.move(-1),
        ArrowUp: () => s.move(-1),
        a: () => void s.act('approve'),
        r: () => void s.act('reject'),
        o: () => void s.act('reopen'),
        u: () => void s.undoLast(),
        '/': () => search.current?.focus(),
        e: () => document.querySelector<HTMLInputElement>('[data-testid="reason"]')?.focus(),
      };
      const run = keys[e.key];
      if (!run) return;
      e.preventDefault();
      run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="screen review-screen" data-testid="review">
      <header className="screen-head">
        <h1>Review</h1>
        <div className="screen-actions">
          <span className="keys muted" aria-label="Keyboard shortcuts">
            <kbd>j</kbd>/<kbd>k</kbd> move · <kbd>a</kbd> approve · <kbd>r</kbd> reject · <kbd>o</kbd> reopen · <kbd>u</kbd> undo · <kbd>/</kbd> search
          </span>
          <button type="button" className="button" onClick={() => void load()} disabled={queue.state === 'loading'}>
            {queue.state === 'loading' ? 'Loading…' : 'Refresh'}
          </button>
          {/* the workbook of what the queue shows (its decision filter; the tenant is the settings') */}
          <ExportDecisionsButton status={stateFilter ? [stateFilter] : undefined} />
        </div>
      </header>
      {queue.error ? <ErrorNote error={queue.error} /> : null}
      <div className="review-body">
        <div className="review-left">
          <QueueFilters searchRef={search} />
          {queue.data === null && queue.state !== 'error' ? (
            <p className="loading" aria-busy="true">
              Loading the queue…
            </p>
          ) : (
            <QueueTable />
          )}
        </div>
        <div className="review-right">
          {flash ? (
            <p className={`flash tone-${flash.tone}`} role="status" data-testid="flash">
              {flash.text}
            </p>
          ) : null}
          {selectedItem ? (
            <DetailPane item={selectedItem} />
          ) : queue.data && queue.data.length === 0 ? (
            <p className="muted empty-detail">No POD decisions yet: run Sync &amp; match, which matches and decides every ACE opportunity.</p>
          ) : null}
        </div>
      </div>
    </div>
  );
}
