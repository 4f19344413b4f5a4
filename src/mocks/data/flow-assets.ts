/**
 * The flow JSON each simulated flow serves from the simulated Meta CDN, and the signed,
 * expiring URLs the providers hand out for it.
 */
import { buildFlowDocument, type SimulatedPosition } from './flow-json/documents';
import type { SimFlow } from './world';

export const SEED_8X8_JSON_URL = 'https://mmg.whatsapp.net/m1/v/t24/An-a1LjKk34-zpvJMd&_nc_sid=471';
const URL_LIFETIME_MS = 60 * 60 * 1000;

const documents = new WeakMap<SimFlow, { text: string; positions: (SimulatedPosition | null)[] }>();

export function flowDocument(flow: SimFlow) {
  let doc = documents.get(flow);
  if (!doc) {
    doc = flow.verbatimJson
      ? { text: flow.verbatimJson, positions: [] }
      : buildFlowDocument(flow.template, flow.minified, flow.errors);
    documents.set(flow, doc);
  }
  return doc;
}

/** Validation errors as Meta reports them, at their real positions in the served text. */
export function plantedErrors(flow: SimFlow) {
  const { positions } = flowDocument(flow);
  return flow.errors.map((e, i) => ({ ...e, position: positions[i] ?? null }));
}

/** An asset URL in the shape of Meta's CDN links; `oe` is the expiry (hex epoch seconds), as on real ones. */
export function assetUrl(provider: '8x8' | 'kaleyra', channelId: string, flow: SimFlow, now = Date.now()): string {
  if (provider === '8x8' && flow.verbatimJson) return SEED_8X8_JSON_URL;
  const expires = flow.json === 'expired' ? now - URL_LIFETIME_MS : now + URL_LIFETIME_MS;
  const token = btoa(`${provider}:${channelId}:${flow.id}`).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  const oe = Math.floor(expires / 1000).toString(16);
  return provider === '8x8'
    ? `https://mmg.whatsapp.net/m1/v/t24/${token}?_nc_sid=471&oe=${oe}`
    : `https://scontent.xx.fbcdn.net/m1/v/t0.57323-24/${token}?_nc_sid=8b3546&oe=${oe}`;
}

export function parseAssetToken(token: string): { provider: string; channelId: string; flowId: string } | null {
  try {
    const [provider, channelId, flowId] = atob(token.replace(/-/g, '+').replace(/_/g, '/')).split(':');
    return provider && channelId && flowId ? { provider, channelId, flowId } : null;
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
