/** The diff worker's messages and its work, shared with the in-page fallback (tests, no Worker). */
import { diffVersions, type VersionDiff } from '../../../lib/flow-history/diffVersions';

/** Compare two downloaded versions (older, newer). */
export interface DiffRequest {
  id: number;
  a: string;
  b: string;
}

/** The comparison; a text that was shown as downloaded does not cross back (`a`/`b` left out). */
export type DiffResult = Omit<VersionDiff, 'a' | 'b'> & { a?: string; b?: string };

export type DiffResponse = { id: number; ok: true; result: DiffResult } | { id: number; ok: false; message: string };

export function compareForTransfer(a: string, b: string): DiffResult {
  const diff = diffVersions(a, b);
  return { formatted: diff.formatted, changes: diff.changes, ...(diff.a !== a && { a: diff.a }), ...(diff.b !== b && { b: diff.b }) };
}

export const withTexts = (result: DiffResult, a: string, b: string): VersionDiff => ({ ...result, a: result.a ?? a, b: result.b ?? b });
