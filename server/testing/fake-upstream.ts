/**
 * A real HTTP server on 127.0.0.1 that stands in for every provider's API and Meta's CDN, by
 * handing each request to the built-in simulator of the account it addresses. Each account is
 * served under its own prefix: point the account's base URL at `${url}/<account id>` (with
 * credentials set, so the proxy uses real HTTP) and add `127.0.0.1:<port>` to the flow asset
 * hosts so flow JSON downloads reach it too.
 *
 * `/<account>/<path>` is `<provider's default host>/<path>`, and `/<account>/cdn/<host>/...` is
 * `https://<host>/...` on the CDN. CDN links (and the providers' own origins, e.g. in Graph's
 * `paging.next`) in JSON answers are rewritten to point back here. Accounts with credentials
 * are served only to requests signed with exactly those credentials (401 otherwise; the
 * simulator sees the original host and account prefix as `x-forwarded-host` and
 * `x-forwarded-prefix`, for signatures that cover them). Every
 * request is recorded (method, path + query, headers, and the status answered) so tests can
 * assert what reached the "provider", including its auth header.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { editFlowJson } from '../../src/mocks/data/evolution';
import { CDN_ROUTES, flowDocument } from '../../src/mocks/data/flow-assets';
import { createSimulator, type Simulator } from '../../src/mocks/simulator';
import { loadConfig, type AccountConfig } from '../config';

/** The account a request addressed, with `cdn` for its CDN downloads; null when it addresses none. */
export type FakeTarget = { account: string; cdn: boolean } | null;

export interface RecordedRequest {
  method: string;
  /** Path and query exactly as received (not decoded, not normalised). */
  path: string;
  headers: http.IncomingHttpHeaders;
  /** Which account (and whether its CDN) the path addresses. */
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
  /**
   * The accounts to serve (default: every provider's demo account, ids = provider ids, any
   * credentials accepted). An account with credentials insists on exactly those.
   */
  accounts?: AccountConfig[];
  /** Same syntax as SIMULATOR_FAULTS, e.g. `<provider>=503,<account>.json=slow`. */
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
  /** The simulator answering for each account (its `channels` give the expected flows and flow JSON texts). */
  simulator(accountId: string): Simulator;
  /** The base URL to configure for an account. */
  baseUrl(accountId: string): string;
  /** Replaces the injected faults (rebuilds the simulator; the world is deterministic). */
  setFaults(faults: string | undefined): void;
  /** Replaces the wire-level interceptor (null removes it). */
  setIntercept(intercept: WireInterceptor | null): void;
  close(): Promise<void>;
}

const CDN_HOSTS: readonly string[] = CDN_ROUTES.map((r) => r.host);
const CDN_LINK = new RegExp(`https://(${CDN_HOSTS.map((h) => h.replaceAll('.', '\\.')).join('|')})/`, 'g');
const HOP_BY_HOP = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'content-length', 'content-encoding', 'te', 'trailer', 'proxy-connection']);

function targetOf(path: string, accounts: Map<string, AccountConfig>): { target: FakeTarget; upstream: string | null } {
  const match = /^\/([a-z0-9-]{1,40})(\/.*)?$/.exec(path);
  const account = match && accounts.get(match[1]!);
  if (!account) return { target: null, upstream: null };
  const rest = match[2] ?? '/';
  const cdn = /^\/cdn\/([^/]+)(\/.*)$/.exec(rest);
  if (cdn) return CDN_HOSTS.includes(cdn[1]!) ? { target: { account: account.id, cdn: true }, upstream: `https://${cdn[1]}${cdn[2]}` } : { target: null, upstream: null };
  return { target: { account: account.id, cdn: false }, upstream: `${account.provider.adapter.defaultBaseUrl}${rest}` };
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
  const accounts = new Map((options.accounts ?? loadConfig({}).accounts).map((a) => [a.id, a]));
  const build = (faults: string | undefined) =>
    new Map(
      [...accounts.values()].map((a) => [
        a.id,
        createSimulator(a.provider, a.settings, { flowsPerChannel: options.flowsPerChannel, faults, expect: a.simulated ? undefined : a.settings }),
      ]),
    );
  let simulators = build(options.faults);
  let intercept: WireInterceptor | null = options.intercept ?? null;
  let origin = '';
  const cache = new Map<string, { until: number; status: number; headers: Record<string, string>; body: string }>();

  const rewrite = (text: string, account: AccountConfig) => {
    let out = text.replace(CDN_LINK, (_, host: string) => `${origin}/${account.id}/cdn/${host}/`);
    for (const host of account.provider.adapter.regionalBaseUrls) out = out.replaceAll(host, `${origin}/${account.id}`);
    return out;
  };

  /**
   * The "provider" changing a flow, for tests that drive the fake from another process:
   * `GET /__flow?account=&channel=[&flow=]` picks a flow (the first generated one with a
   * pretty-printed JSON, unless named) and `POST /__change?account=&channel=&flow=[&status=][&editJson=1]`
   * sets its status and/or rewords one label of its flow JSON. Both answer the flow and its JSON text.
   */
  const control = (path: string, method: string): { status: number; body: unknown } => {
    const q = new URL(path, 'http://fake').searchParams;
    const channel = simulators.get(q.get('account') ?? '')?.channels.find((c) => c.channelId === q.get('channel'));
    const id = q.get('flow');
    const flow = id ? channel?.byId.get(id) : channel?.flows.find((f) => f.json === 'ok' && !f.verbatimJson && !f.verbatimDetails && !f.minified && f.status !== 'BLOCKED');
    if (!flow) return { status: 404, body: { message: 'No such account, channel or flow in the fake upstream.' } };
    if (path.startsWith('/__change?')) {
      if (method !== 'POST') return { status: 405, body: { message: 'POST /__change' } };
      const status = q.get('status');
      if (status) flow.status = status;
      if (q.get('editJson') === '1') editFlowJson(flow);
    }
    return { status: 200, body: { id: flow.id, name: flow.name, status: flow.status, json: flowDocument(flow).text } };
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const path = req.url ?? '/';
    const { target, upstream } = targetOf(path, accounts);
    const recorded: RecordedRequest = { method: req.method ?? 'GET', path, headers: { ...req.headers }, target, receivedAt: Date.now() };
    if (options.record !== false) requests.push(recorded);
    options.onRequest?.(recorded);
    res.on('close', () => {
      recorded.status ??= res.writableFinished ? res.statusCode : 0;
    });

    if (intercept && (await intercept(req, res, recorded))) return;
    if (path.startsWith('/__flow?') || path.startsWith('/__change?')) {
      const answer = control(path, req.method ?? 'GET');
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
      return;
    }
    if (!upstream || !target) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ message: `The fake upstream has no route for ${path}` }));
      return;
    }

    const cacheKey = `${req.method} ${path} ${JSON.stringify(req.headers)}`;
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
      // Where the request was really sent: a signature over the host and path (SigV4) is checked against these.
      const headers = requestHeaders(req);
      if (!target.cdn) {
        headers.set('x-forwarded-host', req.headers.host ?? '');
        headers.set('x-forwarded-prefix', `/${target.account}`);
      }
      response = await simulators.get(target.account)!.fetch(upstream, { method: req.method, headers, signal: abort.signal });
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
      const body = rewrite(await response.text(), accounts.get(target.account)!);
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
    simulator: (accountId) => {
      const simulator = simulators.get(accountId);
      if (!simulator) throw new Error(`The fake upstream serves no account "${accountId}".`);
      return simulator;
    },
    baseUrl: (accountId) => `${origin}/${accountId}`,
    setFaults(faults) {
      simulators = build(faults);
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
