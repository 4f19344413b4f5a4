/** The diff worker's messages and its work, shared with the in-page fallback (tests, no Worker). */
import { getText } from '../../../api/client';
import { diffVersions, type VersionDiff } from '../../../lib/flow-history/diffVersions';

/**
 * Compare two versions (older, newer) the page has downloaded. The worker reads them again from
 * `paths`: they are immutable, so that answer comes from the browser's cache, and the page does
 * not copy 20 MB of text into the worker on its main thread.
 */
export interface DiffRequest {
  id: number;
  paths: readonly [string, string];
  /** The texts' lengths, to check the worker read the same ones. */
  lengths: readonly [number, number];
}

/** The comparison; a text that is shown as downloaded does not cross back (`a`/`b` left out). */
export type DiffResult = Omit<VersionDiff, 'a' | 'b'> & { a?: string; b?: string };

export type DiffResponse = { id: number; ok: true; result: DiffResult } | { id: number; ok: false; message: string };

export function compareForTransfer(a: string, b: string): DiffResult {
  const diff = diffVersions(a, b);
  return { formatted: diff.formatted, changes: diff.changes, ...(diff.a !== a && { a: diff.a }), ...(diff.b !== b && { b: diff.b }) };
}

export async function readAndCompare({ paths, lengths }: Pick<DiffRequest, 'paths' | 'lengths'>): Promise<DiffResult> {
  const [a, b] = await Promise.all(paths.map((path) => getText(path)));
  if (a!.length !== lengths[0] || b!.length !== lengths[1]) throw new Error('The stored versions read in the worker differ from those downloaded.');
  return compareForTransfer(a!, b!);
}

export const withTexts = (result: DiffResult, a: string, b: string): VersionDiff => ({ ...result, a: result.a ?? a, b: result.b ?? b });
