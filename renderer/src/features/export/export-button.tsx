/**
 * "Export XLSX" for the POD decisions (export:decisions): the workbook with the sheets Decisions, Evidence,
 * Rules and Cost, or the CSV of the Decisions sheet. Where the file goes is main's choice — a save dialog
 * in the desktop app, `<data folder>/exports/` in browser mode — so the button shows the path it got.
 * A dismissed dialog shows nothing; an error shows what went wrong and what to do, inline like the cost
 * screen's export (a toolbar has no room for a block alert).
 *
 * Mount it where the decisions are listed (the review screen's `.screen-actions`), passing the list's filter:
 *   const filters = useReview((s) => s.filters);
 *   <ExportDecisionsButton tenant={queue.data?.tenant} status={filters.state ? [filters.state] : undefined} />
 */
import { useState } from 'react';
import type { ContractError, ExportDecisionsResult, InvokeInput } from '../../../../app/contract';
import { host } from '../../host';
import { errorOf } from '../../state/resource';

type ExportInput = NonNullable<InvokeInput<'export:decisions'>>;

export type ExportDecisionsButtonProps = {
  tenant?: ExportInput['tenant'];
  /** only decisions in these states (the list's filter); default all */
  status?: ExportInput['status'];
  format?: ExportInput['format'];
};

type Note = { ok: true; result: ExportDecisionsResult } | { ok: false; error: ContractError } | null;

export function ExportDecisionsButton({ tenant, status, format = 'xlsx' }: ExportDecisionsButtonProps) {
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<Note>(null);

  async function run() {
    setBusy(true);
    setNote(null);
    try {
      const result = await host().invoke('export:decisions', { tenant, status, format });
      setNote(result.cancelled ? null : { ok: true, result });
    } catch (err) {
      setNote({ ok: false, error: errorOf(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <span className="export-decisions" data-testid="export-decisions" style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
      <button type="button" className="button" onClick={() => void run()} disabled={busy} title="Decisions, evidence, rules and cost for finance">
        {busy ? 'Exporting…' : format === 'csv' ? 'Export CSV' : 'Export XLSX'}
      </button>
      {note?.ok ? (
        <span className="muted" data-testid="export-decisions-note">
          {note.result.rows.toLocaleString('en-US')} decisions saved to <code>{note.result.path}</code>
        </span>
      ) : null}
      {note && !note.ok ? (
        <span className="error-message" role="alert" title={note.error.code} data-testid="export-decisions-error">
          {note.error.message}
          {note.error.hint ? ` ${note.error.hint}` : ''}
        </span>
      ) : null}
    </span>
  );
}
