/** Each POD rule of the decision: pass / fail / unknown / skipped, its explanation and the facts it used. */
import type { DecisionExplain } from '../../../../app/contract';
import { factText } from './format';

const STATUS_TONE = { pass: 'ok', fail: 'bad', unknown: 'warn', skipped: 'muted' } as const;

export function RuleResults({ explain }: { explain: DecisionExplain }) {
  return (
    <ol className="rule-results" data-testid="rule-results">
      {explain.rules.map((r) => (
        <li key={r.id} className={`rule rule-${r.status}`} data-rule={r.id} data-status={r.status}>
          <div className="rule-head">
            <span className={`pill tone-${STATUS_TONE[r.status]}`}>{r.status}</span>
            <span className="rule-title">{r.title}</span>
            <span className="muted mono">{r.id}</span>
            {r.status !== 'pass' && r.effect ? <span className="muted">→ {r.effect === 'reject' ? 'rejects' : 'needs review'}</span> : null}
          </div>
          <p className="rule-text">{r.explanation}</p>
          {r.error ? <p className="rule-error">{r.error}</p> : null}
          {Object.keys(r.facts).length > 0 ? (
            <dl className="rule-facts">
              {Object.entries(r.facts).map(([k, v]) => (
                <div key={k}>
                  <dt className="mono">{k}</dt>
                  <dd>{factText(v)}</dd>
                </div>
              ))}
            </dl>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
