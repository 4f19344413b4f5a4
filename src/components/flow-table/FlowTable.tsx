/** The flow table, virtualized: only the rows on screen (plus a few) are in the DOM, at any size. */
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useRef, type CSSProperties } from 'react';
import type { ListView, SortColumn } from '../../lib/flow-table/filters';
import type { FlowRow } from '../../lib/flow-table/rows';
import classes from './FlowTable.module.css';
import { FlowTableRow } from './FlowTableRow';

const ROW_HEIGHT = 52;
const COLUMNS: { key: SortColumn; label: string; width: string }[] = [
  { key: 'name', label: 'Name', width: 'minmax(180px, 2fr)' },
  { key: 'id', label: 'Flow ID', width: '150px' },
  { key: 'status', label: 'Status', width: '130px' },
  { key: 'categories', label: 'Categories', width: 'minmax(140px, 1.3fr)' },
  { key: 'errors', label: 'Errors', width: '80px' },
  { key: 'health', label: 'Health', width: 'minmax(150px, 1.2fr)' },
  { key: 'channel', label: 'Channel', width: 'minmax(140px, 1fr)' },
];

/** Memoized: a page re-rendering for other reasons (a keystroke in a search box) leaves the table alone. */
export const FlowTable = memo(function FlowTable({ rows, view, onSort, showChannel }: { rows: FlowRow[]; view: Pick<ListView, 'sort' | 'dir'>; onSort: (column: SortColumn) => void; showChannel: boolean }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 4 });
  const columns = showChannel ? COLUMNS : COLUMNS.slice(0, -1);
  const grid = { '--columns': columns.map((c) => c.width).join(' ') } as CSSProperties;

  return (
    <div ref={scrollRef} className={classes.scroller} role="table" aria-label="Flows" aria-rowcount={rows.length + 1} style={grid} data-testid="flow-table">
      <div role="rowgroup">
        <div role="row" aria-rowindex={1} className={`${classes.row} ${classes.header}`}>
          {columns.map((c) => {
            const active = view.sort === c.key;
            return (
              <div key={c.key} role="columnheader" aria-sort={active ? (view.dir === 'asc' ? 'ascending' : 'descending') : 'none'} className={classes.cell}>
                <button type="button" className={classes.sortButton} onClick={() => onSort(c.key)}>
                  {c.label}
                  <span aria-hidden>{active ? (view.dir === 'asc' ? '▲' : '▼') : '↕'}</span>
                </button>
              </div>
            );
          })}
        </div>
      </div>
      <div role="rowgroup" className={classes.body} style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index]!;
          return (
            <FlowTableRow
              key={`${row.channel.accountId}:${row.channel.channelId}:${row.id}`}
              row={row}
              index={item.index}
              showChannel={showChannel}
              start={item.start}
            />
          );
        })}
      </div>
    </div>
  );
});
