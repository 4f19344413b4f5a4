import { toCsv } from '../../lib/flow-table/csv';
import type { FlowRow } from '../../lib/flow-table/rows';

export function downloadCsv(rows: readonly FlowRow[], filename: string): void {
  const url = URL.createObjectURL(new Blob([toCsv(rows)], { type: 'text/csv;charset=utf-8' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: filename });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
