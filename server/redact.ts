/**
 * Redacts an account's credentials from provider text before it reaches the browser or a log.
 * Each secret is matched as is, URL-encoded and base64-encoded (standard and URL-safe alphabets,
 * at any alignment inside a longer encoded string, as in `Basic base64(user:key)`), in any case.
 */
export const REDACTED = '[redacted]';

/** Shorter secrets (or encoded cores) would redact ordinary words. */
const MIN_SECRET_LENGTH = 6;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The base64 characters fully determined by `secret` when it starts `offset` bytes into a larger value. */
function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const cores: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    const core = encoded.slice(Math.ceil((8 * offset) / 6), Math.floor((8 * (offset + bytes.length)) / 6));
    cores.push(core, core.replaceAll('+', '-').replaceAll('/', '_'));
  }
  return cores;
}

export function secretVariants(secret: string): string[] {
  const variants = new Set<string>([secret, encodeURIComponent(secret), encodeURI(secret), ...base64Cores(secret)]);
  return [...variants].filter((v) => v.length >= MIN_SECRET_LENGTH);
}

export type Redactor = (text: string) => string;

/** A function that replaces every variant of every secret with "[redacted]". */
export function createRedactor(secrets: readonly (string | null | undefined)[]): Redactor {
  const variants = [...new Set(secrets.filter((s): s is string => !!s && s.length >= MIN_SECRET_LENGTH).flatMap(secretVariants))];
  if (variants.length === 0) return (text) => text;
  // Longest first, so a variant that contains another is replaced whole.
  variants.sort((a, b) => b.length - a.length);
  const pattern = new RegExp(variants.map(escapeRegExp).join('|'), 'gi');
  return (text) => (typeof text === 'string' ? text.replace(pattern, REDACTED) : text);
}

/** Redacts every string inside a JSON-like value (keys too), returning a copy. */
export function redactDeep<T>(value: T, redact: Redactor): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, redact)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [redact(k), redactDeep(v, redact)])) as T;
  }
  return value;
}

const redactors = new WeakMap<object, { secrets: string; redact: Redactor }>();

/** The redactor of an account's credentials, built once per owner (a provider client). */
export function redactorFor(owner: object, secrets: readonly (string | null | undefined)[]): Redactor {
  const key = secrets.join('\u0000');
  const cached = redactors.get(owner);
  if (cached && cached.secrets === key) return cached.redact;
  const redact = createRedactor(secrets);
  redactors.set(owner, { secrets: key, redact });
  return redact;
}
