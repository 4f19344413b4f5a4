/**
 * The proxy's API, the only door from the browser to the providers. Every route validates its
 * ids before anything is forwarded, answers in the shared model, and fails with a Problem.
 */
import { Hono, type Context } from 'hono';
import type { ChannelRef, FlowDetail } from '../src/model/flow';
import type { AccountRuntime } from './accounts';
import type { AccountGate } from './auth';
import { downloadFlowJson } from './flow-json/download';
import { invalidRequest, problem, type ProblemResult } from './problems';
import { getFromProvider, type ProviderClient } from './upstream';

export interface ProxyContext {
  accounts: Map<string, AccountRuntime>;
  flowAssetHosts: string[];
  flowJsonTimeoutMs: number;
  /** Access per account (server/auth): filters the account list and guards every account route. Absent: every account (the proxy alone, in tests). */
  accountGate?: AccountGate;
}

const CURSOR = /^[A-Za-z0-9+/=_-]{1,512}$/;

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

function parseWith<T>(client: ProviderClient, body: unknown, parse: (b: unknown) => T): T | ProblemResult {
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

const isProblem = (value: unknown): value is ProblemResult =>
  typeof value === 'object' && value !== null && 'problem' in value && 'status' in value;

async function fetchDetail(client: ProviderClient, ref: ChannelRef, flowId: string) {
  const result = await getFromProvider(client, client.adapter.getFlow(client.account, ref.channelId, flowId));
  if (!result.ok) return result;
  return parseWith(client, result.body, (b) => client.adapter.parseFlow(b));
}

/** The flow JSON link: from the details, or from the assets call where the details lack it. */
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

export function createProxy(ctx: ProxyContext): Hono {
  const api = new Hono();
  api.use('*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });

  // [auth] Only the user's accounts are listed; every route of an account checks access first (403, no provider call).
  const visible = (c: Context) => [...ctx.accounts.values()].filter((a) => ctx.accountGate?.visible(c, a.config.id) ?? true);
  if (ctx.accountGate) api.use('/accounts/:accountId/*', ctx.accountGate.guard);

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
    const result = await getFromProvider(client, client.adapter.listFlows(client.account, ref.channelId, cursor));
    if (!result.ok) return send(c, result);
    const page = parseWith(client, result.body, (b) => client.adapter.parseFlowPage(b));
    return isProblem(page) ? send(c, page) : c.json(page);
  });

  api.get(FLOW, async (c) => {
    const resolved = resolveFlow(ctx, c.req.param());
    if (isProblem(resolved)) return send(c, resolved);
    const detail = await fetchDetail(resolved.client, resolved.ref, resolved.flowId);
    return isProblem(detail) ? send(c, detail) : c.json(detail.flow satisfies FlowDetail);
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
    const { client, ref, flowId } = resolved;

    // Signed CDN links expire: when the first one has, ask the provider for a fresh one, once.
    for (let attempt = 0; attempt < 2; attempt++) {
      const url = await fetchFlowJsonUrl(client, ref, flowId);
      if (isProblem(url)) return send(c, url);
      if (!url) {
        return send(c, problem(404, { kind: 'no_flow_json', provider: client.adapter.id, message: `${client.adapter.label} gives no flow JSON link for this flow: it may never have had a flow JSON uploaded.` }));
      }
      const download = await downloadFlowJson(url, {
        extraHosts: ctx.flowAssetHosts,
        fetch: client.simulated ? client.fetch : undefined,
        timeoutMs: ctx.flowJsonTimeoutMs,
        signal: c.req.raw.signal,
      });
      if (download.ok) {
        c.header('Content-Type', 'text/plain; charset=utf-8');
        c.header('X-Flow-Json-Bytes', String(download.bytes));
        return c.body(download.text);
      }
      if (download.kind === 'json_url_expired' && attempt === 0) continue;
      const message =
        download.kind === 'json_url_expired'
          ? `The flow JSON link from ${client.adapter.label} had expired, and the fresh link it gave also failed (HTTP ${download.upstreamStatus ?? '?'}). Try again later, or ask ${client.adapter.label} to check the flow's assets.`
          : download.message;
      return send(c, problem(download.status, { kind: download.kind, provider: client.adapter.id, upstreamStatus: download.upstreamStatus, message }));
    }
    throw new Error('unreachable');
  });

  // A catch-all route rather than notFound(): a mounted sub-app's notFound is never called, so
  // unknown /api paths fell through to the host app (the SPA's index.html in production).
  api.all('*', (c) => send(c, problem(404, { kind: 'not_found', message: `No API route ${c.req.method} ${c.req.path}.` })));
  api.onError((error, c) => {
    console.error('proxy error:', error instanceof Error ? error.message : 'unknown error');
    return send(c, problem(500, { kind: 'internal', message: 'Flow Desk hit an internal error. Try again; if it persists, check the server log.' }));
  });
  return api;
}
