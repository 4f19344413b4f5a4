/** A segment list such as `['screens', 0, 'layout']`. */
export type JsonPath = (string | number)[];

/** A half-open range of UTF-16 offsets: `from` inclusive, `to` exclusive. */
export interface Range {
  from: number;
  to: number;
}

/**
 * How an error was placed:
 * - `token`: a JSON key or scalar value begins exactly at the reported start;
 * - `columns`: the reported line/column range, taken as-is;
 * - `path`: found by a pointer's JSON path;
 * - `line`: the whole line of the reported start line;
 * - `unlocated`: nothing usable (`from === to === 0`).
 */
export type LocatedHow = 'token' | 'columns' | 'path' | 'line' | 'unlocated';

export interface LocatedError extends Range {
  /** The error's index in the provider's list, from 0. */
  index: number;
  how: LocatedHow;
}
