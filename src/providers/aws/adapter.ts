/**
 * AWS End User Messaging Social: WhatsApp Flows of the WABAs linked to an AWS account, called
 * through the official SDK (`./sdk.ts`), SigV4-signed with the account's access keys. A camelCase
 * rename of Meta's flows API with token paging; validation errors are plain strings
 * (`./validation-errors.ts`) and health entities carry no errors.
 */
import { z } from 'zod';
import { baseUrl, idList, secret } from '../config-fields';
import { checkId } from '../ids';
import type { AccountBase, ProviderAdapter, UpstreamRequest } from '../types';
import type { Health } from '../../model/flow';
import { makeFlowDetail } from '../../model/flow';
import { parseAwsError } from './errors';
import { fromValidationString } from './validation-errors';

/** The SDK (about 1 MB of code with its dependencies) loads with the first AWS call, not at start-up. */
const sdk = () => import('./sdk');

/** `waba-…` (End User Messaging's own WABA id) or the WABA's ARN, as the API's `id` pattern allows; at most 115 characters. */
export const WABA_ID = /^(?=.{1,115}$)(?:waba-[0-9A-Za-z]+|arn:aws[a-z-]*:social-messaging:[a-z0-9-]+:\d{12}:waba\/[0-9A-Za-z]+)$/;
/** The API's flowId pattern (`[0-9]+`, 1 to 100 characters): Meta's numeric flow id. */
const FLOW_ID = /^[0-9]{1,100}$/;
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;
/** The API's maximum `maxResults` for the list and assets calls. */
export const AWS_PAGE_SIZE = '100';

const configFields = z.strictObject({
  region: z.string().regex(REGION, 'must be an AWS Region such as eu-west-1'),
  accessKeyId: secret().optional(),
  secretAccessKey: secret().optional(),
  sessionToken: secret().optional(),
  wabaIds: idList(WABA_ID, 'WABA id (waba-… or its ARN)'),
  endpoint: baseUrl().optional(),
});
export type AwsAccount = AccountBase & z.infer<typeof configFields>;

/** Demo WABAs of the simulated account when nothing is configured. */
export const DEMO_WABAS = ['waba-0123456789abcdef0123456789abcdef', 'waba-fedcba9876543210fedcba9876543210'];
export const DEMO_REGION = 'eu-west-1';

/** Regions whose hosts the simulator answers on besides the account's own (the host is built from `region`). */
const REGIONS = ['us-east-1', 'us-east-2', 'us-west-2', 'ca-central-1', 'sa-east-1', 'eu-west-1', 'eu-west-2', 'eu-central-1', 'ap-south-1', 'ap-southeast-1', 'ap-southeast-2', 'ap-northeast-1'];
export const regionalEndpoint = (region: string) => `https://social-messaging.${region}.amazonaws.com`;

/** The operations' REST paths (the SDK's restJson1 bindings); `./sdk.ts` maps each back to its command. */
export const PATHS = {
  list: '/v1/whatsapp/flow/list',
  get: '/v1/whatsapp/flow',
  assets: '/v1/whatsapp/flow/assets',
  preview: '/v1/whatsapp/flow/preview',
} as const;

const str = z.string().nullish();
const summary = z.looseObject({
  flowId: z.union([z.string(), z.number()]).transform(String),
  flowName: str,
  flowStatus: str,
  flowCategories: z.array(z.string()).nullish(),
  validationErrors: z.array(z.string()).nullish(),
});
const flowList = z.looseObject({ flows: z.array(summary), nextToken: str });

const healthStatus = z.looseObject({
  canSendMessage: z.string(),
  entities: z.array(z.looseObject({ entityType: z.string(), id: z.union([z.string(), z.number()]).nullish(), canSendMessage: z.string() })).nullish(),
});
const previewInfo = z.looseObject({ previewUrl: z.string(), expiresAt: str });
const flowDetails = z.looseObject({
  flowId: z.union([z.string(), z.number()]).transform(String),
  flowName: str,
  flowStatus: str,
  categories: z.array(z.string()).nullish(),
  validationErrors: z.array(z.string()).nullish(),
  jsonVersion: str,
  dataApiVersion: str,
  endpointUri: str,
  preview: previewInfo.nullish(),
  // Capital A, unlike the rest of the API.
  whatsAppBusinessAccount: z.looseObject({ id: str, name: str }).nullish(),
  application: z.looseObject({ id: str, name: str, link: str }).nullish(),
  healthStatus: healthStatus.nullish(),
});
const assets = z.looseObject({ flowAssets: z.array(z.looseObject({ name: str, assetType: str, downloadUrl: str })), nextToken: str });
const preview = z.looseObject({ flowId: str, preview: previewInfo });

const orNull = <T>(value: T | null | undefined): T | null => value ?? null;

function toHealth(h: z.infer<typeof healthStatus>): Health {
  return {
    canSendMessage: h.canSendMessage,
    // End User Messaging passes each entity's level on, without Meta's errors or additional info.
    entities: (h.entities ?? []).map((e) => ({ type: e.entityType, id: e.id == null ? null : String(e.id), canSendMessage: e.canSendMessage, errors: [], additionalInfo: [] })),
  };
}

/**
 * The page token travels through Flow Desk's URLs as base64url: End User Messaging's `nextToken`
 * is opaque (up to 600 characters of anything).
 */
const encodeCursor = (token: string) => Buffer.from(token, 'utf8').toString('base64url');
const decodeCursor = (cursor: string) => Buffer.from(cursor, 'base64url').toString('utf8');

const request = (path: string, query: Record<string, string>): UpstreamRequest => ({ path, query });

export const aws: ProviderAdapter<AwsAccount> = {
  id: 'aws',
  label: 'AWS End User Messaging Social',
  accountLabel: 'Region',
  credentialName: 'AWS access keys',
  channelLabel: 'WABA',
  capabilities: { health: true, listCarriesDetails: true, previewCall: true, validationErrors: true },
  wording: {
    notExposed: [
      'AWS End User Messaging Social gives flow health without the reasons (no per-entity errors or advice).',
      'AWS End User Messaging Social gives validation errors as plain text: each is placed where its text names a path or a line and column, and listed without a place otherwise.',
    ],
    listNote: 'AWS End User Messaging Social lists categories and validation errors but not health: a flow’s health shows on its page.',
  },
  defaultBaseUrl: regionalEndpoint('us-east-1'),
  regionalBaseUrls: REGIONS.map(regionalEndpoint),
  // Flow operations are not in End User Messaging's quota table; its Flows guide says "Standard
  // Meta API rate limits apply to all Flow operations": Meta's default business management budget.
  rateLimit: { requests: 200, perMs: 3_600_000, note: 'not documented by AWS for flow operations, which follow Meta’s limits: Meta’s default WhatsApp Business Management budget, 200 calls per hour' },
  configFields,
  secretFields: ['accessKeyId', 'secretAccessKey', 'sessionToken'],
  credentialFields: ['accessKeyId', 'secretAccessKey'],
  // No variables: AWS_* variables on a machine must never turn into a live account by themselves.
  environment: { variables: {}, demo: { region: DEMO_REGION, wabaIds: DEMO_WABAS } },
  apiBase: (account) => account.endpoint ?? regionalEndpoint(account.region),
  providerAccountId: (account) => account.region,
  configuredChannels: (account) => account.wabaIds.map((channelId) => ({ channelId, label: null })),
  // Used to check signatures (the simulator); the calls themselves are signed by the SDK in `send`.
  sign: async (req, account) => (await sdk()).signRequest(req, account),
  send: async (req, account, transport) => (await sdk()).sendWithSdk(req, account, transport),
  validateChannelId: (channelId) => checkId('WABA id', channelId, WABA_ID),
  validateFlowId: (flowId) => checkId('Flow id', flowId, FLOW_ID),
  listFlows: (_account, wabaId, cursor) => request(PATHS.list, { id: wabaId, maxResults: AWS_PAGE_SIZE, ...(cursor ? { nextToken: decodeCursor(cursor) } : {}) }),
  parseFlowPage: (body) => {
    const list = flowList.parse(body);
    return {
      flows: list.flows.map((f) => ({
        id: f.flowId,
        name: f.flowName ?? '',
        status: f.flowStatus ?? 'UNKNOWN',
        categories: f.flowCategories ?? undefined,
        validationErrorCount: f.validationErrors ? f.validationErrors.length : undefined,
      })),
      ...(list.nextToken ? { next: encodeCursor(list.nextToken) } : {}),
    };
  },
  getFlow: (_account, wabaId, flowId) => request(PATHS.get, { flowId, id: wabaId }),
  parseFlow: (body) => {
    const f = flowDetails.parse(body);
    const flow = makeFlowDetail({
      id: f.flowId,
      name: f.flowName ?? '',
      status: f.flowStatus ?? 'UNKNOWN',
      categories: f.categories ?? [],
      validationErrors: (f.validationErrors ?? []).map(fromValidationString),
      health: f.healthStatus ? toHealth(f.healthStatus) : null,
      jsonVersion: orNull(f.jsonVersion),
      dataApiVersion: orNull(f.dataApiVersion),
      endpointUri: orNull(f.endpointUri),
      preview: f.preview ? { url: f.preview.previewUrl, expiresAt: orNull(f.preview.expiresAt) } : null,
      whatsappBusinessAccount: f.whatsAppBusinessAccount ? { id: orNull(f.whatsAppBusinessAccount.id), name: orNull(f.whatsAppBusinessAccount.name) } : null,
      application: f.application ? { id: orNull(f.application.id), name: orNull(f.application.name), link: orNull(f.application.link) } : null,
      // The details never carry the download link: it comes from ListWhatsAppFlowAssets.
      hasFlowJson: true,
    });
    return { flow, flowJsonUrl: null };
  },
  flowJsonAssets: {
    request: (_account, wabaId, flowId) => request(PATHS.assets, { flowId, id: wabaId, maxResults: AWS_PAGE_SIZE }),
    parse: (body) => {
      const { flowAssets } = assets.parse(body);
      const asset = flowAssets.find((a) => a.assetType === 'FLOW_JSON') ?? flowAssets[0];
      return asset?.downloadUrl ?? null;
    },
  },
  previewCall: {
    // invalidate=false: the current link, without invalidating one a colleague may have open.
    request: (_account, wabaId, flowId) => request(PATHS.preview, { flowId, id: wabaId, invalidate: 'false' }),
    parse: (body) => {
      const p = preview.parse(body).preview;
      return { url: p.previewUrl, expiresAt: orNull(p.expiresAt) };
    },
  },
  parseErrorBody: (body, headers) => parseAwsError(body, headers),
};
