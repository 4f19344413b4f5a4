import { z } from 'zod';
import type { ProviderAdapter } from '../types';
import { checkId, firstProblem } from '../ids';
import {
  flowJsonAssetUrl,
  graphAssets,
  graphFlow,
  graphFlowList,
  nextCursor,
  toFlowDetail,
  toFlowSummary,
} from '../graph/schemas';

const SID = /^[A-Za-z0-9]{4,64}$/;
// health_status is a Graph flow field; asking for it here spares a details call per row.
const LIST_FIELDS = 'id,name,status,categories,validation_errors,health_status';
const DETAIL_FIELDS = [
  'id',
  'name',
  'status',
  'categories',
  'validation_errors',
  'json_version',
  'data_api_version',
  'endpoint_uri',
  'whatsapp_business_account',
  'application',
  'health_status',
].join(',');
/** Graph's page size; the server may send fewer, and we follow `paging.next` regardless. */
const PAGE_SIZE = '1000';

/**
 * Kaleyra passes Meta's Graph objects through (research §2.4, [INF]); it may also wrap them in
 * its own `{code, message, data}` envelope, which we unwrap when present.
 */
function unwrap(body: unknown, isPayload: (inner: Record<string, unknown>) => boolean): unknown {
  if (body && typeof body === 'object' && !isPayload(body as Record<string, unknown>)) {
    const inner = (body as { data?: unknown }).data;
    if (inner && typeof inner === 'object' && !Array.isArray(inner)) return inner;
  }
  return body;
}
const isList = (b: Record<string, unknown>) => Array.isArray(b.data);
const isFlow = (b: Record<string, unknown>) => 'id' in b;

const errorBody = z.looseObject({
  code: z.union([z.string(), z.number()]).nullish(),
  message: z.string().nullish(),
  error: z.unknown().optional(),
});

const base = (sid: string) => `/v2/${sid}/whatsapp`;

export const kaleyra: ProviderAdapter = {
  id: 'kaleyra',
  label: 'Kaleyra',
  accountLabel: 'SID',
  channelLabel: 'WABA',
  capabilities: { health: true, listCarriesDetails: true },
  defaultBaseUrl: 'https://api.in.kaleyra.io',
  regionalBaseUrls: [
    'https://api.in.kaleyra.io',
    'https://api.kaleyra.io',
    'https://api.eu.kaleyra.io',
    'https://api.na.kaleyra.ai',
  ],
  rateLimit: null,
  authHeaders: (apiKey) => ({ 'api-key': apiKey }),
  validateChannel: ({ accountId, channelId }) =>
    firstProblem(checkId('SID', accountId, SID), checkId('WABA id', channelId)),
  validateFlowId: (flowId) => checkId('Flow id', flowId),
  listFlows: (ref, cursor) => ({
    path: `${base(ref.accountId)}/${ref.channelId}/flows`,
    query: { fields: LIST_FIELDS, limit: PAGE_SIZE, ...(cursor ? { after: cursor } : {}) },
  }),
  parseFlowPage: (body) => {
    const list = graphFlowList.parse(unwrap(body, isList));
    return { flows: list.data.map(toFlowSummary), next: nextCursor(list.paging) };
  },
  getFlow: (ref, flowId) => ({ path: `${base(ref.accountId)}/${flowId}`, query: { fields: DETAIL_FIELDS } }),
  // The details never carry the download link: it comes from the assets call.
  parseFlow: (body) => ({ flow: toFlowDetail(graphFlow.parse(unwrap(body, isFlow)), true), flowJsonUrl: null }),
  flowJsonAssets: {
    request: (ref, flowId) => ({ path: `${base(ref.accountId)}/${flowId}/assets` }),
    parse: (body) => flowJsonAssetUrl(graphAssets.parse(unwrap(body, isList))),
  },
  parseErrorBody: (body) => {
    const parsed = errorBody.safeParse(body);
    if (!parsed.success) return null;
    const { code, message, error } = parsed.data;
    const detail =
      error && typeof error === 'object'
        ? Object.values(error as Record<string, unknown>).filter((v) => typeof v === 'string').join('; ')
        : null;
    return {
      code: code ?? null,
      message: [message, detail && detail !== message ? detail : null].filter(Boolean).join(' — ') || null,
      errorId: null,
    };
  },
};
