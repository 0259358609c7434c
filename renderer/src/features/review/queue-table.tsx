/**
 * The review queue: TanStack Table for the columns, TanStack Virtual for the rows, so 5,000 rows render
 * ~30 DOM rows and scroll smoothly. Rows are fixed-height; the selected row is kept in view when j/k
 * moves the selection.
 */
import type { ColumnDef } from '@tanstack/react-table';
import { flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useMemo, useRef } from 'react';
import type { DecisionListItem } from '../../../../app/contract';
import { pctShort, STATE_LABEL, STATE_TONE } from './format';
import { useReview } from './store';

const ROW_HEIGHT = 30;

/** Rows carry only the id: each visible row reads its item from the store, so an action re-renders one row, not 5,000. */
type RowRef = { aceId: string };
type Col = 'state' | 'ace' | 'customer' | 'match' | 'score' | 'stage';

function CellContent({ item, col }: { item: DecisionListItem; col: Col }) {
  switch (col) {
    case 'state':
      return (
        <span className={`pill tone-${STATE_TONE[item.state]}`}>
          {STATE_LABEL[item.state]}
          {item.pending ? ' ⏳' : ''}
        </span>
      );
    case 'ace':
      return <span className="mono">{item.aceId}</span>;
    case 'customer':
      return <>{item.customerName ?? '—'}</>;
    case 'match':
      if (!item.matchStatus) return <span className="muted">not matched</span>;
      if (item.matchStatus === 'no_match') return <span className="muted">no match</span>;
      return (
        <span title={item.odooName ?? undefined}>
          {item.matchStatus === 'review' ? <span className="proposed">? </span> : null}
          {item.odooName ?? '—'}
        </span>
      );
    case 'score':
      return <span className="num">{pctShort(item.matchProbability)}</span>;
    case 'stage':
      // the owner is a filter and in the detail; a column would squeeze the names below legibility at 1440 px
      return <span title={item.owner ? `Owner: ${item.owner}` : undefined}>{item.stage ?? '—'}</span>;
  }
}

const col = (id: Col, header: string, size: number): ColumnDef<RowRef> => ({ id, header, size });
const columns: ColumnDef<RowRef>[] = [col('state', 'Decision', 108), col('ace', 'ACE', 70), col('customer', 'Customer', 110), col('match', 'Odoo match', 110), col('score', 'Score', 44), col('stage', 'Stage', 96)];
const COLS = columns.map((c) => c.id as Col);

type QueueRowProps = { aceId: string; index: number; start: number; selected: boolean; template: string; onSelect: (id: string) => void };

const QueueRow = memo(function QueueRow({ aceId, index, start, selected, template, onSelect }: QueueRowProps) {
  const item = useReview((s) => s.items[aceId]);
  if (!item) return null;
  return (
    <div
      role="row"
      aria-rowindex={index + 1}
      aria-selected={selected}
      data-ace={aceId}
      data-state={item.state}
      className={`queue-row${selected ? ' selected' : ''}`}
      style={{ transform: `translateY(${start}px)`, height: ROW_HEIGHT, gridTemplateColumns: template }}
      onClick={() => onSelect(aceId)}
    >
      {COLS.map((c) => (
        <div key={c} role="gridcell" className={c === 'score' ? 'num' : undefined}>
          <CellContent item={item} col={c} />
        </div>
      ))}
    </div>
  );
});

export function QueueTable() {
  const order = useReview((s) => s.order);
  const selected = useReview((s) => s.selected);
  const select = useReview((s) => s.select);
  const data = useMemo(() => order.map((aceId) => ({ aceId })), [order]);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack's table API is not memoizable; rows read their item from the store, so skipping the compiler here costs nothing
  const table = useReactTable({ data, columns, getCoreRowModel: getCoreRowModel(), getRowId: (r) => r.aceId });
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: order.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });

  const selectedIndex = selected ? order.indexOf(selected) : -1;
  useEffect(() => {
    if (selectedIndex >= 0) virtual.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtual]);

  const template = table.getVisibleLeafColumns().map((c) => (c.id === 'customer' || c.id === 'match' ? `minmax(${c.getSize()}px, 1fr)` : `${c.getSize()}px`)).join(' ');

  return (
    <div className="queue" role="grid" aria-label="Review queue" aria-rowcount={order.length} data-testid="review-queue">
      <div className="queue-head" role="row" style={{ gridTemplateColumns: template }}>
        {table.getFlatHeaders().map((h) => (
          <div key={h.id} role="columnheader" className={h.id === 'score' ? 'num' : undefined}>
            {flexRender(h.column.columnDef.header, h.getContext())}
          </div>
        ))}
      </div>
      <div className="queue-body" ref={scroller} data-testid="queue-scroller">
        {order.length === 0 ? <p className="queue-empty muted">Nothing matches these filters.</p> : null}
        <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
          {virtual.getVirtualItems().map((v) => {
            const aceId = order[v.index];
            return aceId ? <QueueRow key={aceId} aceId={aceId} index={v.index} start={v.start} selected={aceId === selected} template={template} onSelect={select} /> : null;
          })}
        </div>
      </div>
    </div>
  );
}
