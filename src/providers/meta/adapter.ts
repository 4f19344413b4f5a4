/** Meta's WhatsApp Cloud API (Graph) directly: a system user token and the WABAs it can read. */
import { z } from 'zod';
import { baseUrl, idList, secret } from '../config-fields';
import { GRAPH_ID_PATTERN, graphCalls } from '../graph/adapter';
import { checkId } from '../ids';
import type { AccountBase, ProviderAdapter } from '../types';

/** The Graph version used when the account names none (v25.0: released 2026-02-18, usable until 2028-07-29). */
export const DEFAULT_GRAPH_VERSION = 'v25.0';
const GRAPH_VERSION = /^v\d{1,3}\.\d{1,2}$/;

const configFields = z.strictObject({
  accessToken: secret().optional(),
  graphVersion: z.string().regex(GRAPH_VERSION, 'must look like v25.0').optional(),
  wabaIds: idList(GRAPH_ID_PATTERN, 'WABA id'),
  baseUrl: baseUrl().optional(),
});
export type MetaAccount = AccountBase & z.infer<typeof configFields>;

/** Demo WABAs of the simulated account when nothing is configured (the first is Meta's own example id). */
export const DEMO_WABAS = ['102290129340398', '102290129340399'];

export const meta: ProviderAdapter<MetaAccount> = {
  id: 'meta',
  label: 'Meta (WhatsApp Cloud API)',
  accountLabel: 'Business',
  credentialName: 'access token',
  channelLabel: 'WABA',
  capabilities: { health: true, listCarriesDetails: true, previewCall: false, validationErrors: true },
  wording: { notExposed: [], listNote: null },
  defaultBaseUrl: 'https://graph.facebook.com',
  regionalBaseUrls: ['https://graph.facebook.com'],
  // Meta lists no budget for the flows edges; the WhatsApp Business Management API's default is
  // 200 calls per hour per app and WABA (5,000 for active WABAs): keep to the lower one per token.
  rateLimit: { requests: 200, perMs: 3_600_000, note: 'Meta’s default WhatsApp Business Management budget: 200 calls per hour' },
  configFields,
  secretFields: ['accessToken'],
  credentialFields: ['accessToken'],
  environment: { variables: {}, demo: { wabaIds: DEMO_WABAS } },
  // A base URL that already ends in a version (…/v24.0) is used as is.
  apiBase: (account) => {
    const base = account.baseUrl ?? meta.defaultBaseUrl;
    return /\/v\d+\.\d+$/.test(base) ? base : `${base}/${account.graphVersion ?? DEFAULT_GRAPH_VERSION}`;
  },
  providerAccountId: () => null,
  configuredChannels: (account) => account.wabaIds.map((channelId) => ({ channelId, label: null })),
  sign: (_request, account) => ({ Authorization: `Bearer ${account.accessToken}` }),
  validateChannelId: (channelId) => checkId('WABA id', channelId, GRAPH_ID_PATTERN),
  ...graphCalls<MetaAccount>({
    listPath: (_account, wabaId) => `/${wabaId}/flows`,
    flowPath: (_account, flowId) => `/${flowId}`,
    tokenName: 'Meta access token',
  }),
};
