import { z } from 'zod';
import type { AccountBase, ProviderAdapter } from '../types';
import { checkId } from '../ids';
import { baseUrl, idList, secret } from '../config-fields';
import { makeFlowDetail } from '../../model/flow';
import { toValidationError } from '../validation-error';

/** The account id pattern from 8x8's OpenAPI (a GUID with or without dashes, 32 to 36 characters). */
export const ACCOUNT_ID = /^[0-9A-Fa-f]{8}[-]?(?:[0-9A-Fa-f]{4}[-]?){3}[0-9A-Fa-f]{12}$/;
const CHANNEL_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** 8x8's documented maximum for `limit`; the list has no cursor. */
export const EIGHT_BY_EIGHT_LIST_LIMIT = 1000;

const position = {
  lineStart: z.number().nullish(),
  lineEnd: z.number().nullish(),
  columnStart: z.number().nullish(),
  columnEnd: z.number().nullish(),
};

const flowList = z.looseObject({
  flows: z.array(z.looseObject({ id: z.union([z.string(), z.number()]).transform(String), name: z.string().nullish(), status: z.string().nullish() })),
});

const flowDetails = z.looseObject({
  flowId: z.union([z.string(), z.number()]).transform(String),
  flowJsonUrl: z.string().nullish(),
  name: z.string().nullish(),
  status: z.string().nullish(),
  categories: z.array(z.string()).nullish(),
  // Absent when the flow has no errors (not an empty array).
  validationErrors: z
    .array(
      z.looseObject({
        ...position,
        error: z.string().nullish(),
        errorType: z.string().nullish(),
        message: z.string().nullish(),
        pointers: z.array(z.looseObject({ ...position, path: z.string().nullish() })).nullish(),
      }),
    )
    .nullish(),
});

/** Passed through from Meta, so snake_case unlike the rest of 8x8's API. */
const preview = z.looseObject({ preview_url: z.string(), expires_at: z.string().nullish() });

const errorBody = z.looseObject({
  code: z.union([z.number(), z.string()]).nullish(),
  message: z.string().nullish(),
  errorId: z.string().nullish(),
});

const orNull = <T>(value: T | null | undefined): T | null => value ?? null;

/** An 8x8 account in the config file: the key, the account GUID and its channels (8x8 has no call that lists them). */
const configFields = z.strictObject({
  apiKey: secret().optional(),
  accountId: z.string().regex(ACCOUNT_ID, 'must be the 8x8 account GUID (32 to 36 characters)'),
  channels: idList(CHANNEL_ID, 'channel id'),
  baseUrl: baseUrl().optional(),
});
export type EightByEightAccount = AccountBase & z.infer<typeof configFields>;

/** The simulator's demo account and channels, used by the environment shorthand when nothing is configured. */
export const DEMO_ACCOUNT_ID = '5f3e2a1b-9c8d-4e7f-a6b5-c4d3e2f1a0b9';
export const DEMO_CHANNELS = ['ec36a867-3dd4-e911-814a-02d85f55fce8', '4b1d9a0c-77e2-4c3b-9f61-2a5e8d0c1f7a'];

const base = (account: EightByEightAccount, channelId: string) => `/api/v1/accounts/${account.accountId}/channels/${channelId}/flows`;
const LIMIT = { requests: 100, perMs: 60_000 };

export const eightByEight: ProviderAdapter<EightByEightAccount> = {
  id: '8x8',
  label: '8x8 Chat Apps',
  accountLabel: 'Account ID',
  credentialName: 'API key',
  channelLabel: 'Channel',
  capabilities: { health: false, listCarriesDetails: false, previewCall: true, validationErrors: true },
  wording: {
    notExposed: ['8x8 does not expose flow health.'],
    listNote:
      '8x8 lists only id, name and status: categories, errors and health are fetched for the rows on screen, paced to stay within 8x8’s 100 requests per minute. Filters on those fields apply to the flows whose details have loaded.',
  },
  defaultBaseUrl: 'https://chatapps.8x8.com',
  regionalBaseUrls: [
    'https://chatapps.8x8.com',
    'https://chatapps.us.8x8.com',
    'https://chatapps.8x8.uk',
    'https://chatapps.8x8.id',
  ],
  rateLimit: { ...LIMIT, note: 'documented: 100 requests per minute per API key' },
  configFields,
  secretFields: ['apiKey'],
  credentialFields: ['apiKey'],
  environment: {
    variables: { apiKey: 'EIGHTXEIGHT_API_KEY', accountId: 'EIGHTXEIGHT_ACCOUNT_ID', channels: 'EIGHTXEIGHT_CHANNEL_IDS', baseUrl: 'EIGHTXEIGHT_BASE_URL' },
    lists: ['channels'],
    demo: { accountId: DEMO_ACCOUNT_ID, channels: DEMO_CHANNELS },
  },
  apiBase: (account) => account.baseUrl ?? eightByEight.defaultBaseUrl,
  providerAccountId: (account) => account.accountId,
  configuredChannels: (account) => account.channels.map((channelId) => ({ channelId, label: null })),
  sign: (_request, account) => ({ Authorization: `Bearer ${account.apiKey}` }),
  validateChannelId: (channelId) => checkId('Channel id', channelId, CHANNEL_ID),
  validateFlowId: (flowId) => checkId('Flow id', flowId),
  listFlows: (account, channelId) => ({ path: base(account, channelId), query: { limit: String(EIGHT_BY_EIGHT_LIST_LIMIT) } }),
  parseFlowPage: (body) => ({
    flows: flowList.parse(body).flows.map((f) => ({ id: f.id, name: f.name ?? '', status: f.status ?? 'UNKNOWN' })),
  }),
  getFlow: (account, channelId, flowId) => ({ path: `${base(account, channelId)}/${flowId}` }),
  parseFlow: (body) => {
    const f = flowDetails.parse(body);
    const flow = makeFlowDetail({
      id: f.flowId,
      name: f.name ?? '',
      status: f.status ?? 'UNKNOWN',
      categories: f.categories ?? [],
      validationErrors: (f.validationErrors ?? []).map(toValidationError),
      hasFlowJson: Boolean(f.flowJsonUrl),
    });
    return { flow, flowJsonUrl: orNull(f.flowJsonUrl) };
  },
  previewCall: {
    // refresh=false: reuse the current link rather than invalidating the one a colleague may have open.
    request: (account, channelId, flowId) => ({ path: `${base(account, channelId)}/${flowId}/preview`, query: { refresh: 'false' } }),
    parse: (body) => {
      const p = preview.parse(body);
      return { url: p.preview_url, expiresAt: p.expires_at ?? null };
    },
  },
  parseErrorBody: (body) => {
    const parsed = errorBody.safeParse(body);
    if (!parsed.success || (parsed.data.code == null && !parsed.data.message)) return null;
    return { code: orNull(parsed.data.code), message: orNull(parsed.data.message), errorId: orNull(parsed.data.errorId) };
  },
};
