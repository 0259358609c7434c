/**
 * The selected opportunity: its decision and the actions (approve / reject / reopen with a reason), the
 * match (candidates, ACE vs Odoo side by side, the waterfall of signals) and the POD rules with facts.
 */
import { memo, useDeferredValue, useState } from 'react';
import type { DecisionListItem } from '../../../../app/contract';
import { ResourceView } from '../../components/resource-view';
import { ActionBar } from './action-bar';
import { CandidatesTable } from './candidates-table';
import { CompareTable } from './compare-table';
import { CostLinks } from './cost-links';
import { emptyDetail } from './detail-cache';
import { STATE_LABEL, STATE_TONE } from './format';
import { RuleResults } from './rule-results';
import { useReview } from './store';
import { Trail } from './trail';
import { WaterfallChart } from './waterfall-chart';

const OUTCOME_LABEL = { auto_approve: 'auto-approve', needs_review: 'needs review', auto_reject: 'auto-reject' } as const;

export function DetailPane({ item }: { item: DecisionListItem }) {
  // the header follows the selection at once; the heavy body (tables, chart, rules) renders as a
  // deferred, memoized update, so j/k and a/r never wait for the waterfall to draw
  const bodyId = useDeferredValue(item.aceId);
  return (
    <section className="detail" aria-label={`Opportunity ${item.aceId}`} data-testid="review-detail" data-ace={item.aceId}>
      <header className="detail-head">
        <div className="detail-title">
          <h2 className="detail-id mono" data-testid="detail-id">
            {item.aceId}
          </h2>
          <span className="detail-customer">{item.customerName ?? 'Unnamed customer'}</span>
          <span className={`pill tone-${STATE_TONE[item.state]}`} data-testid="detail-state">
            {STATE_LABEL[item.state]}
          </span>
          {item.stale ? <span className="pill tone-warn">decided on an older run</span> : null}
        </div>
        <p className="muted detail-sub">
          Rules said <strong>{OUTCOME_LABEL[item.outcome]}</strong> · program {item.programVersion} · as of {item.asOf}
          {item.stage ? ` · ${item.stage}` : ''}
          {item.owner ? ` · ${item.owner}` : ''}
        </p>
      </header>
      <ActionBar item={item} />

      <DetailBody aceId={bodyId} />
    </section>
  );
}

const DetailBody = memo(function DetailBody({ aceId }: { aceId: string }) {
  const detail = useReview((s) => s.detail[aceId]) ?? emptyDetail();
  const candidates = detail.candidates.data;
  const preferred = candidates?.candidates.find((c) => c.assigned)?.odooId ?? candidates?.candidates[0]?.odooId ?? null;
  // the analyst's pick of which candidate to show; a new opportunity (or a new match) shows its current match first
  const key = `${aceId}:${preferred ?? ''}`;
  const [picked, setPicked] = useState<{ key: string; odooId: number } | null>(null);
  const shown = picked?.key === key ? picked.odooId : preferred;
  const setShown = (odooId: number) => setPicked({ key, odooId });
  const candidate = candidates?.candidates.find((c) => c.odooId === shown) ?? null;
  return (
    <>
      <div className="detail-section">
        <h3>Match</h3>
        <ResourceView resource={detail.candidates} what="the candidates">
          {(c) => (
            <>
              <CandidatesTable data={c} shown={shown} onShow={setShown} />
              <div className="match-grid">
                <CompareTable ace={c.ace.fields} candidate={candidate} />
                <div className="signals">
                  <h4>
                    Signals behind {candidate ? `#${candidate.odooId}` : 'the score'}
                    {c.semantic.on ? null : (
                      <span className="pill tone-muted semantic-off" title={c.semantic.reason ?? undefined} data-testid="semantic-off">
                        semantic signal off
                      </span>
                    )}
                  </h4>
                  {candidate ? <WaterfallChart contributions={candidate.contributions} label={`Signals behind Odoo #${candidate.odooId}`} /> : <p className="muted">No candidate to explain.</p>}
                </div>
              </div>
            </>
          )}
        </ResourceView>
      </div>

      <div className="detail-section">
        <h3>POD rules</h3>
        <ResourceView resource={detail.explain} what="the rule explanation">
          {(x) => (
            <>
              <CostLinks explain={x} />
              <RuleResults explain={x} />
              <Trail explain={x} matchDecisions={candidates?.decisions ?? []} />
            </>
          )}
        </ResourceView>
      </div>
    </>
  );
});
