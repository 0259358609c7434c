/**
 * Approve / reject / reopen / undo with a reason. The reason field holds the next action's reason; left
 * empty, each action uses its default (shown as the placeholder), so `a` / `r` never wait for typing.
 */
import type { DecisionListItem } from '../../../../app/contract';
import { DEFAULT_REASON, useReview } from './store';

export function ActionBar({ item }: { item: DecisionListItem }) {
  const reason = useReview((s) => s.reason);
  const setReason = useReview((s) => s.setReason);
  const act = useReview((s) => s.act);
  const undoLast = useReview((s) => s.undoLast);
  const canUndo = useReview((s) => s.undo.length > 0);
  const reviewer = useReview((s) => s.reviewer);
  const setReviewer = useReview((s) => s.setReviewer);
  const decided = item.state === 'approved' || item.state === 'rejected';
  return (
    <div className="action-bar" data-testid="action-bar">
      <div className="action-buttons">
      <button type="button" className="button primary" onClick={() => void act('approve', item.aceId)} disabled={item.state === 'approved' && !item.stale}>
        Approve <kbd>a</kbd>
      </button>
      <button type="button" className="button danger" onClick={() => void act('reject', item.aceId)} disabled={item.state === 'rejected' && !item.stale}>
        Reject <kbd>r</kbd>
      </button>
      <button type="button" className="button" onClick={() => void act('reopen', item.aceId)} disabled={!decided}>
        Reopen <kbd>o</kbd>
      </button>
      <button type="button" className="button" onClick={() => void undoLast()} disabled={!canUndo}>
        Undo <kbd>u</kbd>
      </button>
      </div>
      <div className="action-reason">
      <input
        className="input grow reason"
        data-testid="reason"
        aria-label="Reason for the next action"
        placeholder="Reason for the next action (e) — blank: the default"
        title={`Defaults: approve “${DEFAULT_REASON.approve}”, reject “${DEFAULT_REASON.reject}”, reopen “${DEFAULT_REASON.reopen}”`}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === 'Escape') (e.target as HTMLInputElement).blur();
        }}
      />
      <label className="reviewer muted">
        as{' '}
        <input className="input" aria-label="Reviewer name" value={reviewer} size={9} onChange={(e) => setReviewer(e.target.value)} />
      </label>
      </div>
    </div>
  );
}
