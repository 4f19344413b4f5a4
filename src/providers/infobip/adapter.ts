/**
 * Infobip's WhatsApp flows API: an API key and a base URL per account, flows per sender number.
 * Infobip lists a sender's flows (id, name, categories, status, WABA id) and serves a flow's JSON
 * itself (`…/flows/{flowId}/json`, not a CDN link); it has no call for one flow, no health, and
 * reports validation errors only in answer to a flow JSON upload, so a flow's page is built from
 * its list item and its JSON, and says that its current validation errors are not known.
 */
import { z } from 'zod';
import { makeFlowDetail, type FlowSummary, type ValidationError } from '../../model/flow';
import { baseUrl, idList, secret } from '../config-fields';
import { checkId } from '../ids';
import type { AccountBase, ProviderAdapter } from '../types';
import { toValidationError } from '../validation-error';

/** A sender: a registered number in international format, digits only (Infobip's example: 447796344125). */
const SENDER = /^[1-9][0-9]{5,14}$/;

const flowItem = z.looseObject({
  id: z.union([z.string(), z.number()]).transform(String),
  name: z.string().nullish(),
  businessAccountId: z.union([z.number(), z.string()]).nullish(),
  categories: z.array(z.string()).nullish(),
  status: z.string().nullish(),
});
const flowList = z.looseObject({ flows: z.array(flowItem) });

const num = z.number().nullish();
/** A validation error as Infobip reports it when flow JSON is uploaded: camelCase, positions but no pointers. */
export const infobipValidationError = z.looseObject({
  error: z.string().nullish(),
  errorType: z.string().nullish(),
  message: z.string().nullish(),
  lineStart: num,
  lineEnd: num,
  columnStart: num,
  columnEnd: num,
});
const uploadAnswer = z.looseObject({ validationErrors: z.array(infobipValidationError).nullish() });

/** The validation errors of an answer to a flow JSON upload, in the shared model. */
export function uploadValidationErrors(body: unknown): ValidationError[] {
  return (uploadAnswer.parse(body).validationErrors ?? []).map(toValidationError);
}

/** Infobip's error envelope. */
const errorBody = z.looseObject({
  requestError: z.looseObject({
    serviceException: z.looseObject({
      messageId: z.string().nullish(),
      text: z.string().nullish(),
      validationErrors: z.record(z.string(), z.array(z.string())).nullish(),
    }),
  }),
});

const configFields = z.strictObject({
  apiKey: secret().optional(),
  // Required: every Infobip account has its own base URL (https://<xxxxx>.api.infobip.com), shown in its portal.
  baseUrl: baseUrl(),
  senders: idList(SENDER, 'sender number (international format, digits only)'),
});
export type InfobipAccount = AccountBase & z.infer<typeof configFields>;

/** The simulator's demo sender when nothing is configured (Infobip's own example number). */
export const DEMO_SENDER = '447796344125';

const flows = (sender: string) => `/whatsapp/1/senders/${sender}/flows`;
const summary = (f: z.infer<typeof flowItem>): FlowSummary => ({ id: f.id, name: f.name ?? '', status: f.status ?? 'UNKNOWN', categories: f.categories ?? [] });

export const infobip: ProviderAdapter<InfobipAccount> = {
  id: 'infobip',
  label: 'Infobip',
  accountLabel: 'Base URL',
  credentialName: 'API key',
  channelLabel: 'Sender',
  capabilities: { health: false, listCarriesDetails: true, previewCall: false, validationErrors: false },
  wording: {
    notExposed: [
      'Infobip does not expose a flow’s current validation errors: it reports them only in answer to a flow JSON upload.',
      'Infobip does not expose flow health.',
    ],
    listNote: null,
  },
  // Infobip's shared host; real accounts name their own (https://<xxxxx>.api.infobip.com).
  defaultBaseUrl: 'https://api.infobip.com',
  regionalBaseUrls: ['https://api.infobip.com'],
  rateLimit: { requests: 1000, perMs: 3_600_000, note: 'documented: 1,000 requests per hour per account' },
  configFields,
  secretFields: ['apiKey'],
  credentialFields: ['apiKey'],
  environment: { variables: {}, demo: { baseUrl: 'https://api.infobip.com', senders: [DEMO_SENDER] } },
  apiBase: (account) => account.baseUrl ?? infobip.defaultBaseUrl,
  providerAccountId: (account) => URL.parse(account.baseUrl ?? '')?.hostname ?? null,
  configuredChannels: (account) => account.senders.map((channelId) => ({ channelId, label: null })),
  sign: (_request, account) => ({ Authorization: `App ${account.apiKey ?? ''}` }),
  validateChannelId: (channelId) => (SENDER.test(channelId) ? null : `Sender "${channelId.slice(0, 80)}" is not a number in international format (digits only, e.g. 447796344125).`),
  validateFlowId: (flowId) => checkId('Flow id', flowId),
  listFlows: (_account, sender) => ({ path: flows(sender) }),
  // Every flow of the sender in one answer: Infobip documents no paging.
  parseFlowPage: (body) => ({ flows: flowList.parse(body).flows.map(summary) }),
  // No call for one flow: its page is its list item (and its JSON).
  detailFromList: (body, flowId) => {
    const item = flowList.parse(body).flows.find((f) => f.id === flowId);
    if (!item) return null;
    return makeFlowDetail({
      ...summary(item),
      categories: item.categories ?? [],
      whatsappBusinessAccount: item.businessAccountId == null ? null : { id: String(item.businessAccountId), name: null },
      hasFlowJson: true,
    });
  },
  flowJson: { request: (_account, sender, flowId) => ({ path: `${flows(sender)}/${flowId}/json` }) },
  parseErrorBody: (body) => {
    const parsed = errorBody.safeParse(body);
    if (!parsed.success) return null;
    const e = parsed.data.requestError.serviceException;
    const fields = Object.entries(e.validationErrors ?? {}).map(([field, problems]) => `${field}: ${problems.join(', ')}`);
    const message = [e.text, ...fields].filter(Boolean).join(' — ') || null;
    return { code: e.messageId ?? null, message, errorId: null, notFound: e.messageId === 'NOT_FOUND' };
  },
};
