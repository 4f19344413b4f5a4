/**
 * The one model of flows, validation errors and health that every provider adapter produces
 * and every screen reads. The proxy sends exactly these shapes to the browser, and the
 * browser parses them with the same schemas.
 */
// zod/mini: the same schemas at a fraction of the bundle size (the list page's JS budget is tight).
import { z } from 'zod/mini';

/** Statuses and categories are open sets: unknown values are kept and shown, never dropped. */
export const KNOWN_STATUSES = ['DRAFT', 'PUBLISHED', 'DEPRECATED', 'BLOCKED', 'THROTTLED'] as const;
export const KNOWN_CATEGORIES = [
  'SIGN_UP',
  'SIGN_IN',
  'APPOINTMENT_BOOKING',
  'LEAD_GENERATION',
  'CONTACT_US',
  'CUSTOMER_SUPPORT',
  'SURVEY',
  'OTHER',
] as const;
export const HEALTH_LEVELS = ['AVAILABLE', 'LIMITED', 'BLOCKED'] as const;
export const HEALTH_ENTITY_TYPES = ['FLOW', 'WABA', 'BUSINESS', 'APP', 'PHONE_NUMBER'] as const;

const position = {
  lineStart: z.nullable(z.number()),
  lineEnd: z.nullable(z.number()),
  columnStart: z.nullable(z.number()),
  columnEnd: z.nullable(z.number()),
};

export const ErrorPointerSchema = z.object({ ...position, path: z.nullable(z.string()) });
export type ErrorPointer = z.infer<typeof ErrorPointerSchema>;

export const ValidationErrorSchema = z.object({
  ...position,
  code: z.string(),
  type: z.nullable(z.string()),
  message: z.string(),
  pointers: z.array(ErrorPointerSchema),
});
export type ValidationError = z.infer<typeof ValidationErrorSchema>;

export const HealthErrorSchema = z.object({
  code: z.nullable(z.union([z.number(), z.string()])),
  description: z.string(),
  possibleSolution: z.nullable(z.string()),
});
export type HealthError = z.infer<typeof HealthErrorSchema>;

export const HealthEntitySchema = z.object({
  type: z.string(),
  id: z.nullable(z.string()),
  canSendMessage: z.string(),
  errors: z.array(HealthErrorSchema),
  additionalInfo: z.array(z.string()),
});
export type HealthEntity = z.infer<typeof HealthEntitySchema>;

export const HealthSchema = z.object({
  canSendMessage: z.string(),
  entities: z.array(HealthEntitySchema),
});
export type Health = z.infer<typeof HealthSchema>;

/**
 * A row of a provider's flow list. Fields a provider's list call does not carry are `undefined`
 * (some list only id, name and status); the details call fills them in.
 */
export const FlowSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  categories: z.optional(z.array(z.string())),
  validationErrorCount: z.optional(z.number()),
  health: z.optional(HealthSchema),
});
export type FlowSummary = z.infer<typeof FlowSummarySchema>;

/** Everything the proxy says when a call fails, so staff can quote it to the provider. */
export const ProblemSchema = z.object({
  kind: z.enum([
    'invalid_request',
    'unauthorized',
    'forbidden',
    'not_found',
    'rate_limited',
    'provider_error',
    'bad_response',
    'timeout',
    'unreachable',
    'json_url_expired',
    'json_too_large',
    'json_url_refused',
    'no_flow_json',
    'internal',
  ]),
  message: z.string(),
  provider: z.nullable(z.string()),
  upstreamStatus: z.nullable(z.number()),
  code: z.nullable(z.union([z.string(), z.number()])),
  providerMessage: z.nullable(z.string()),
  errorId: z.nullable(z.string()),
  retryAfterSeconds: z.nullable(z.number()),
  requestId: z.optional(z.string()),
});
export type Problem = z.infer<typeof ProblemSchema>;
export type ProblemKind = Problem['kind'];

/** A channel's background sync, as the index knows it. */
export const ChannelSyncSchema = z.object({
  /** When a sync last finished without error (ISO), or null when none has. */
  lastSuccessAt: z.nullable(z.string()),
  /** The last sync's failure, in the provider's words; null when it succeeded. */
  lastError: z.nullable(ProblemSchema),
  lastErrorAt: z.nullable(z.string()),
  /** The sync under way, if one is. */
  running: z.nullable(
    z.object({
      startedAt: z.string(),
      listed: z.number(),
      detailsDone: z.number(),
      detailsTotal: z.number(),
      /** Seconds left at the provider's budget, when known. */
      etaSeconds: z.nullable(z.number()),
    }),
  ),
});
export type ChannelSync = z.infer<typeof ChannelSyncSchema>;

export const FlowPageSchema = z.object({
  flows: z.array(FlowSummarySchema),
  /** Opaque cursor for the next page; absent on the last page. */
  next: z.optional(z.string()),
  /**
   * Present when the page comes from Flow Desk's index (complete details, kept fresh by the
   * background sync) rather than live from the provider: as of when, and the channel's sync.
   */
  index: z.optional(z.object({ asOf: z.nullable(z.string()), sync: ChannelSyncSchema })),
});
export type FlowPage = z.infer<typeof FlowPageSchema>;

export const FlowPreviewSchema = z.object({ url: z.string(), expiresAt: z.nullable(z.string()) });
export type FlowPreview = z.infer<typeof FlowPreviewSchema>;

export const FlowDetailSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  categories: z.array(z.string()),
  validationErrors: z.array(ValidationErrorSchema),
  /** `null` when the provider does not expose health at all. */
  health: z.nullable(HealthSchema),
  jsonVersion: z.nullable(z.string()),
  dataApiVersion: z.nullable(z.string()),
  endpointUri: z.nullable(z.string()),
  preview: z.nullable(FlowPreviewSchema),
  whatsappBusinessAccount: z.nullable(z.object({ id: z.nullable(z.string()), name: z.nullable(z.string()) })),
  application: z.nullable(z.object({ id: z.nullable(z.string()), name: z.nullable(z.string()), link: z.nullable(z.string()) })),
  /** Whether the provider gave a flow JSON download link. */
  hasFlowJson: z.boolean(),
});
export type FlowDetail = z.infer<typeof FlowDetailSchema>;

/**
 * The validation errors of a details answer, checked by hand: the checks of
 * `z.array(ValidationErrorSchema)`, with the same result (new objects holding only the known
 * fields), in a few milliseconds for 10,000 errors where the schema takes 100 ms and more on the
 * page's main thread. A malformed answer throws, saying where: `validationErrors[12].pointers[0].path:
 * expected a string or null, got number`.
 */
export function parseValidationErrors(value: unknown, at = 'validationErrors'): ValidationError[] {
  if (!Array.isArray(value)) malformed(at, 'an array', value);
  const list = value as unknown[];
  const errors: ValidationError[] = [];
  for (let i = 0; i < list.length; i++) {
    const e = list[i] as Record<string, unknown>;
    if (!isObject(e)) malformed(`${at}[${i}]`, 'an object', e);
    const pointers = e.pointers as unknown[];
    if (!Array.isArray(pointers)) malformed(`${at}[${i}].pointers`, 'an array', pointers);
    const parsedPointers: ErrorPointer[] = [];
    for (let k = 0; k < pointers.length; k++) {
      const p = pointers[k] as Record<string, unknown>;
      if (!isObject(p)) malformed(`${at}[${i}].pointers[${k}]`, 'an object', p);
      const { lineStart, lineEnd, columnStart, columnEnd, path } = p;
      if (!isPosition(lineStart, lineEnd, columnStart, columnEnd) || !isNullableString(path)) {
        throw wrongField(p, `${at}[${i}].pointers[${k}]`, POINTER_FIELDS);
      }
      parsedPointers.push({ lineStart, lineEnd, columnStart, columnEnd, path } as ErrorPointer);
    }
    const { lineStart, lineEnd, columnStart, columnEnd, code, type, message } = e;
    if (!isPosition(lineStart, lineEnd, columnStart, columnEnd) || typeof code !== 'string' || !isNullableString(type) || typeof message !== 'string') {
      throw wrongField(e, `${at}[${i}]`, ERROR_FIELDS);
    }
    errors.push({ lineStart, lineEnd, columnStart, columnEnd, code, type, message, pointers: parsedPointers } as ValidationError);
  }
  return errors;
}

const isObject = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNullableNumber = (v: unknown): boolean => v === null || Number.isFinite(v);
const isNullableString = (v: unknown): boolean => v === null || typeof v === 'string';
const isPosition = (a: unknown, b: unknown, c: unknown, d: unknown): boolean => isNullableNumber(a) && isNullableNumber(b) && isNullableNumber(c) && isNullableNumber(d);

type FieldCheck = [name: string, ok: (v: unknown) => boolean, expected: string];
const POSITION_FIELDS: FieldCheck[] = Object.keys(position).map((key) => [key, isNullableNumber, 'a number or null']);
const POINTER_FIELDS: FieldCheck[] = [...POSITION_FIELDS, ['path', isNullableString, 'a string or null']];
const ERROR_FIELDS: FieldCheck[] = [
  ...POSITION_FIELDS,
  ['code', (v) => typeof v === 'string', 'a string'],
  ['type', isNullableString, 'a string or null'],
  ['message', (v) => typeof v === 'string', 'a string'],
];

/** The error for the first field of `value` that fails its check (only worked out once one has). */
function wrongField(value: Record<string, unknown>, at: string, fields: FieldCheck[]): TypeError {
  const [name, , expected] = fields.find(([key, ok]) => !ok(value[key]))!;
  return describeMalformed(`${at}.${name}`, expected, value[name]);
}

function describeMalformed(at: string, expected: string, got: unknown): TypeError {
  const gotType = got === null ? 'null' : Array.isArray(got) ? 'array' : typeof got === 'number' && !Number.isFinite(got) ? String(got) : typeof got;
  return new TypeError(`${at}: expected ${expected}, got ${gotType}`);
}

function malformed(at: string, expected: string, got: unknown): never {
  throw describeMalformed(at, expected, got);
}

const FlowDetailWithoutErrorsSchema = z.omit(FlowDetailSchema, { validationErrors: true });

/**
 * A details answer, checked: the schema for everything but the validation errors, which
 * `parseValidationErrors` checks (the same result as `FlowDetailSchema.parse`, much faster on
 * thousands of errors). A malformed answer throws, saying what is wrong and where.
 */
export function parseFlowDetail(body: unknown): FlowDetail {
  const rest = FlowDetailWithoutErrorsSchema.parse(body);
  return { ...rest, validationErrors: parseValidationErrors((body as { validationErrors?: unknown }).validationErrors) };
}


/** A flow container: one channel (a channel, a WABA, a sender…) of one configured account. */
export const ChannelRefSchema = z.object({
  /** The account's id in Flow Desk (a slug from the config), not the provider's own account id. */
  accountId: z.string(),
  channelId: z.string(),
});
export type ChannelRef = z.infer<typeof ChannelRefSchema>;

export const AccountCapabilitiesSchema = z.object({
  health: z.boolean(),
  /** Whether list rows already carry categories and validation errors. */
  listCarriesDetails: z.boolean(),
  /** Whether the provider has a separate preview-link call. */
  previewCall: z.boolean(),
  /** Whether the provider reports a flow's current validation errors at all. */
  validationErrors: z.boolean(),
});
export type AccountCapabilities = z.infer<typeof AccountCapabilitiesSchema>;

/** The words the UI uses about a provider, written once by its adapter. */
export const AccountWordingSchema = z.object({
  /** Sentences on what the provider does not expose, e.g. "X does not expose flow health." */
  notExposed: z.array(z.string()),
  /** How the list gets fields its rows lack, when it does (shown above the list), or null. */
  listNote: z.nullable(z.string()),
});
export type AccountWording = z.infer<typeof AccountWordingSchema>;

export const RateLimitSchema = z.object({
  requests: z.number(),
  perMs: z.number(),
  /** Where the figure comes from, e.g. "documented: 100 requests per minute per API key". */
  note: z.string(),
});
export type RateLimit = z.infer<typeof RateLimitSchema>;

export const ChannelSummarySchema = z.object({ channelId: z.string(), label: z.nullable(z.string()) });

/** A configured account as the browser sees it: never a secret, only names, labels and capabilities. */
export const AccountInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  provider: z.string(),
  providerLabel: z.string(),
  /** The provider's own id of the account (an account GUID, a SID), where it has one. */
  providerAccountId: z.nullable(z.string()),
  accountLabel: z.string(),
  channelLabel: z.string(),
  /** True when this account runs on the built-in simulator (no credentials configured). */
  simulated: z.boolean(),
  capabilities: AccountCapabilitiesSchema,
  wording: AccountWordingSchema,
  rateLimit: RateLimitSchema,
  channels: z.array(ChannelSummarySchema),
  /** Why the account's channels could not be discovered, when they could not. */
  problem: z.nullable(ProblemSchema),
});
export type AccountInfo = z.infer<typeof AccountInfoSchema>;

/** One channel with its account's facts, as every list and page uses it. */
export interface ChannelInfo extends ChannelRef {
  label: string | null;
  account: AccountInfo;
}


/** A Problem with every provider-quoting field empty unless given. */
export function makeProblem(fields: Partial<Problem> & Pick<Problem, 'kind' | 'message'>): Problem {
  return { provider: null, upstreamStatus: null, code: null, providerMessage: null, errorId: null, retryAfterSeconds: null, ...fields };
}

/** A FlowDetail with everything a provider did not say left empty. */
export function makeFlowDetail(fields: Pick<FlowDetail, 'id' | 'name' | 'status'> & Partial<FlowDetail>): FlowDetail {
  return {
    categories: [],
    validationErrors: [],
    health: null,
    jsonVersion: null,
    dataApiVersion: null,
    endpointUri: null,
    preview: null,
    whatsappBusinessAccount: null,
    application: null,
    hasFlowJson: false,
    ...fields,
  };
}
