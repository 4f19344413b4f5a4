import { z } from 'zod';
import type { ProviderAdapter } from '../types';
import { checkId, firstProblem } from '../ids';
import { makeFlowDetail } from '../../model/flow';
import { toValidationError } from '../validation-error';

/** The account id pattern from 8x8's OpenAPI (a GUID with or without dashes, 32 to 36 characters). */
const ACCOUNT_ID = /^[0-9A-Fa-f]{8}[-]?(?:[0-9A-Fa-f]{4}[-]?){3}[0-9A-Fa-f]{12}$/;
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
const base = (ref: { accountId: string; channelId: string }) =>
  `/api/v1/accounts/${ref.accountId}/channels/${ref.channelId}/flows`;

export const eightByEight: ProviderAdapter = {
  id: '8x8',
  label: '8x8 Chat Apps',
  accountLabel: 'Account ID',
  channelLabel: 'Channel',
  capabilities: { health: false, listCarriesDetails: false, previewCall: true },
  defaultBaseUrl: 'https://chatapps.8x8.com',
  regionalBaseUrls: [
    'https://chatapps.8x8.com',
    'https://chatapps.us.8x8.com',
    'https://chatapps.8x8.uk',
    'https://chatapps.8x8.id',
  ],
  rateLimit: { requests: 100, perMs: 60_000 },
  authHeaders: (apiKey) => ({ Authorization: `Bearer ${apiKey}` }),
  validateChannel: ({ accountId, channelId }) =>
    firstProblem(
      accountId.length >= 32 && accountId.length <= 36 ? checkId('Account id', accountId, ACCOUNT_ID) : `Account id "${accountId.slice(0, 80)}" must be 32 to 36 characters.`,
      checkId('Channel id', channelId),
    ),
  validateFlowId: (flowId) => checkId('Flow id', flowId),
  listFlows: (ref) => ({ path: base(ref), query: { limit: String(EIGHT_BY_EIGHT_LIST_LIMIT) } }),
  parseFlowPage: (body) => ({
    flows: flowList.parse(body).flows.map((f) => ({ id: f.id, name: f.name ?? '', status: f.status ?? 'UNKNOWN' })),
  }),
  getFlow: (ref, flowId) => ({ path: `${base(ref)}/${flowId}` }),
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
    request: (ref, flowId) => ({ path: `${base(ref)}/${flowId}/preview`, query: { refresh: 'false' } }),
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
