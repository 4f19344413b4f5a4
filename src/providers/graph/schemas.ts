/**
 * Meta Graph's WhatsApp Flows shapes (snake_case), shared by every provider that speaks or
 * passes through Graph's flows API.
 */
import { z } from 'zod';
import type { FlowDetail, FlowSummary, Health, ValidationError } from '../../model/flow';
import { toValidationError } from '../validation-error';

const num = z.number().nullish();

const graphPointer = z.looseObject({
  line_start: num,
  line_end: num,
  column_start: num,
  column_end: num,
  path: z.string().nullish(),
});

export const graphValidationError = z.looseObject({
  error: z.string().nullish(),
  error_type: z.string().nullish(),
  message: z.string().nullish(),
  line_start: num,
  line_end: num,
  column_start: num,
  column_end: num,
  pointers: z.array(graphPointer).nullish(),
});

const graphHealthEntity = z.looseObject({
  entity_type: z.string(),
  id: z.union([z.string(), z.number()]).nullish(),
  can_send_message: z.string(),
  errors: z
    .array(
      z.looseObject({
        error_code: z.union([z.number(), z.string()]).nullish(),
        error_description: z.string().nullish(),
        possible_solution: z.string().nullish(),
      }),
    )
    .nullish(),
  additional_info: z.union([z.array(z.string()), z.string()]).nullish(),
});

export const graphHealthStatus = z.looseObject({
  can_send_message: z.string(),
  entities: z.array(graphHealthEntity).nullish(),
});

export const graphFlow = z.looseObject({
  id: z.union([z.string(), z.number()]).transform(String),
  name: z.string().nullish(),
  status: z.string().nullish(),
  categories: z.array(z.string()).nullish(),
  validation_errors: z.array(graphValidationError).nullish(),
  json_version: z.union([z.string(), z.number()]).nullish(),
  data_api_version: z.union([z.string(), z.number()]).nullish(),
  endpoint_uri: z.string().nullish(),
  /** Deprecated in Graph v19.0 for endpoint_uri, but still in Meta's own examples. */
  data_channel_uri: z.string().nullish(),
  preview: z.looseObject({ preview_url: z.string(), expires_at: z.string().nullish() }).nullish(),
  whatsapp_business_account: z
    .looseObject({ id: z.union([z.string(), z.number()]).nullish(), name: z.string().nullish() })
    .nullish(),
  application: z
    .looseObject({
      id: z.union([z.string(), z.number()]).nullish(),
      name: z.string().nullish(),
      link: z.string().nullish(),
    })
    .nullish(),
  health_status: graphHealthStatus.nullish(),
});
export type GraphFlow = z.infer<typeof graphFlow>;

export const graphPaging = z
  .looseObject({
    cursors: z.looseObject({ before: z.string().nullish(), after: z.string().nullish() }).nullish(),
    next: z.string().nullish(),
  })
  .nullish();

export const graphFlowList = z.looseObject({ data: z.array(graphFlow), paging: graphPaging });

export const graphAssets = z.looseObject({
  data: z.array(
    z.looseObject({ name: z.string().nullish(), asset_type: z.string().nullish(), download_url: z.string().nullish() }),
  ),
});

const orNull = <T>(value: T | null | undefined): T | null => value ?? null;
const str = (value: string | number | null | undefined): string | null => (value == null ? null : String(value));

function fromGraphValidationError(e: z.infer<typeof graphValidationError>): ValidationError {
  const camel = (p: { line_start?: number | null; line_end?: number | null; column_start?: number | null; column_end?: number | null }) => ({
    lineStart: p.line_start,
    lineEnd: p.line_end,
    columnStart: p.column_start,
    columnEnd: p.column_end,
  });
  return toValidationError({
    error: e.error,
    errorType: e.error_type,
    message: e.message,
    ...camel(e),
    pointers: e.pointers?.map((p) => ({ ...camel(p), path: p.path })),
  });
}

export function toHealth(h: z.infer<typeof graphHealthStatus>): Health {
  return {
    canSendMessage: h.can_send_message,
    entities: (h.entities ?? []).map((e) => ({
      type: e.entity_type,
      id: str(e.id),
      canSendMessage: e.can_send_message,
      errors: (e.errors ?? []).map((err) => ({
        code: err.error_code ?? null,
        description: err.error_description ?? '',
        possibleSolution: orNull(err.possible_solution),
      })),
      additionalInfo:
        typeof e.additional_info === 'string' ? [e.additional_info] : (e.additional_info ?? []),
    })),
  };
}

export function toFlowSummary(f: GraphFlow): FlowSummary {
  return {
    id: f.id,
    name: f.name ?? '',
    status: f.status ?? 'UNKNOWN',
    categories: f.categories ?? undefined,
    validationErrorCount: f.validation_errors ? f.validation_errors.length : undefined,
    health: f.health_status ? toHealth(f.health_status) : undefined,
  };
}

export function toFlowDetail(f: GraphFlow, hasFlowJson: boolean): FlowDetail {
  return {
    id: f.id,
    name: f.name ?? '',
    status: f.status ?? 'UNKNOWN',
    categories: f.categories ?? [],
    validationErrors: (f.validation_errors ?? []).map(fromGraphValidationError),
    health: f.health_status ? toHealth(f.health_status) : null,
    jsonVersion: str(f.json_version),
    dataApiVersion: str(f.data_api_version),
    endpointUri: f.endpoint_uri ?? f.data_channel_uri ?? null,
    preview: f.preview ? { url: f.preview.preview_url, expiresAt: orNull(f.preview.expires_at) } : null,
    whatsappBusinessAccount: f.whatsapp_business_account
      ? { id: str(f.whatsapp_business_account.id), name: orNull(f.whatsapp_business_account.name) }
      : null,
    application: f.application
      ? { id: str(f.application.id), name: orNull(f.application.name), link: orNull(f.application.link) }
      : null,
    hasFlowJson,
  };
}

/** Cursor of the next page: Graph stops when `paging.next` is absent, never on a short page. */
export function nextCursor(paging: z.infer<typeof graphPaging>): string | undefined {
  if (!paging?.next) return undefined;
  const after = paging.cursors?.after;
  if (after) return after;
  try {
    return new URL(paging.next).searchParams.get('after') ?? undefined;
  } catch {
    return undefined;
  }
}

export function flowJsonAssetUrl(body: z.infer<typeof graphAssets>): string | null {
  const asset = body.data.find((a) => a.asset_type === 'FLOW_JSON') ?? body.data[0];
  return asset?.download_url ?? null;
}

/** Fields asked for in list calls: health_status too, which spares a details call per row. */
export const GRAPH_LIST_FIELDS = 'id,name,status,categories,validation_errors,health_status';
/** Every details field the desk shows. */
export const GRAPH_DETAIL_FIELDS = [
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
/** Graph's page size asked for; the server may send fewer, and we follow `paging.next` regardless. */
export const GRAPH_PAGE_SIZE = '1000';

/** Graph's error envelope: `{"error":{message,type,code,error_subcode,fbtrace_id}}`. */
const graphError = z.looseObject({
  error: z.looseObject({
    message: z.string().nullish(),
    type: z.string().nullish(),
    code: z.union([z.number(), z.string()]).nullish(),
    error_subcode: z.union([z.number(), z.string()]).nullish(),
    fbtrace_id: z.string().nullish(),
    error_user_msg: z.string().nullish(),
  }),
});

/** Graph code 190: the access token expired or was revoked. */
const TOKEN_EXPIRED = 190;

/** A Graph error body in the desk's words: message, code (with subcode) and fbtrace_id as the error id. */
export function parseGraphError(body: unknown, tokenName: string) {
  const parsed = graphError.safeParse(body);
  if (!parsed.success) return null;
  const e = parsed.data.error;
  const code = e.code == null ? null : e.error_subcode != null ? `${e.code} (subcode ${e.error_subcode})` : e.code;
  const message = [e.message, e.error_user_msg && e.error_user_msg !== e.message ? e.error_user_msg : null].filter(Boolean).join(' — ') || null;
  return {
    code,
    message,
    errorId: e.fbtrace_id ?? null,
    // Code 100 with subcode 33: "Object with ID … does not exist" (Graph answers it with HTTP 400).
    notFound: Number(e.code) === 100 && Number(e.error_subcode) === 33,
    advice: Number(e.code) === TOKEN_EXPIRED ? `The ${tokenName} has expired or was revoked (Graph code 190): it must be renewed, and the new one configured on the Flow Desk server.` : null,
  };
}
