/** Counts per status and per health level, for the summary charts. */
import { healthLevel } from './filters';
import type { FlowRow } from './rows';

export interface FlowCounts {
  total: number;
  byStatus: Map<string, number>;
  byHealth: Map<string, number>;
  withErrors: number;
}

const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

export function countFlows(rows: readonly FlowRow[]): FlowCounts {
  const counts: FlowCounts = { total: rows.length, byStatus: new Map(), byHealth: new Map(), withErrors: 0 };
  for (const row of rows) {
    bump(counts.byStatus, row.status);
    bump(counts.byHealth, healthLevel(row) ?? 'UNKNOWN');
    if ((row.errorCount ?? 0) > 0) counts.withErrors++;
  }
  return counts;
}
