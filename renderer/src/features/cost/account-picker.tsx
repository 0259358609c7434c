/**
 * Account selector: search by id, name or company; accounts grouped under their payer. Ticking a payer
 * selects all of its linked accounts (and unticking clears them); an empty selection means all accounts.
 */
import { useMemo, useState } from 'react';
import type { Accounts } from './store';

type Props = { accounts: Accounts; selected: readonly string[]; onChange: (ids: string[]) => void };

export function AccountPicker({ accounts, selected, onChange }: Props) {
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const chosen = useMemo(() => new Set(selected), [selected]);
  const total = useMemo(() => new Set(accounts.payers.flatMap((p) => p.accounts.map((a) => a.accountId))).size, [accounts]);
  const groups = useMemo(() => {
    const needle = q.trim().toLowerCase();
    const hit = (...xs: (string | null)[]) => !needle || xs.some((x) => x?.toLowerCase().includes(needle));
    return accounts.payers
      .map((p) => ({ ...p, shown: hit(p.payerId, p.name) ? p.accounts : p.accounts.filter((a) => hit(a.accountId, a.name, a.company)) }))
      .filter((p) => p.shown.length > 0);
  }, [accounts, q]);
  const toggle = (ids: string[], on: boolean) => {
    const next = new Set(chosen);
    for (const id of ids) if (on) next.add(id); else next.delete(id);
    onChange([...next].sort());
  };
  const label = selected.length === 0 ? `All accounts (${total})` : `${selected.length} of ${total} accounts`;
  return (
    <div className="account-picker">
      <button type="button" className="button picker-toggle" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="account-picker">
        {label} ▾
      </button>
      {open ? (
        <div className="picker-pop" role="dialog" aria-label="Choose AWS accounts">
          <div className="picker-head">
            <input type="search" placeholder="Search account id, name, company, payer…" value={q} onChange={(e) => setQ(e.target.value)} aria-label="Search accounts" autoFocus />
            <button type="button" className="button small" onClick={() => onChange([])}>All</button>
            <button type="button" className="button small primary" onClick={() => setOpen(false)}>Done</button>
          </div>
          <div className="picker-list">
            {groups.map((p) => {
              const ids = p.accounts.map((a) => a.accountId);
              const all = ids.every((id) => chosen.has(id));
              const some = !all && ids.some((id) => chosen.has(id));
              return (
                <div key={p.payerId} className="picker-group" data-payer={p.payerId}>
                  <label className="picker-payer">
                    <input type="checkbox" checked={all} ref={(el) => { if (el) el.indeterminate = some; }} onChange={(e) => toggle(ids, e.target.checked)} aria-label={`Payer ${p.payerId}`} />
                    <span className="mono">{p.payerId || '(no payer)'}</span> <span className="muted">{p.name ?? 'payer'} · {ids.length} linked</span>
                  </label>
                  {p.shown.map((a) => (
                    <label key={a.accountId} className="picker-account">
                      <input type="checkbox" checked={chosen.has(a.accountId)} onChange={(e) => toggle([a.accountId], e.target.checked)} aria-label={`Account ${a.accountId}`} />
                      <span className="mono">{a.accountId}</span> <span>{a.name ?? ''}</span> <span className="muted">{a.company ?? ''}{a.billable ? '' : ' · not billed'}</span>
                    </label>
                  ))}
                </div>
              );
            })}
            {groups.length === 0 ? <p className="muted picker-empty">No account matches “{q}”.</p> : null}
          </div>
        </div>
      ) : null}
    </div>
  );
}
