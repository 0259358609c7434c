/**
 * The analyst's view of a POD decision, derived from the automatic decision and the append-only analyst
 * events (approve / reject / reopen): nothing is updated in place, so the trail is the state.
 * - approve / reject: the analyst's word replaces the automatic outcome;
 * - reopen: withdraws the analyst's word; the opportunity goes back to review.
 * An analyst decision taken on an older automatic decision is `stale` (the facts or rules changed since).
 */

export type AnalystAction = 'approve' | 'reject' | 'reopen';
export type AutoOutcome = 'auto_approve' | 'needs_review' | 'auto_reject';
export type DecisionStateName = AutoOutcome | 'approved' | 'rejected';

export type DecisionEvent = { action: AnalystAction; reason: string; actor: string; at: string; decisionId: string | null };

export type DecisionState = {
  state: DecisionStateName;
  by: 'rules' | 'analyst';
  lastEvent: DecisionEvent | null;
  /** the analyst's approve/reject was given on another (older) automatic decision than the current one */
  stale: boolean;
};

export function deriveState(outcome: AutoOutcome, currentDecisionId: string | null, events: readonly DecisionEvent[]): DecisionState {
  let s: DecisionState = { state: outcome, by: 'rules', lastEvent: null, stale: false };
  for (const e of events) {
    if (e.action === 'approve') s = { state: 'approved', by: 'analyst', lastEvent: e, stale: false };
    else if (e.action === 'reject') s = { state: 'rejected', by: 'analyst', lastEvent: e, stale: false };
    else s = { state: 'needs_review', by: 'analyst', lastEvent: e, stale: false };
  }
  if (s.lastEvent && s.lastEvent.action !== 'reopen') s.stale = s.lastEvent.decisionId !== currentDecisionId;
  return s;
}

/** Why `action` does not apply to `current` (a no-op or nothing to reopen), or null when it does. */
export function refuseAction(current: DecisionState, action: AnalystAction): string | null {
  if (action === 'approve' && current.state === 'approved' && !current.stale) return 'already approved by an analyst';
  if (action === 'reject' && current.state === 'rejected' && !current.stale) return 'already rejected by an analyst';
  if (action === 'reopen' && current.state !== 'approved' && current.state !== 'rejected') return 'there is no analyst decision to reopen';
  return null;
}
