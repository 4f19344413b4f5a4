/**
 * The proxy's API, the only door from the browser to the providers. Every route validates its
 * ids before anything is forwarded, answers in the shared model, and fails with a Problem.
 */
import { createHash } from 'node:crypto';
import { Hono, type Context } from 'hono';
import type { ChannelRef, FlowDetail, FlowPage } from '../src/model/flow';
import { searchFromParams } from '../src/model/search';
import type { AccountRuntime } from './accounts';
import type { FlowIndex } from './app';
import { allowedAccountIds, canSeeAccount } from './auth/viewer';
import { downloadFlowJson, redactDownload } from './flow-json/download';
import { flowJsonBody, sharedDownload } from './flow-json/shared-download';
import { createHistoryRoutes } from './history-routes';
import { eventLogOf } from './log';
import { redactorFor } from './redact';
import type { HistorySource } from './store/history';
import { invalidRequest, problem, type ProblemResult } from './problems';
import { clockOf } from './http/clock';
import { getFromProvider, getTextFromProvider, type ProviderClient } from './upstream';

export interface ProxyContext {
  accounts: Map<string, AccountRuntime>;
  /** The flow index and its sync, when the server has a database. */
  index?: FlowIndex;
  flowAssetHosts: string[];
  flowJsonTimeoutMs: number;
  /** The clock history is recorded with (tests inject one). */
  now?: () => number;
}

/** A page cursor: base64(url) characters; up to 1,024 (an opaque 600-character page token, base64url-encoded by its adapter). */
const CURSOR = /^[A-Za-z0-9+/=_-]{1,1024}$/;
/** How many pages of a channel's list Flow Desk reads to find one flow's list item. */
const MAX_LIST_PAGES_FOR_ONE_FLOW = 20;

interface ResolvedChannel {
  client: ProviderClient;
  ref: ChannelRef;
}

/**
 * The account and a validated channel id from a route's parameters. Any channel id valid for the
 * provider is accepted, configured or not: support staff look up customers' channels by id.
 */
function resolveChannel(ctx: ProxyContext, accountId: string, channelId: string): ResolvedChannel | ProblemResult {
  const account = ctx.accounts.get(accountId);
  if (!account) return problem(404, { kind: 'not_found', message: `There is no account "${accountId.slice(0, 40)}" in Flow Desk.` });
  const { client } = account;
  const invalid = client.adapter.validateChannelId(channelId);
  if (invalid) return invalidRequest(invalid, client.adapter.id);
  return { client, ref: { accountId, channelId } };
}

/** The channel and a validated flow id from a flow route's parameters. */
function resolveFlow(ctx: ProxyContext, params: Record<string, string>): (ResolvedChannel & { flowId: string }) | ProblemResult {
  const resolved = resolveChannel(ctx, params.accountId ?? '', params.channelId ?? '');
  if (isProblem(resolved)) return resolved;
  const flowId = params.flowId ?? '';
  const invalid = resolved.client.adapter.validateFlowId(flowId);
  return invalid ? invalidRequest(invalid, resolved.client.adapter.id) : { ...resolved, flowId };
}

function send(c: Context, result: ProblemResult) {
  if (result.problem.retryAfterSeconds != null) c.header('Retry-After', String(result.problem.retryAfterSeconds));
  return c.json({ problem: result.problem }, result.status as 400);
}

export function parseWith<T>(client: ProviderClient, body: unknown, parse: (b: unknown) => T): T | ProblemResult {
  try {
    return parse(body);
  } catch (error) {
    const issue = (error as { issues?: { path: PropertyKey[]; message: string }[] }).issues?.[0];
    const where = issue ? ` (${issue.path.join('.') || 'top level'}: ${issue.message})` : '';
    return problem(502, {
      kind: 'bad_response',
      provider: client.adapter.id,
      message: `${client.adapter.label} answered in an unexpected shape${where}. Its API may have changed.`,
    });
  }
}

export const isProblem = (value: unknown): value is ProblemResult =>
  typeof value === 'object' && value !== null && 'problem' in value && 'status' in value;

type Detail = { flow: FlowDetail; flowJsonUrl: string | null };

/**
 * A flow's details: from the provider's details call, combined with its list item where the
 * adapter asks for it (details that lack or mangle a field the list has, or no details call at all).
 */
export async function fetchDetail(client: ProviderClient, ref: ChannelRef, flowId: string): Promise<Detail | ProblemResult> {
  const detail = await fetchDetailOnce(client, ref, flowId);
  // The link it gives serves a JSON download that follows (the sync's, or the agent's) without another call.
  if (!isProblem(detail) && detail.flowJsonUrl && !client.adapter.flowJsonAssets) rememberJsonLink(client, ref, flowId, detail.flowJsonUrl);
  return detail;
}

async function fetchDetailOnce(client: ProviderClient, ref: ChannelRef, flowId: string): Promise<Detail | ProblemResult> {
  const { adapter } = client;
  let details: Detail | null = null;
  if (adapter.getFlow && adapter.parseFlow) {
    const parseFlow = adapter.parseFlow;
    const result = await getFromProvider(client, adapter.getFlow(client.account, ref.channelId, flowId));
    if (!result.ok) return result;
    const parsed = parseWith(client, result.body, (b) => parseFlow(b));
    if (isProblem(parsed)) return parsed;
    details = parsed;
  }
  if (!adapter.detailFromList) {
    if (details) return details;
    throw new Error(`Provider ${adapter.id} has neither a details call nor detailFromList.`);
  }
  const fromList = await findInList(client, ref, flowId, details?.flow ?? null);
  // Details without the list's fields still beat no details at all.
  if (isProblem(fromList)) return details ?? fromList;
  if (fromList) return { flow: fromList, flowJsonUrl: details?.flowJsonUrl ?? null };
  return (
    details ??
    problem(404, { kind: 'not_found', provider: adapter.id, message: `${adapter.label} does not list a flow ${flowId} in ${adapter.channelLabel.toLowerCase()} ${ref.channelId}. Check the ids.` })
  );
}

/** The flow's detail built from its item in the channel's list (following pages), or null when the list lacks it. */
async function findInList(client: ProviderClient, ref: ChannelRef, flowId: string, details: FlowDetail | null): Promise<FlowDetail | null | ProblemResult> {
  const { adapter } = client;
  let cursor: string | undefined;
  for (let page = 0; page < MAX_LIST_PAGES_FOR_ONE_FLOW; page++) {
    const result = await getFromProvider(client, adapter.listFlows(client.account, ref.channelId, cursor));
    if (!result.ok) return result;
    const found = parseWith(client, result.body, (b) => adapter.detailFromList!(b, flowId, details));
    if (found !== null) return found;
    const next = parseWith(client, result.body, (b) => adapter.parseFlowPage(b).next);
    if (isProblem(next)) return next;
    if (!next) return null;
    cursor = next;
  }
  return null;
}

/** The flow JSON link: from the details, or from the assets call where the details lack it. */
/**
 * A flow's JSON link is reused for a few seconds: a crowd opening one flow's JSON (a link shared
 * in a team channel) costs one provider call, not one per agent, and the downloads it starts are
 * shared. A link that turns out to have expired is asked for afresh (`fresh`).
 */
const JSON_LINK_REUSE_MS = 5_000;
const MAX_REUSED_JSON_LINKS = 1_000;
const recentJsonLinks = new WeakMap<ProviderClient, Map<string, { at: number; link: Promise<string | null | ProblemResult> }>>();

function linksOf(client: ProviderClient) {
  let links = recentJsonLinks.get(client);
  if (!links) recentJsonLinks.set(client, (links = new Map()));
  const now = clockOf(client).now();
  for (const [k, entry] of links) if (now - entry.at >= JSON_LINK_REUSE_MS || links.size >= MAX_REUSED_JSON_LINKS) links.delete(k);
  return { links, now };
}

function rememberJsonLink(client: ProviderClient, ref: ChannelRef, flowId: string, url: string): void {
  const { links, now } = linksOf(client);
  links.set(`${ref.channelId}/${flowId}`, { at: now, link: Promise.resolve(url) });
}

function flowJsonLink(client: ProviderClient, ref: ChannelRef, flowId: string, fresh: boolean): Promise<string | null | ProblemResult> {
  const { links, now } = linksOf(client);
  const key = `${ref.channelId}/${flowId}`;
  const recent = links.get(key);
  if (recent && !fresh && now - recent.at < JSON_LINK_REUSE_MS) return recent.link;
  const link = fetchFlowJsonUrl(client, ref, flowId);
  links.set(key, { at: now, link });
  // Only links are reused; a problem (the provider failing) is asked again next time.
  const forget = () => {
    if (links.get(key)?.link === link) links.delete(key);
  };
  link.then((result) => (result !== null && typeof result !== 'string' ? forget() : undefined), forget);
  return link;
}

async function fetchFlowJsonUrl(client: ProviderClient, ref: ChannelRef, flowId: string): Promise<string | null | ProblemResult> {
  const assets = client.adapter.flowJsonAssets;
  if (assets) {
    const result = await getFromProvider(client, assets.request(client.account, ref.channelId, flowId));
    if (!result.ok) return result;
    return parseWith(client, result.body, (b) => assets.parse(b));
  }
  const detail = await fetchDetail(client, ref, flowId);
  return isProblem(detail) ? detail : detail.flowJsonUrl;
}

/** Index pages are this long; their cursor is `ix<offset>`. */
const INDEX_PAGE = 5000;

const noIndex = () => problem(503, { kind: 'internal', message: 'This Flow Desk server runs without its flow index (no database).' });

/** A page of the channel from the index, or null when the index has never listed it (or is down). */
async function indexedPage(ctx: ProxyContext, ref: ChannelRef, cursor: string | undefined): Promise<FlowPage | null> {
  if (!ctx.index || (cursor !== undefined && !/^ix\d{1,9}$/.test(cursor))) return null;
  try {
    const state = await ctx.index.store.channelState(ref);
    if (!state.indexed) return null;
    const offset = cursor ? Number(cursor.slice(2)) : 0;
    const { flows, total } = await ctx.index.store.channelFlows(ref, offset, INDEX_PAGE);
    const next = offset + flows.length < total ? `ix${offset + flows.length}` : undefined;
    return { flows, ...(next ? { next } : {}), index: { asOf: state.asOf, sync: state.sync } };
  } catch {
    return null;
  }
}

/**
 * A flow's JSON: from the provider's own API (signed like every call, never sent to a CDN host),
 * or downloaded from the link the provider gives (shared with identical downloads under way; an
 * expired signed link is asked for again, once).
 */
/** A flow's JSON as served, and its recording in the index and the flow's history (settles, never rejects). */
export interface LoadedFlowJson {
  body: string | Uint8Array;
  bytes: number;
  recorded: Promise<{ written: number } | null>;
}

const recordings = new WeakMap<object, Promise<{ written: number } | null>>();

export async function loadFlowJson(
  ctx: ProxyContext,
  client: ProviderClient,
  ref: ChannelRef,
  flowId: string,
  signal: AbortSignal,
  source: HistorySource,
): Promise<LoadedFlowJson | ProblemResult> {
  const own = client.adapter.flowJson;
  if (own) {
    const result = await getTextFromProvider(client, own.request(client.account, ref.channelId, flowId), { timeoutMs: ctx.flowJsonTimeoutMs });
    if (!result.ok) return result;
    const text = redactorFor(client, client.secrets)(result.text);
    return { body: text, bytes: Buffer.byteLength(text), recorded: recordFlowJson(ctx, client, ref, flowId, text, source).catch(() => null) };
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    const url = await flowJsonLink(client, ref, flowId, attempt > 0);
    if (isProblem(url)) return url;
    if (!url) {
      return problem(404, { kind: 'no_flow_json', provider: client.adapter.id, message: `${client.adapter.label} gives no flow JSON link for this flow: it may never have had a flow JSON uploaded.` });
    }
    const download = await sharedDownload(ctx, `${ref.accountId}/${ref.channelId}/${flowId} ${url}`, (s) =>
      downloadFlowJson(url, { extraHosts: ctx.flowAssetHosts, fetch: client.simulated ? client.fetch : undefined, timeoutMs: ctx.flowJsonTimeoutMs, signal: s }).then((result) => {
        const redacted = redactDownload(result, redactorFor(client, client.secrets));
        // Recorded once per shared download, not once per agent waiting on it.
        if (redacted.ok) recordings.set(redacted, recordFlowJson(ctx, client, ref, flowId, redacted.body, source).catch(() => null));
        return redacted;
      }), signal);
    if (isProblem(download)) return download;
    if (download.ok) return { body: download.body, bytes: download.bytes, recorded: recordings.get(download) ?? Promise.resolve(null) };
    if (download.kind === 'json_url_expired' && attempt === 0) continue;
    const message =
      download.kind === 'json_url_expired'
        ? `The flow JSON link from ${client.adapter.label} had expired, and the fresh link it gave also failed (HTTP ${download.upstreamStatus ?? '?'}). Try again later, or ask ${client.adapter.label} to check the flow's assets.`
        : download.message;
    return problem(download.status, { kind: download.kind, provider: client.adapter.id, upstreamStatus: download.upstreamStatus, message });
  }
  throw new Error('unreachable');
}

/** Stores a downloaded flow JSON in the index (text once per sha256) and the flow's history. */
async function recordFlowJson(ctx: ProxyContext, client: ProviderClient, ref: ChannelRef, flowId: string, body: string | Uint8Array, source: HistorySource): Promise<{ written: number } | null> {
  if (!ctx.index) return null;
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const text = typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  const recorded = await ctx.index.store.recordJson(ref, flowId, sha256, text, new Date(ctx.now?.() ?? Date.now()).toISOString(), source, client.adapter.id);
  // A new version: its one-click comparisons (with the one before, …) are prepared now, off the request.
  if (recorded.previous) ctx.index.diffs.prepareLatest(ref, flowId);
  return recorded;
}

export function createProxy(ctx: ProxyContext): Hono {
  const api = new Hono();
  api.use('*', async (c, next) => {
    await next();
    // Unless the route says otherwise (a stored flow JSON version, immutable, named by its sha256).
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  });

  // [auth] Only the user's accounts are listed (every route of an account is guarded before it
  // reaches this app: server/app.ts).
  const visible = (c: Context) => [...ctx.accounts.values()].filter((a) => canSeeAccount(c, a.config.id));

  api.get('/accounts', async (c) => c.json(await Promise.all(visible(c).map((a) => a.info()))));

  const CHANNEL = '/accounts/:accountId/channels/:channelId/flows';
  const FLOW = `${CHANNEL}/:flowId`;

  api.get(CHANNEL, async (c) => {
    const { accountId, channelId } = c.req.param();
    const resolved = resolveChannel(ctx, accountId, channelId);
    if (isProblem(resolved)) return send(c, resolved);
    const { client, ref } = resolved;
    const cursor = c.req.query('after');
    if (cursor !== undefined && !CURSOR.test(cursor)) return send(c, invalidRequest('The page cursor is not valid.', client.adapter.id));
    // From the index once the channel has been listed there (complete details, and still there
    // when the provider is not answering); live from the provider until then.
    const indexed = await indexedPage(ctx, ref, cursor);
    if (indexed) return c.json(indexed);
    const result = await getFromProvider(client, client.adapter.listFlows(client.account, ref.channelId, cursor));
    if (!result.ok) return send(c, result);
    const page = parseWith(client, result.body, (b) => client.adapter.parseFlowPage(b));
    if (isProblem(page)) return send(c, page);
    const state = ctx.index && !cursor ? await ctx.index.store.channelState(ref).catch(() => null) : null;
    return c.json(state ? { ...page, index: { asOf: state.asOf, sync: state.sync } } : page);
  });

  api.post('/accounts/:accountId/channels/:channelId/sync', async (c) => {
    const { accountId, channelId } = c.req.param();
    const resolved = resolveChannel(ctx, accountId, channelId);
    if (isProblem(resolved)) return send(c, resolved);
    if (!ctx.index) return send(c, noIndex());
    // Started here, finished in the background: the lists show its progress.
    void ctx.index.syncer.syncNow(accountId, channelId);
    return c.json({ started: true }, 202);
  });

  api.get('/search', async (c) => {
    if (!ctx.index) return send(c, noIndex());
    try {
      return c.json(await ctx.index.fleet.search(searchFromParams(new URL(c.req.url).searchParams), allowedAccountIds(c)));
    } catch {
      return send(c, problem(503, { kind: 'internal', message: 'The flow index is not answering (its database may be down). Lists and flows still open live from the providers.' }));
    }
  });

  api.get(FLOW, async (c) => {
    const resolved = resolveFlow(ctx, c.req.param());
    if (isProblem(resolved)) return send(c, resolved);
    const detail = await fetchDetail(resolved.client, resolved.ref, resolved.flowId);
    if (isProblem(detail)) return send(c, detail);
    // A live read keeps the index fresh too; the index being down never fails the read.
    void ctx.index?.store.recordDetail(resolved.ref, resolved.client.adapter.id, detail.flow, new Date(ctx.now?.() ?? Date.now()).toISOString(), 'live').catch(() => {});
    return c.json(detail.flow satisfies FlowDetail);
  });

  api.get(`${FLOW}/preview`, async (c) => {
    const resolved = resolveFlow(ctx, c.req.param());
    if (isProblem(resolved)) return send(c, resolved);
    const { client, ref, flowId } = resolved;
    const call = client.adapter.previewCall;
    if (!call) return send(c, problem(404, { kind: 'not_found', provider: client.adapter.id, message: `${client.adapter.label} has no separate preview call; its flow details carry the preview link when there is one.` }));
    const result = await getFromProvider(client, call.request(client.account, ref.channelId, flowId));
    if (!result.ok) return send(c, result);
    const preview = parseWith(client, result.body, (b) => call.parse(b));
    return isProblem(preview) ? send(c, preview) : c.json(preview);
  });

  api.get(`${FLOW}/json`, async (c) => {
    const resolved = resolveFlow(ctx, c.req.param());
    if (isProblem(resolved)) return send(c, resolved);
    const loaded = await loadFlowJson(ctx, resolved.client, resolved.ref, resolved.flowId, c.req.raw.signal, 'live');
    if (isProblem(loaded)) return send(c, loaded);
    // The version the agent saw goes into the flow's history (loadFlowJson records it, once per
    // download); the index being down never fails the read.
    c.header('Content-Type', 'text/plain; charset=utf-8');
    c.header('X-Flow-Json-Bytes', String(loaded.bytes));
    if (typeof loaded.body === 'string') return c.body(loaded.body);
    // A client that stops reading is cut off (its buffer freed); the log says so under the request's id.
    return c.body(flowJsonBody(ctx, loaded.body, (reason) => eventLogOf(c)?.({ cutOff: reason, bytes: loaded.bytes }, 'flow JSON answer cut off')));
  });

  api.route('/', createHistoryRoutes(ctx, resolveFlow, send));

  // A catch-all route rather than notFound(): a mounted sub-app's notFound is never called, so
  // unknown /api paths fell through to the host app (the SPA's index.html in production).
  api.all('*', (c) => send(c, problem(404, { kind: 'not_found', message: `No API route ${c.req.method} ${c.req.path}.` })));
  api.onError((error, c) => {
    console.error('proxy error:', error instanceof Error ? error.message : 'unknown error');
    return send(c, problem(500, { kind: 'internal', message: 'Flow Desk hit an internal error. Try again; if it persists, check the server log.' }));
  });
  return api;
}
