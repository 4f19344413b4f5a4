/**
 * Components of a screen for the preview: which component an error's path points into, and how
 * dynamic values (`${data.x}`) read with the screen's `__example__` data.
 */
import { pointerPaths, type JsonPath } from '../json-positions';
import type { ValidationError } from '../../model/flow';

export type ComponentPath = readonly (string | number)[];

/** Keys under which a component holds child components (`cases` of Switch holds arrays by key). */
const CHILD_KEYS = new Set(['children', 'then', 'else']);

/**
 * The path of the innermost component `path` points into (`screens[0].layout.children[2]…`),
 * or null when it points at the screen itself or outside screens.
 */
export function componentPathOf(path: readonly (string | number)[]): ComponentPath | null {
  if (path[0] !== 'screens' || typeof path[1] !== 'number' || path[2] !== 'layout') return null;
  let end = -1;
  for (let i = 3; i < path.length; i++) {
    const key = path[i - 1];
    if (typeof path[i] !== 'number') continue;
    if (typeof key === 'string' && CHILD_KEYS.has(key)) end = i;
    else if (i >= 2 && path[i - 2] === 'cases') end = i;
  }
  return end === -1 ? null : path.slice(0, end + 1);
}

export const componentKey = (path: ComponentPath): string => path.join('/');

export interface ErrorPlaces {
  /** Error indices by `componentKey` of the component they point into. */
  byComponent: Map<string, number[]>;
  /** Error indices on a screen but in no component (such as a screen's title), by screen index. */
  byScreen: Map<number, number[]>;
}

/**
 * Where each error sits in the preview: its first parsable pointer path decides, else the path
 * its reported position points at (`byPosition`, by error index: errors with a line and column
 * only). With `only`, just those error indices are placed (the errors of the screen shown).
 */
export function placeErrorsInComponents(
  errors: readonly ValidationError[],
  only?: readonly number[],
  byPosition?: ReadonlyMap<number, JsonPath>,
): ErrorPlaces {
  const byComponent = new Map<string, number[]>();
  const byScreen = new Map<number, number[]>();
  const push = <K>(map: Map<K, number[]>, key: K, i: number) => {
    const list = map.get(key);
    if (list) list.push(i);
    else map.set(key, [i]);
  };
  const place = (error: ValidationError, i: number) => {
    const path = pointerPaths(error)[0] ?? byPosition?.get(i);
    if (!path || path[0] !== 'screens' || typeof path[1] !== 'number') return;
    const component = componentPathOf(path);
    if (component) push(byComponent, componentKey(component), i);
    else push(byScreen, path[1], i);
  };
  if (only) for (const i of only) place(errors[i]!, i);
  else errors.forEach(place);
  return { byComponent, byScreen };
}

const EXPRESSION = /\$\{data\.([A-Za-z0-9_]+)\}/g;

/** The `__example__` of `data.<name>` in a screen's data, if given. */
export function exampleOf(data: unknown, name: string): { value: unknown } | null {
  if (typeof data !== 'object' || data === null) return null;
  const field = (data as Record<string, unknown>)[name];
  if (typeof field !== 'object' || field === null || !('__example__' in field)) return null;
  return { value: (field as { __example__: unknown }).__example__ };
}

/**
 * A value as the preview shows it: a whole `${data.x}` becomes its example (any type), inline
 * ones are replaced by the example's text; expressions without an example stay as written.
 */
export function resolveDynamic(value: unknown, data: unknown): unknown {
  if (typeof value !== 'string') return value;
  const whole = /^\$\{data\.([A-Za-z0-9_]+)\}$/.exec(value);
  if (whole) return exampleOf(data, whole[1]!)?.value ?? value;
  return value.replace(EXPRESSION, (expression, name: string) => {
    const example = exampleOf(data, name);
    if (!example) return expression;
    return typeof example.value === 'string' ? example.value : JSON.stringify(example.value);
  });
}

/** A resolved value as text (for labels and bodies); arrays of strings are joined by lines. */
export function textOf(value: unknown, data: unknown): string {
  const v = resolveDynamic(value, data);
  if (typeof v === 'string') return v;
  if (v === undefined || v === null) return '';
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.join('\n');
  return JSON.stringify(v);
}
