/** The queue's filters: decision state (with counts), match score band, ACE stage, owner, and search (`/`). */
import { useMemo } from 'react';
import type { Ref } from 'react';
import { SCORE_BANDS } from '../../../../app/contract';
import type { ScoreBand } from '../../../../app/contract';
import { BAND_LABELS, distinctValues } from '../../../../app/review/queue';
import { STATE_LABEL, STATE_ORDER } from './format';
import { useReview } from './store';

export function QueueFilters({ searchRef }: { searchRef: Ref<HTMLInputElement> }) {
  const items = useReview((s) => s.items);
  const filters = useReview((s) => s.filters);
  const setFilters = useReview((s) => s.setFilters);
  const order = useReview((s) => s.order);
  const all = useMemo(() => Object.values(items), [items]);
  const stages = useMemo(() => distinctValues(all, (i) => i.stage), [all]);
  const owners = useMemo(() => distinctValues(all, (i) => i.owner), [all]);
  const counts = useMemo(() => {
    const c: Record<string, number> = {};
    for (const i of all) c[i.state] = (c[i.state] ?? 0) + 1;
    return c;
  }, [all]);

  return (
    <div className="queue-filters" data-testid="queue-filters">
      <div className="state-tabs" role="tablist" aria-label="Decision">
        <button type="button" role="tab" aria-selected={!filters.state} className="state-tab" onClick={() => setFilters({ state: undefined })}>
          All <span className="count">{all.length}</span>
        </button>
        {STATE_ORDER.map((st) => (
          <button key={st} type="button" role="tab" aria-selected={filters.state === st} className="state-tab" data-state={st} onClick={() => setFilters({ state: st })}>
            {STATE_LABEL[st]} <span className="count">{counts[st] ?? 0}</span>
          </button>
        ))}
      </div>
      <div className="filter-row">
        <input
          ref={searchRef}
          type="search"
          className="input search"
          placeholder="Search id, customer, Odoo, owner  /"
          aria-label="Search the queue"
          value={filters.q ?? ''}
          onChange={(e) => setFilters({ q: e.target.value || undefined })}
        />
        <select className="input" aria-label="Score band" value={filters.band ?? ''} onChange={(e) => setFilters({ band: (e.target.value || undefined) as ScoreBand | undefined })}>
          <option value="">Any score</option>
          {SCORE_BANDS.map((b) => (
            <option key={b} value={b}>
              {BAND_LABELS[b]}
            </option>
          ))}
        </select>
        <select className="input" aria-label="Stage" value={filters.stage ?? ''} onChange={(e) => setFilters({ stage: e.target.value || undefined })}>
          <option value="">Any stage</option>
          {stages.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
        <select className="input" aria-label="Owner" value={filters.owner ?? ''} onChange={(e) => setFilters({ owner: e.target.value || undefined })}>
          <option value="">Any owner</option>
          {owners.map((o) => (
            <option key={o}>{o}</option>
          ))}
        </select>
        <span className="muted shown" data-testid="queue-count">
          {order.length} of {all.length}
        </span>
      </div>
    </div>
  );
}
