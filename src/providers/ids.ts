/** Id shapes shared by adapters. Anything else (slashes, dots, encodings, query syntax) never reaches a provider. */
export const SIMPLE_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function checkId(label: string, value: string, pattern: RegExp = SIMPLE_ID): string | null {
  return pattern.test(value) ? null : `${label} "${value.slice(0, 80)}" is not a valid id.`;
}

export function firstProblem(...problems: (string | null)[]): string | null {
  return problems.find((p) => p !== null) ?? null;
}
