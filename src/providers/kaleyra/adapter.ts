import { z } from 'zod';
import type { AccountBase, ProviderAdapter } from '../types';
import { checkId } from '../ids';
import { baseUrl, idList, secret } from '../config-fields';
import { graphCalls } from '../graph/adapter';

export const SID = /^[A-Za-z0-9]{4,64}$/;
const WABA_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** A Kaleyra account in the config file: key, SID and WABA ids (Kaleyra has no call that lists WABAs). */
const configFields = z.strictObject({
  apiKey: secret().optional(),
  sid: z.string().regex(SID, 'must be the Kaleyra account SID (letters and digits)'),
  wabaIds: idList(WABA_ID, 'WABA id'),
  baseUrl: baseUrl().optional(),
});
export type KaleyraAccount = AccountBase & z.infer<typeof configFields>;

/** The simulator's demo SID and WABAs, used by the environment shorthand when nothing is configured. */
export const DEMO_SID = 'HXAP16XXXXXX97IN';
export const DEMO_WABAS = ['295XXXXXXXXXXXX', '121289000000655'];

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
const isPayload = { list: (b: Record<string, unknown>) => Array.isArray(b.data), flow: (b: Record<string, unknown>) => 'id' in b };

const errorBody = z.looseObject({
  code: z.union([z.string(), z.number()]).nullish(),
  message: z.string().nullish(),
  error: z.unknown().optional(),
});

const base = (account: KaleyraAccount) => `/v2/${account.sid}/whatsapp`;

export const kaleyra: ProviderAdapter<KaleyraAccount> = {
  id: 'kaleyra',
  label: 'Kaleyra',
  accountLabel: 'SID',
  credentialName: 'API key',
  channelLabel: 'WABA',
  capabilities: { health: true, listCarriesDetails: true, previewCall: false, validationErrors: true },
  wording: { notExposed: [], listNote: null },
  defaultBaseUrl: 'https://api.in.kaleyra.io',
  regionalBaseUrls: [
    'https://api.in.kaleyra.io',
    'https://api.kaleyra.io',
    'https://api.eu.kaleyra.io',
    'https://api.na.kaleyra.ai',
  ],
  // Kaleyra documents no budget for its flow endpoints: a conservative one of our own.
  rateLimit: { requests: 600, perMs: 60_000, note: 'not documented by Kaleyra; Flow Desk keeps to 600 requests per minute per API key' },
  configFields,
  secretFields: ['apiKey'],
  credentialFields: ['apiKey'],
  environment: {
    variables: { apiKey: 'KALEYRA_API_KEY', sid: 'KALEYRA_SID', wabaIds: 'KALEYRA_WABA_IDS', baseUrl: 'KALEYRA_BASE_URL' },
    lists: ['wabaIds'],
    demo: { sid: DEMO_SID, wabaIds: DEMO_WABAS },
  },
  apiBase: (account) => account.baseUrl ?? kaleyra.defaultBaseUrl,
  providerAccountId: (account) => account.sid,
  configuredChannels: (account) => account.wabaIds.map((channelId) => ({ channelId, label: null })),
  sign: (_request, account) => ({ 'api-key': account.apiKey ?? '' }),
  validateChannelId: (channelId) => checkId('WABA id', channelId, WABA_ID),
  ...graphCalls<KaleyraAccount>({
    listPath: (account, wabaId) => `${base(account)}/${wabaId}/flows`,
    flowPath: (account, flowId) => `${base(account)}/${flowId}`,
    tokenName: 'Kaleyra API key',
    unwrap: (body, kind) => unwrap(body, isPayload[kind]),
    // Kaleyra's details carry no preview link.
    preview: false,
  }),
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
