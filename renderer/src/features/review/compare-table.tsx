/** ACE and one Odoo candidate side by side, differences highlighted (app/review/compare-fields.ts). */
import { useMemo } from 'react';
import type { MatchCandidate, MatchField } from '../../../../app/contract';
import { compareFields } from '../../../../app/review/compare-fields';

export function CompareTable({ ace, candidate }: { ace: readonly MatchField[]; candidate: MatchCandidate | null }) {
  // a field neither side has says nothing; leave it out
  const rows = useMemo(() => compareFields(ace, candidate?.fields ?? []).filter((r) => r.ace !== null || r.odoo !== null), [ace, candidate]);
  const differing = rows.filter((r) => r.state === 'different').length;
  return (
    <table className="data-table compare" data-testid="compare-table">
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">ACE</th>
          <th scope="col">{candidate ? `Odoo #${candidate.odooId}` : 'Odoo'}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} className={`cmp-${r.state}`} data-field={r.key} data-state={r.state}>
            <th scope="row">{r.label}</th>
            <td className="wrap">{r.ace ?? <span className="muted">—</span>}</td>
            <td className="wrap">{candidate ? (r.odoo ?? <span className="muted">—</span>) : <span className="muted">no candidate</span>}</td>
          </tr>
        ))}
      </tbody>
      {candidate ? (
        <tfoot>
          <tr>
            <td colSpan={3} className="muted">
              {differing === 0 ? 'No field differs.' : `${differing} field(s) differ.`}
            </td>
          </tr>
        </tfoot>
      ) : null}
    </table>
  );
}
