/**
 * The flow JSON each simulated flow serves from the simulated Meta CDN, and the signed,
 * expiring URLs the providers hand out for it.
 */
import { delay, HttpResponse } from 'msw';
import { buildFlowDocument, type SimulatedPosition } from './flow-json/documents';
import type { SimFlow } from './world';

const URL_LIFETIME_MS = 60 * 60 * 1000;
/** The CDN hosts of Meta's flow JSON links, and the path each serves them under. */
export const CDN_ROUTES = [
  { host: 'mmg.whatsapp.net', path: '/m1/v/t24/', sid: '471a72' },
  { host: 'scontent.xx.fbcdn.net', path: '/m1/v/t0.57323-24/', sid: '8b3546' },
] as const;

const documents = new WeakMap<SimFlow, { revision: number; text: string; positions: (SimulatedPosition | null)[] }>();

export function flowDocument(flow: SimFlow) {
  const revision = flow.jsonRevision ?? 0;
  let doc = documents.get(flow);
  if (!doc || doc.revision !== revision) {
    doc = { revision, ...(flow.verbatimJson ? { text: flow.verbatimJson, positions: [] } : buildFlowDocument(flow.document ?? flow.template, flow.minified, flow.errors, revision)) };
    documents.set(flow, doc);
  }
  return doc;
}

/** Validation errors as Meta reports them, at their real positions in the served text. */
export function plantedErrors(flow: SimFlow) {
  const { positions } = flowDocument(flow);
  return flow.errors.map((e, i) => ({ ...e, position: positions[i] ?? null }));
}

const toBase64Url = (text: string) => btoa(text).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');

/**
 * An asset URL in the shape of Meta's CDN links; `oe` is the expiry (hex epoch seconds), as on
 * real ones. `cdn` picks the host (providers' samples show both).
 */
export function assetUrl(channelId: string, flow: SimFlow, cdn: 0 | 1 = 0, now = Date.now()): string {
  if (flow.verbatimJsonUrl) return flow.verbatimJsonUrl;
  const expires = flow.json === 'expired' ? now - URL_LIFETIME_MS : now + URL_LIFETIME_MS;
  const route = CDN_ROUTES[cdn];
  const oe = Math.floor(expires / 1000).toString(16);
  return `https://${route.host}${route.path}${toBase64Url(`${channelId}:${flow.id}`)}?_nc_sid=${route.sid}&oe=${oe}`;
}

export function parseAssetToken(token: string): { channelId: string; flowId: string } | null {
  try {
    // Split at the last colon: a channel id may hold colons (an ARN), a flow id never does.
    const text = atob(token.replace(/-/g, '+').replace(/_/g, '/'));
    const at = text.lastIndexOf(':');
    const channelId = text.slice(0, Math.max(at, 0));
    const flowId = at < 0 ? '' : text.slice(at + 1);
    return channelId && flowId ? { channelId, flowId } : null;
  } catch {
    return null;
  }
}

/** Over Meta's 10 MB cap, built once on demand. */
let hugeDocument: string | undefined;
export function oversizedDocument(): string {
  hugeDocument ??= JSON.stringify({
    version: '5.0',
    screens: Array.from({ length: 2200 }, (_, i) => ({ id: `SCREEN_${i}`, title: 'x'.repeat(5000), layout: { type: 'SingleColumnLayout', children: [] } })),
  });
  return hugeDocument;
}

/** A flow's JSON as served (CDN or provider API): its text, or the broken, oversized or slow answer its state asks for. */
export async function flowJsonResponse(flow: SimFlow, contentType: string): Promise<HttpResponse<string>> {
  const headers = { 'Content-Type': contentType };
  switch (flow.json) {
    case 'not-json':
      return new HttpResponse('{"version": "5.0", "screens": [ { "id": "BROKEN", "title": "Oops" ', { headers });
    case 'huge':
      return new HttpResponse(oversizedDocument(), { headers });
    case 'slow':
      await delay(30_000);
      break;
  }
  return new HttpResponse(flowDocument(flow).text, { headers });
}
