/**
 * A real HTTP server on 127.0.0.1 that stands in for 8x8 Chat Apps, Kaleyra and Meta's CDN, by
 * handing every request to the built-in simulator. Point EIGHTXEIGHT_BASE_URL and
 * KALEYRA_BASE_URL at `url` (with keys set, so the proxy uses real HTTP) and add
 * `127.0.0.1:<port>` to FLOW_ASSET_HOSTS so flow JSON downloads reach it too.
 *
 * Routing by path: `/api/v1/accounts/...` is 8x8, `/v2/...` is Kaleyra, and
 * `/cdn/<host>/...` is `https://<host>/...` on the CDN. CDN links (and the providers' own
 * origins, e.g. in Graph's `paging.next`) in JSON answers are rewritten to point back here.
 * Every request is recorded (method, path + query, headers, and the status answered) so tests
 * can assert what reached the "provider", including its auth header.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { createSimulator, type Simulator } from '../../src/mocks/simulator';
import { eightByEight } from '../../src/providers/8x8/adapter';
import { kaleyra } from '../../src/providers/kaleyra/adapter';

export type FakeTarget = '8x8' | 'kaleyra' | 'cdn' | null;

export interface RecordedRequest {
  method: string;
  /** Path and query exactly as received (not decoded, not normalised). */
  path: string;
  headers: http.IncomingHttpHeaders;
  /** Which service the path addresses; null when it addresses none. */
  target: FakeTarget;
  receivedAt: number;
  /** The status answered; undefined while pending, 0 when the connection was dropped. */
  status?: number;
  /** The answered body, for JSON answers (after link rewriting). */
  body?: string;
}

/**
 * Answers a request before the simulator sees it (wire-level faults: a dropped connection, a
 * body cut off mid-way, an answer that echoes a header). Return true when it has answered.
 */
export type WireInterceptor = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  recorded: RecordedRequest,
) => boolean | Promise<boolean>;

export interface FakeUpstreamOptions {
  /** 0 (the default) picks a free port; e2e setups that need a fixed URL can name one. */
  port?: number;
  flowsPerChannel?: number;
  /** Same syntax as SIMULATOR_FAULTS, e.g. `kaleyra=503,8x8.json=slow`. */
  faults?: string;
  intercept?: WireInterceptor;
  /** Keep every request in `requests` (default true; a long load test turns it off and counts with onRequest). */
  record?: boolean;
  onRequest?: (request: RecordedRequest) => void;
  /**
   * Reuse a successful JSON answer to the same request (path, query and auth headers) for this
   * long. Off by default; a load test turns it on so the fake stays cheap next to the proxy it
   * measures (a CPU-bound Node server accepts new connections slowly, which skews a baseline).
   */
  cacheMs?: number;
}

export interface FakeUpstream {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  url: string;
  port: number;
  requests: RecordedRequest[];
  /** The simulator answering (its `world` gives the expected flows and flow JSON texts). */
  readonly simulator: Simulator;
  /** Replaces the injected faults (rebuilds the simulator; the world is deterministic). */
  setFaults(faults: string | undefined): void;
  /** Replaces the wire-level interceptor (null removes it). */
  setIntercept(intercept: WireInterceptor | null): void;
  close(): Promise<void>;
}

const EIGHT_BY_EIGHT_ORIGIN = eightByEight.defaultBaseUrl;
const KALEYRA_ORIGIN = kaleyra.defaultBaseUrl;
const CDN_HOSTS = ['mmg.whatsapp.net', 'scontent.xx.fbcdn.net'];
const CDN_LINK = /https:\/\/(mmg\.whatsapp\.net|scontent\.xx\.fbcdn\.net)\//g;
const HOP_BY_HOP = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'content-length', 'content-encoding', 'te', 'trailer', 'proxy-connection']);

function targetOf(path: string): { target: FakeTarget; upstream: string | null } {
  if (path.startsWith('/api/v1/accounts/')) return { target: '8x8', upstream: `${EIGHT_BY_EIGHT_ORIGIN}${path}` };
  if (path.startsWith('/v2/')) return { target: 'kaleyra', upstream: `${KALEYRA_ORIGIN}${path}` };
  const cdn = /^\/cdn\/([^/]+)(\/.*)$/.exec(path);
  if (cdn && CDN_HOSTS.includes(cdn[1]!)) return { target: 'cdn', upstream: `https://${cdn[1]}${cdn[2]}` };
  return { target: null, upstream: null };
}

function requestHeaders(req: http.IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
  }
  return headers;
}

export async function startFakeUpstream(options: FakeUpstreamOptions = {}): Promise<FakeUpstream> {
  const requests: RecordedRequest[] = [];
  const build = (faults: string | undefined) => createSimulator({ flowsPerChannel: options.flowsPerChannel, faults });
  let simulator = build(options.faults);
  let intercept: WireInterceptor | null = options.intercept ?? null;
  let origin = '';
  const cache = new Map<string, { until: number; status: number; headers: Record<string, string>; body: string }>();

  const rewrite = (text: string) =>
    text
      .replace(CDN_LINK, (_, host: string) => `${origin}/cdn/${host}/`)
      .replaceAll(EIGHT_BY_EIGHT_ORIGIN, origin)
      .replaceAll(KALEYRA_ORIGIN, origin);

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const path = req.url ?? '/';
    const { target, upstream } = targetOf(path);
    const recorded: RecordedRequest = { method: req.method ?? 'GET', path, headers: { ...req.headers }, target, receivedAt: Date.now() };
    if (options.record !== false) requests.push(recorded);
    options.onRequest?.(recorded);
    res.on('close', () => {
      recorded.status ??= res.writableFinished ? res.statusCode : 0;
    });

    if (intercept && (await intercept(req, res, recorded))) return;
    if (!upstream) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ message: `The fake upstream has no route for ${path}` }));
      return;
    }

    const cacheKey = `${req.method} ${path} ${req.headers.authorization ?? ''} ${req.headers['api-key'] ?? ''}`;
    const cached = options.cacheMs ? cache.get(cacheKey) : undefined;
    if (cached && cached.until > Date.now()) {
      recorded.body = cached.body;
      res.writeHead(cached.status, cached.headers).end(cached.body);
      return;
    }

    // The caller hanging up aborts the simulated call (a `timeout` fault never answers otherwise).
    const abort = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) abort.abort();
    });
    let response: Response;
    try {
      response = await simulator.fetch(upstream, { method: req.method, headers: requestHeaders(req), signal: abort.signal });
    } catch {
      // The simulator's "connection refused": drop the connection without an answer.
      recorded.status = 0;
      req.socket.destroy();
      return;
    }
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      if (!HOP_BY_HOP.has(name)) headers[name] = value;
    });
    if ((response.headers.get('content-type') ?? '').includes('json')) {
      const body = rewrite(await response.text());
      recorded.body = body;
      const answer = { ...headers, 'content-length': String(Buffer.byteLength(body)) };
      if (options.cacheMs && response.ok) cache.set(cacheKey, { until: Date.now() + options.cacheMs, status: response.status, headers: answer, body });
      res.writeHead(response.status, answer).end(body);
      return;
    }
    res.writeHead(response.status, headers);
    if (!response.body) {
      res.end();
      return;
    }
    // Streamed, so a caller that stops reading (the 10 MB cap) stops the writing too.
    await pipeline(Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>), res).catch(() => res.destroy());
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' }).end('{"message":"fake upstream failed"}');
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    url: origin,
    port,
    requests,
    get simulator() {
      return simulator;
    },
    setFaults(faults) {
      simulator = build(faults);
      cache.clear();
    },
    setIntercept(next) {
      intercept = next;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
