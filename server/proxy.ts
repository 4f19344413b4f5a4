/**
 * The proxy's API, the only door from the browser to the providers. Every route validates its
 * ids before anything is forwarded, answers in the shared model, and fails with a Problem.
 */
import { Hono, type Context } from 'hono';
import type { ChannelInfo, ChannelRef, FlowDetail } from '../src/model/flow';
import { adapterFor } from '../src/providers/registry';
import { downloadFlowJson } from './flow-json/download';
import { flowJsonBody, sharedDownload } from './flow-json/shared-download';
import { invalidRequest, problem, type ProblemResult } from './problems';
import { getFromProvider, type ProviderClient } from './upstream';

export interface ProxyContext {
  clients: Map<string, ProviderClient>;
  channels: ChannelInfo[];
  flowAssetHosts: string[];
  flowJsonTimeoutMs: number;
}

const CURSOR = /^[A-Za-z0-9+/=_-]{1,512}$/;

interface ResolvedChannel {
  client: ProviderClient;
  ref: ChannelRef;
}

function resolveChannel(ctx: ProxyContext, provider: string, accountId: string, channelId: string): ResolvedChannel | ProblemResult {
  const adapter = adapterFor(provider);
  const client = adapter && ctx.clients.get(adapter.id);
  if (!adapter || !client) return problem(404, { kind: 'not_found', message: `There is no provider "${provider.slice(0, 40)}" in Flow Desk.` });
  const invalid = adapter.validateChannel({ accountId, channelId });
  if (invalid) return invalidRequest(invalid, adapter.id);
  return { client, ref: { provider: adapter.id, accountId, channelId } };
}

/** The channel and a validated flow id from a flow route's parameters. */
function resolveFlow(ctx: ProxyContext, params: Record<string, string>): (ResolvedChannel & { flowId: string }) | ProblemResult {
  const resolved = resolveChannel(ctx, params.provider ?? '', params.accountId ?? '', params.channelId ?? '');
  if (isProblem(resolved)) return resolved;
  const flowId = params.flowId ?? '';
  const invalid = resolved.client.adapter.validateFlowId(flowId);
  return invalid ? invalidRequest(invalid, resolved.ref.provider) : { ...resolved, flowId };
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
  const result = await getFromProvider(client, client.adapter.getFlow(ref, flowId));
  if (!result.ok) return result;
  return parseWith(client, result.body, (b) => client.adapter.parseFlow(b));
}

/** The flow JSON link: from the details (8x8) or the assets call (Kaleyra). */
async function fetchFlowJsonUrl(client: ProviderClient, ref: ChannelRef, flowId: string): Promise<string | null | ProblemResult> {
  const assets = client.adapter.flowJsonAssets;
  if (assets) {
    const result = await getFromProvider(client, assets.request(ref, flowId));
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

  api.get('/channels', (c) => c.json(ctx.channels));

  api.get('/flows/:provider/:accountId/:channelId', async (c) => {
    const { provider, accountId, channelId } = c.req.param();
    const resolved = resolveChannel(ctx, provider, accountId, channelId);
    if (isProblem(resolved)) return send(c, resolved);
    const cursor = c.req.query('after');
    if (cursor !== undefined && !CURSOR.test(cursor)) return send(c, invalidRequest('The page cursor is not valid.', resolved.ref.provider));
    const { client, ref } = resolved;
    const result = await getFromProvider(client, client.adapter.listFlows(ref, cursor));
    if (!result.ok) return send(c, result);
    const page = parseWith(client, result.body, (b) => client.adapter.parseFlowPage(b));
    return isProblem(page) ? send(c, page) : c.json(page);
  });

  api.get('/flows/:provider/:accountId/:channelId/:flowId', async (c) => {
    const resolved = resolveFlow(ctx, c.req.param());
    if (isProblem(resolved)) return send(c, resolved);
    const detail = await fetchDetail(resolved.client, resolved.ref, resolved.flowId);
    return isProblem(detail) ? send(c, detail) : c.json(detail.flow satisfies FlowDetail);
  });

  api.get('/flows/:provider/:accountId/:channelId/:flowId/preview', async (c) => {
    const resolved = resolveFlow(ctx, c.req.param());
    if (isProblem(resolved)) return send(c, resolved);
    const { client, ref, flowId } = resolved;
    const call = client.adapter.previewCall;
    if (!call) return send(c, problem(404, { kind: 'not_found', provider: ref.provider, message: `${client.adapter.label} has no separate preview call; its flow details carry the preview link when there is one.` }));
    const result = await getFromProvider(client, call.request(ref, flowId));
    if (!result.ok) return send(c, result);
    const preview = parseWith(client, result.body, (b) => call.parse(b));
    return isProblem(preview) ? send(c, preview) : c.json(preview);
  });

  api.get('/flows/:provider/:accountId/:channelId/:flowId/json', async (c) => {
    const resolved = resolveFlow(ctx, c.req.param());
    if (isProblem(resolved)) return send(c, resolved);
    const { client, ref, flowId } = resolved;

    // Signed CDN links expire: when the first one has, ask the provider for a fresh one, once.
    for (let attempt = 0; attempt < 2; attempt++) {
      const url = await fetchFlowJsonUrl(client, ref, flowId);
      if (isProblem(url)) return send(c, url);
      if (!url) {
        return send(c, problem(404, { kind: 'no_flow_json', provider: ref.provider, message: `${client.adapter.label} gives no flow JSON link for this flow: it may never have had a flow JSON uploaded.` }));
      }
      const download = await sharedDownload(ctx, `${ref.provider}/${ref.accountId}/${ref.channelId}/${flowId} ${url}`, (signal) =>
        downloadFlowJson(url, { extraHosts: ctx.flowAssetHosts, fetch: client.simulated ? client.fetch : undefined, timeoutMs: ctx.flowJsonTimeoutMs, signal }), c.req.raw.signal);
      if (isProblem(download)) return send(c, download);
      if (download.ok) {
        c.header('Content-Type', 'text/plain; charset=utf-8');
        c.header('X-Flow-Json-Bytes', String(download.bytes));
        return c.body(flowJsonBody(ctx, download.body));
      }
      if (download.kind === 'json_url_expired' && attempt === 0) continue;
      const message =
        download.kind === 'json_url_expired'
          ? `The flow JSON link from ${client.adapter.label} had expired, and the fresh link it gave also failed (HTTP ${download.upstreamStatus ?? '?'}). Try again later, or ask ${client.adapter.label} to check the flow's assets.`
          : download.message;
      return send(c, problem(download.status, { kind: download.kind, provider: ref.provider, upstreamStatus: download.upstreamStatus, message }));
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
