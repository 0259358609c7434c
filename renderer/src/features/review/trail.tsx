/** The analyst trail of one opportunity: POD decision events and match choices, newest first. */
import type { DecisionExplain, MatchCandidates } from '../../../../app/contract';

type Entry = { at: string; text: string; by: string; note: string; struck?: boolean };

export function Trail({ explain, matchDecisions }: { explain: DecisionExplain; matchDecisions: MatchCandidates['decisions'] }) {
  const entries: Entry[] = [
    ...explain.events.map((e) => ({ at: e.at, text: e.action === 'approve' ? 'Approved' : e.action === 'reject' ? 'Rejected' : 'Reopened', by: e.actor, note: e.reason })),
    ...matchDecisions.map((d) => ({
      at: d.at,
      text: d.decision === 'accept' ? `Match → Odoo #${d.odooId}` : d.decision === 'reject' ? `Not Odoo #${d.odooId}` : 'No Odoo match',
      by: d.by,
      note: d.note ?? '',
      struck: d.superseded,
    })),
  ].sort((a, b) => b.at.localeCompare(a.at));
  if (entries.length === 0) return <p className="muted trail-empty">No analyst action yet.</p>;
  return (
    <ol className="trail" data-testid="trail">
      {entries.map((e, i) => (
        <li key={`${e.at}-${i}`} className={e.struck ? 'struck' : undefined}>
          <span className="muted mono">{new Date(e.at).toLocaleString()}</span> <strong>{e.text}</strong> by {e.by}
          {e.note ? <> — “{e.note}”</> : null}
        </li>
      ))}
    </ol>
  );
}
