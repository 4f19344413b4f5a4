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
