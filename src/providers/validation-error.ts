import type { ValidationError } from '../model/flow';

type Nullish<T> = T | null | undefined;

export interface RawPosition {
  lineStart?: Nullish<number>;
  lineEnd?: Nullish<number>;
  columnStart?: Nullish<number>;
  columnEnd?: Nullish<number>;
}

/** A provider's validation error with its keys already camelCased; fills in what is missing. */
export interface RawValidationError extends RawPosition {
  error?: Nullish<string>;
  errorType?: Nullish<string>;
  message?: Nullish<string>;
  pointers?: Nullish<(RawPosition & { path?: Nullish<string> })[]>;
}

const position = (p: RawPosition) => ({
  lineStart: p.lineStart ?? null,
  lineEnd: p.lineEnd ?? null,
  columnStart: p.columnStart ?? null,
  columnEnd: p.columnEnd ?? null,
});

export function toValidationError(e: RawValidationError): ValidationError {
  return {
    code: e.error ?? 'UNKNOWN_ERROR',
    type: e.errorType ?? null,
    message: e.message ?? '',
    ...position(e),
    pointers: (e.pointers ?? []).map((p) => ({ ...position(p), path: p.path ?? null })),
  };
}
