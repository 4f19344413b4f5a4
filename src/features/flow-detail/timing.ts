/**
 * Runs `work` and records it as a User Timing measure (visible in the browser's performance
 * panel, and read by scripts/bench-viewer.ts). Never throws for the timing itself.
 */
export function timed<T>(name: string, work: () => T): T {
  const start = performance.now();
  const result = work();
  try {
    performance.measure(name, { start, end: performance.now() });
  } catch {
    // No User Timing here (some test environments): the work is done all the same.
  }
  return result;
}

/** User Timing mark: the worker's inspection (parse check, screen ids, screens) reached the page. */
export const FLOW_JSON_INSPECTED_MARK = 'flow-json:inspected';

/** User Timing mark: the worker's `JSON.parse` of the flow JSON finished (placed at the worker's time). */
export const FLOW_JSON_PARSED_MARK = 'flow-json:parsed';
/** User Timing mark: the worker finished the inspection (map, layout, screens' JSON) and sends it (the worker's time). */
export const FLOW_JSON_INSPECT_DONE_MARK = 'flow-json:inspect-done';

/** Records a User Timing mark; never throws. */
export function mark(name: string): void {
  try {
    performance.mark(name);
  } catch {
    // No User Timing here (some test environments).
  }
}

/** Records a User Timing mark at `epochMs` (`performance.timeOrigin + performance.now()` of any context); never throws. */
export function markAt(name: string, epochMs: number): void {
  try {
    performance.mark(name, { startTime: Math.max(0, epochMs - performance.timeOrigin) });
  } catch {
    // No User Timing here (some test environments).
  }
}
