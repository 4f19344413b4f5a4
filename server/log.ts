/**
 * Structured logs: one JSON object a line (pino), each request with an id that also goes to the
 * browser in error answers (`problem.requestId`, and the `X-Request-Id` header), so a ticket's
 * request id finds the log line. Every logged string has its control characters escaped
 * (`\x0d`, `\x00`, ...): a URL with `%0D%0A` or `%00` cannot forge a line or write a NUL, even
 * for a reader that prints the decoded JSON. Paths are logged raw (percent-encoded, as received),
 * never decoded, and never with their query string.
 */
import { randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** Control characters (C0, DEL, C1, line and paragraph separators) as visible `\xNN` / `\uNNNN` escapes. */
export function escapeControl(value: string): string {
  return value.replace(CONTROL, (ch) => {
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Escapes every string inside a log value (keys too). */
export function escapeDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return escapeControl(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { name: escapeControl(value.name), message: escapeControl(value.message) };
  if (Array.isArray(value)) return value.map((v) => escapeDeep(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [escapeControl(k), escapeDeep(v, depth + 1)]));
}

export function createLogger(destination?: DestinationStream): Logger {
  return pino(
    {
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => escapeDeep(object) as Record<string, unknown>,
      },
      hooks: {
        // The message string too, not only the fields.
        logMethod(args, method) {
          method.apply(this, args.map((a) => (typeof a === 'string' ? escapeControl(a) : a)) as Parameters<typeof method>);
        },
      },
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

/** The path exactly as requested (percent-encoding kept), without the query string. */
export function rawPath(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  if (start < 0) return '/';
  const end = url.search(/[?#]/);
  return url.slice(start, end < 0 || end < start ? undefined : end);
}

/** Request ids: a random UUID per request (an incoming X-Request-Id is not trusted). */
export const newRequestId = (): string => randomUUID();

/** A log line about the current request after its answer began (a stream cut off), with its id, method and path. */
export type RequestEventLog = (fields: Record<string, unknown>, message: string) => void;

export type LogVariables = { requestId: string; logEvent: RequestEventLog };

/** The request's event log, when the request runs under `requestLog` (sub-apps do not declare its variables). */
export const eventLogOf = (c: Context): RequestEventLog | undefined => (c.var as Partial<LogVariables>).logEvent;

/**
 * Logs each request once when answered (method, raw path, status, ms, request id), once more
 * if the client goes away first ("aborted"), and whatever a route reports with `logEvent` later. Adds the request id to the `X-Request-Id` header
 * and to the `problem` of every JSON error answer.
 */
export function requestLog(logger: Logger, options: { onlyPaths?: RegExp } = {}): MiddlewareHandler<{ Variables: LogVariables }> {
  return async (c, next) => {
    const requestId = newRequestId();
    c.set('requestId', requestId);
    const started = performance.now();
    const path = rawPath(c.req.url);
    const logged = !options.onlyPaths || options.onlyPaths.test(path);
    const fields = () => ({ requestId, method: c.req.method, path, ms: Math.round(performance.now() - started) });
    c.set('logEvent', (extra, message) => logger.warn({ ...fields(), ...extra }, message));
    let answered = false;
    const signal = c.req.raw.signal;
    const onAbort = () => {
      if (!answered) logger.info({ ...fields(), aborted: true }, 'request aborted');
    };
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      await next();
    } finally {
      answered = true;
      signal.removeEventListener('abort', onAbort);
    }
    c.res.headers.set('X-Request-Id', requestId);
    if (c.res.status >= 400 && (c.res.headers.get('content-type') ?? '').includes('application/json')) {
      c.res = await withRequestId(c.res, requestId);
    }
    if (logged || c.res.status >= 500) {
      const level = c.res.status >= 500 ? 'warn' : 'info';
      logger[level]({ ...fields(), status: c.res.status, ...(signal.aborted ? { aborted: true } : {}) }, 'request');
    }
  };
}

async function withRequestId(response: Response, requestId: string): Promise<Response> {
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return new Response(text, response);
  }
  const problem = (body as { problem?: unknown } | null)?.problem;
  if (problem && typeof problem === 'object') (problem as Record<string, unknown>).requestId = requestId;
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  return new Response(JSON.stringify(body), { status: response.status, statusText: response.statusText, headers });
}
