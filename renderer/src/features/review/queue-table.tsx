/**
 * The review queue: TanStack Table for the columns, TanStack Virtual for the rows, so 5,000 rows render
 * ~30 DOM rows and scroll smoothly. Rows are fixed-height; the selected row is kept in view when j/k
 * moves the selection.
 */
import type { ColumnDef } from '@tanstack/react-table';
import { flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef } from 'react';
import type { DecisionListItem } from '../../../../app/contract';
import { pctShort, STATE_LABEL, STATE_TONE } from './format';
import { useReview } from './store';

const ROW_HEIGHT = 30;

const columns: ColumnDef<DecisionListItem>[] = [
  {
    id: 'state',
    header: 'Decision',
    size: 108,
    cell: ({ row }) => (
      <span className={`pill tone-${STATE_TONE[row.original.state]}`}>
        {STATE_LABEL[row.original.state]}
        {row.original.pending ? ' ⏳' : ''}
      </span>
    ),
  },
  { id: 'ace', header: 'ACE', size: 70, cell: ({ row }) => <span className="mono">{row.original.aceId}</span> },
  { id: 'customer', header: 'Customer', size: 110, cell: ({ row }) => row.original.customerName ?? '—' },
  {
    id: 'match',
    header: 'Odoo match',
    size: 110,
    cell: ({ row }) => {
      const i = row.original;
      if (!i.matchStatus) return <span className="muted">not matched</span>;
      if (i.matchStatus === 'no_match') return <span className="muted">no match</span>;
      return (
        <span title={i.odooName ?? undefined}>
          {i.matchStatus === 'review' ? <span className="proposed">? </span> : null}
          {i.odooName ?? '—'}
        </span>
      );
    },
  },
  { id: 'score', header: 'Score', size: 44, cell: ({ row }) => <span className="num">{pctShort(row.original.matchProbability)}</span> },
  // the owner is a filter and in the detail; a column would squeeze the names below legibility at 1440 px
  { id: 'stage', header: 'Stage', size: 96, cell: ({ row }) => <span title={row.original.owner ? `Owner: ${row.original.owner}` : undefined}>{row.original.stage ?? '—'}</span> },
];

export function QueueTable() {
  const order = useReview((s) => s.order);
  const items = useReview((s) => s.items);
  const selected = useReview((s) => s.selected);
  const select = useReview((s) => s.select);
  const data = useMemo(() => order.map((id) => items[id]).filter((x): x is DecisionListItem => Boolean(x)), [order, items]);
  const table = useReactTable({ data, columns, getCoreRowModel: getCoreRowModel(), getRowId: (r) => r.aceId });
  const rows = table.getRowModel().rows;
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });

  const selectedIndex = selected ? order.indexOf(selected) : -1;
  useEffect(() => {
    if (selectedIndex >= 0) virtual.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtual]);

  const template = table.getVisibleLeafColumns().map((c) => (c.id === 'customer' || c.id === 'match' ? `minmax(${c.getSize()}px, 1fr)` : `${c.getSize()}px`)).join(' ');

  return (
    <div className="queue" role="grid" aria-label="Review queue" aria-rowcount={rows.length} data-testid="review-queue">
      <div className="queue-head" role="row" style={{ gridTemplateColumns: template }}>
        {table.getFlatHeaders().map((h) => (
          <div key={h.id} role="columnheader" className={h.id === 'score' ? 'num' : undefined}>
            {flexRender(h.column.columnDef.header, h.getContext())}
          </div>
        ))}
      </div>
      <div className="queue-body" ref={scroller} data-testid="queue-scroller">
        {rows.length === 0 ? <p className="queue-empty muted">Nothing matches these filters.</p> : null}
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {virtual.getVirtualItems().map((v) => {
            const row = rows[v.index];
            if (!row) return null;
            const isSel = row.id === selected;
            return (
              <div
                key={row.id}
                role="row"
                aria-rowindex={v.index + 1}
                aria-selected={isSel}
                data-ace={row.id}
                data-state={row.original.state}
                className={`queue-row${isSel ? ' selected' : ''}`}
                style={{ transform: `translateY(${v.start}px)`, height: ROW_HEIGHT, gridTemplateColumns: template }}
                onClick={() => select(row.id)}
              >
                {row.getVisibleCells().map((c) => (
                  <div key={c.id} role="gridcell" className={c.column.id === 'score' ? 'num' : undefined}>
                    {flexRender(c.column.columnDef.cell, c.getContext())}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
