/**
 * The top candidates with their scores. A row click shows that candidate beside the ACE record and in the
 * waterfall; "Use as match" / "No match" record the analyst's choice (match:choose) with a reason.
 */
import { useState } from 'react';
import type { MatchCandidates } from '../../../../app/contract';
import { MATCH_LABEL, pct } from './format';
import { useReview } from './store';

const DEFAULT_CHOICE_REASON = 'Analyst chose this candidate';
const DEFAULT_NONE_REASON = 'No Odoo opportunity is this deal';

type Props = { data: MatchCandidates; shown: number | null; onShow: (odooId: number) => void };

export function CandidatesTable({ data, shown, onShow }: Props) {
  const choose = useReview((s) => s.choose);
  // the choice waiting for its reason: an Odoo id, or null for "no match"; undefined = none pending
  const [pending, setPending] = useState<number | null | undefined>(undefined);
  const [reason, setReason] = useState('');
  const confirm = async () => {
    if (pending === undefined) return;
    await choose(data.aceId, pending, reason.trim() || (pending === null ? DEFAULT_NONE_REASON : DEFAULT_CHOICE_REASON));
    setPending(undefined);
    setReason('');
  };
  const a = data.assignment;
  return (
    <div className="candidates" data-testid="candidates">
      <p className="match-line">
        {a ? (
          <>
            <span className={`pill tone-${a.status === 'matched' ? 'ok' : a.status === 'review' ? 'warn' : 'muted'}`}>{MATCH_LABEL[a.status]}</span>{' '}
            {a.decidedBy === 'analyst' ? <span className="pill tone-accent">analyst</span> : null} <span className="muted">{a.explanation}</span>
          </>
        ) : (
          <span className="muted">Not matched yet: run Sync &amp; match.</span>
        )}
      </p>
      {data.candidates.length === 0 ? (
        <p className="muted">No candidate: no Odoo opportunity shares a blocking key with this one.</p>
      ) : (
        <table className="data-table cand-table">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Odoo opportunity</th>
              <th scope="col" className="num">Score</th>
              <th scope="col" className="num">Company</th>
              <th scope="col" className="num">Weight</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {data.candidates.map((c) => (
              <tr key={c.odooId} className={`cand${c.odooId === shown ? ' shown' : ''}`} data-odoo={c.odooId} aria-selected={c.odooId === shown} onClick={() => onShow(c.odooId)}>
                <td>{c.rank}</td>
                <td className="wrap">
                  <span className="mono">#{c.odooId}</span> {c.name} {c.assigned ? <span className="pill tone-ok">current</span> : null}
                </td>
                <td className="num">
                  <span className="bar" style={{ width: `${Math.round(c.probability * 28)}px` }} />
                  {pct(c.probability)}
                </td>
                <td className="num">{pct(c.companyProbability)}</td>
                <td className="num">{c.matchWeight.toFixed(1)}</td>
                <td className="num">
                  {c.assigned && a?.decidedBy === 'analyst' ? null : (
                    <button type="button" className="button small" onClick={(e) => (e.stopPropagation(), setPending(c.odooId))}>
                      Use as match
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="choice-row">
        {a?.status === 'no_match' && a.decidedBy === 'analyst' ? null : (
          <button type="button" className="button small" onClick={() => setPending(null)}>
            No match…
          </button>
        )}
        {pending !== undefined ? (
          <form
            className="choice-form"
            onSubmit={(e) => {
              e.preventDefault();
              void confirm();
            }}
          >
            <span>{pending === null ? 'No Odoo match' : `Match to Odoo #${pending}`} because</span>
            <input
              className="input grow"
              autoFocus
              aria-label="Reason for the match choice"
              placeholder={pending === null ? DEFAULT_NONE_REASON : DEFAULT_CHOICE_REASON}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              onKeyDown={(e) => e.key === 'Escape' && setPending(undefined)}
            />
            <button type="submit" className="button primary small">
              Confirm
            </button>
            <button type="button" className="button small" onClick={() => setPending(undefined)}>
              Cancel
            </button>
          </form>
        ) : null}
      </div>
    </div>
  );
}
