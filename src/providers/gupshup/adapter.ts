/**
 * Gupshup's Partner API for WhatsApp Flows: one app (and its app token) per account. Gupshup
 * passes Meta's flow objects through (snake_case), but answers lists and assets as bare arrays
 * with no paging, and its details put its own `"status":"success"` where the flow's lifecycle
 * status belongs: the status is taken from the list item then. Errors are `{status:"error",message}`.
 */
import { z } from 'zod';
import { KNOWN_STATUSES, type FlowDetail } from '../../model/flow';
import { baseUrl, secret } from '../config-fields';
import { graphAssets, graphFlow, flowJsonAssetUrl, toFlowDetail, toFlowSummary } from '../graph/schemas';
import { checkId } from '../ids';
import type { AccountBase, ProviderAdapter } from '../types';

/** Gupshup app ids are UUIDs; accept any id of that alphabet, as Gupshup's docs give no pattern. */
const APP_ID = /^[A-Za-z0-9-]{1,64}$/;
const FLOW_ID = /^[0-9]{1,40}$/;

/** The details fields Gupshup documents for get-flow (`health_status` is not among them; `preview` comes from /preview). */
export const GUPSHUP_DETAIL_FIELDS = 'id,name,categories,status,validation_errors,json_version,data_api_version,endpoint_uri,whatsapp_business_account,application';

const flowList = z.array(graphFlow);
const assets = graphAssets.shape.data;
const preview = z.looseObject({
  id: z.union([z.string(), z.number()]).nullish(),
  preview: z.looseObject({ preview_url: z.string(), expires_at: z.string().nullish() }),
});
/** Gupshup's error envelope; its template docs also show the text under `data`. */
const errorBody = z.looseObject({ status: z.literal('error'), message: z.string().nullish(), data: z.string().nullish() });
/** Graph's "object does not exist" sentence, relayed by Gupshup with HTTP 400 for an unknown flow id. */
const UNKNOWN_OBJECT = /^Unsupported get request\. Object with ID '[^']*' does not exist/;
const LIFECYCLE: ReadonlySet<string> = new Set(KNOWN_STATUSES);

const configFields = z.strictObject({
  appId: z.string().regex(APP_ID, 'must be the Gupshup app id'),
  appToken: secret().optional(),
  baseUrl: baseUrl().optional(),
});
export type GupshupAccount = AccountBase & z.infer<typeof configFields>;

/** The simulator's demo app when nothing is configured. */
export const DEMO_APP_ID = '5f2b0c3e-1a2b-4c3d-9e8f-0a1b2c3d4e5f';

const flows = (appId: string) => `/partner/app/${appId}/flows`;

export const gupshup: ProviderAdapter<GupshupAccount> = {
  id: 'gupshup',
  label: 'Gupshup',
  accountLabel: 'App ID',
  credentialName: 'app token',
  channelLabel: 'App',
  capabilities: { health: false, listCarriesDetails: true, previewCall: true, validationErrors: true },
  wording: { notExposed: ['Gupshup does not expose flow health.'], listNote: null },
  defaultBaseUrl: 'https://partner.gupshup.io',
  regionalBaseUrls: ['https://partner.gupshup.io'],
  // Gupshup documents no limit for its flow endpoints; it documents 10 requests per minute for
  // several other app APIs, so Flow Desk keeps to that.
  rateLimit: { requests: 10, perMs: 60_000, note: 'not documented for flows: Flow Desk keeps to 10 requests per minute, Gupshup’s documented limit for several of its app APIs' },
  configFields,
  secretFields: ['appToken'],
  credentialFields: ['appToken'],
  environment: { variables: {}, demo: { appId: DEMO_APP_ID } },
  apiBase: (account) => account.baseUrl ?? gupshup.defaultBaseUrl,
  providerAccountId: (account) => account.appId,
  configuredChannels: (account) => [{ channelId: account.appId, label: null }],
  // The app token as is: Gupshup's flow endpoints take no scheme.
  sign: (_request, account) => ({ Authorization: account.appToken ?? '' }),
  validateChannelId: (channelId) => checkId('App id', channelId, APP_ID),
  validateFlowId: (flowId) => checkId('Flow id', flowId, FLOW_ID),
  listFlows: (_account, appId) => ({ path: flows(appId) }),
  parseFlowPage: (body) => ({ flows: flowList.parse(body).map(toFlowSummary) }),
  getFlow: (_account, appId, flowId) => ({ path: `${flows(appId)}/${flowId}`, query: { fields: GUPSHUP_DETAIL_FIELDS } }),
  parseFlow: (body) => {
    const flow = toFlowDetail(graphFlow.parse(body), true);
    // "success" / "error" are Gupshup's envelope, not a lifecycle status: unknown until the list says.
    return { flow: { ...flow, status: LIFECYCLE.has(flow.status) ? flow.status : 'UNKNOWN' }, flowJsonUrl: null };
  },
  detailFromList: (body, flowId, details) => {
    const item = flowList.parse(body).find((f) => f.id === flowId);
    if (!item) return null;
    if (!details) return toFlowDetail(item, true);
    const merged: FlowDetail = { ...details, status: LIFECYCLE.has(details.status) ? details.status : (item.status ?? details.status) };
    return merged;
  },
  flowJsonAssets: {
    request: (_account, appId, flowId) => ({ path: `${flows(appId)}/${flowId}/assets` }),
    parse: (body) => flowJsonAssetUrl({ data: assets.parse(body) }),
  },
  previewCall: {
    request: (_account, appId, flowId) => ({ path: `${flows(appId)}/${flowId}/preview` }),
    parse: (body) => {
      const p = preview.parse(body).preview;
      return { url: p.preview_url, expiresAt: p.expires_at ?? null };
    },
  },
  parseErrorBody: (body) => {
    const parsed = errorBody.safeParse(body);
    if (!parsed.success) return null;
    const message = parsed.data.message ?? parsed.data.data ?? null;
    return { code: null, message, errorId: null, notFound: message !== null && UNKNOWN_OBJECT.test(message) };
  },
};
