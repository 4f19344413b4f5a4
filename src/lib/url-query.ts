/** Reading view state from a URL query: lists, choices and the has-errors filter, the same way on every page. */

/** A comma-separated (or repeated) list parameter, trimmed, without empties; at most `max` values. */
export function listParam(params: URLSearchParams, key: string, max = 50): string[] {
  return params.getAll(key).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean).slice(0, max);
}

/** The parameter when it is one of `options`, else the fallback. */
export function choiceParam<T extends string>(params: URLSearchParams, key: string, options: readonly T[], fallback: T): T {
  const value = params.get(key);
  return (options as readonly string[]).includes(value ?? '') ? (value as T) : fallback;
}

export type ErrorsFilter = 'with' | 'without' | null;

/** The has-errors filter: `errors=with` or `errors=without`, else no filter. */
export function errorsParam(params: URLSearchParams): ErrorsFilter {
  const errors = params.get('errors');
  return errors === 'with' || errors === 'without' ? errors : null;
}
