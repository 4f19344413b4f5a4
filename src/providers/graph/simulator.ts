/**
 * Meta Graph's WhatsApp Flows wire format for simulators of providers that pass it through:
 * flow objects with only the fields asked for, cursor-paged lists, assets and Graph errors.
 */
import { HttpResponse } from 'msw';
import { plantedErrors } from '../../mocks/data/flow-assets';
import type { SimChannel, SimFlow } from '../../mocks/data/world';

/** Graph's default fields when `fields` is absent. */
const DEFAULT_FIELDS = ['categories', 'id', 'name', 'status', 'validation_errors'];
/** Graph's default page size when `limit` is absent, and the most we hand out. */
const DEFAULT_PAGE = 25;
const MAX_PAGE = 1000;

export function fieldsOf(request: Request): string[] {
  const raw = new URL(request.url).searchParams.get('fields');
  return raw ? raw.split(',').map((f) => f.trim().replace(/\..*$/, '')) : DEFAULT_FIELDS;
}

function healthStatus(flow: SimFlow, wabaId: string) {
  if (!flow.health) return undefined;
  const entity = (entity_type: string, id: string, level: string, kind: 'flow' | 'app' | 'other') => ({
    entity_type,
    id,
    can_send_message: level,
    ...(level === 'BLOCKED'
      ? {
          errors:
            kind === 'flow'
              ? [
                  { error_code: 131000, error_description: 'endpoint_uri: You need to set the endpoint URI before you can send or publish a flow.', possible_solution: 'https://developers.facebook.com/docs/whatsapp/flows/reference/flowjson#top-level-flow-json-properties' },
                  { error_code: 131000, error_description: 'app_check: You need to connect a Meta app to the flow before you can send or publish it.', possible_solution: 'https://developers.facebook.com/docs/development/create-an-app' },
                ]
              : [{ error_code: 131031, error_description: 'Business account is restricted from messaging.', possible_solution: 'https://www.facebook.com/business/help/2640149499569241' }],
        }
      : {}),
    ...(level === 'LIMITED'
      ? { additional_info: [kind === 'app' ? 'Your app is not subscribed to the message webhook. This means you will not receive any messages sent to your phone number.' : 'Throttled by endpoint health monitoring: at most 10 sends per hour.'] }
      : {}),
  });
  const { flow: f, waba, business, app } = flow.health;
  const levels = [f, waba, business, app];
  return {
    can_send_message: levels.includes('BLOCKED') ? 'BLOCKED' : levels.includes('LIMITED') ? 'LIMITED' : 'AVAILABLE',
    entities: [
      entity('FLOW', flow.id, f, 'flow'),
      entity('WABA', wabaId, waba, 'other'),
      entity('BUSINESS', '109000000000001', business, 'other'),
      entity('APP', '115000000000001', app, 'app'),
    ],
  };
}

/** The Graph flow object with only the requested fields, as Meta answers. */
export function graphFlow(flow: SimFlow, channel: SimChannel, fields: string[], application = { id: '115000000000001', link: 'https://developers.facebook.com/apps/115000000000001', name: 'WA Business APP' }) {
  const all: Record<string, () => unknown> = {
    id: () => flow.id,
    name: () => flow.name,
    status: () => flow.status,
    categories: () => flow.categories,
    validation_errors: () =>
      plantedErrors(flow).map(({ code, type, message, position }) => ({
        error: code,
        error_type: type,
        message,
        ...(position ? { line_start: position.lineStart, line_end: position.lineEnd, column_start: position.columnStart, column_end: position.columnEnd } : {}),
        pointers: position
          ? [{ line_start: position.lineStart, line_end: position.lineEnd, column_start: position.columnStart, column_end: position.columnEnd, path: position.path }]
          : [],
      })),
    json_version: () => (flow.template === 3 ? '7.1' : flow.template === 1 ? '6.0' : '5.0'),
    data_api_version: () => (flow.endpointUri ? '3.0' : undefined),
    endpoint_uri: () => flow.endpointUri ?? undefined,
    whatsapp_business_account: () => ({ currency: 'INR', id: channel.channelId, message_template_namespace: '1c9639a3_37b1_4ca9_8b72_295e00000ade', name: channel.label, timezone_id: '476' }),
    application: () => application,
    health_status: () => healthStatus(flow, channel.channelId),
    preview: () => ({
      preview_url: `https://business.facebook.com/wa/manage/flows/${flow.id}/preview/?token=${crypto.randomUUID()}`,
      expires_at: new Date(Date.now() + 30 * 24 * 3600_000).toISOString().replace(/\.\d{3}Z$/, '+0000'),
    }),
  };
  return Object.fromEntries(fields.filter((f) => f in all).map((f) => [f, all[f]!()]).filter(([, v]) => v !== undefined));
}

/** One page of a channel's flows with Graph cursor paging (`after` is an opaque offset). Null for a bad cursor. */
export function graphListPage(request: Request, channel: SimChannel): object | null {
  const url = new URL(request.url);
  const limit = Math.min(Number(url.searchParams.get('limit')) || DEFAULT_PAGE, MAX_PAGE);
  const after = url.searchParams.get('after');
  let start: number;
  try {
    start = after ? Number(atob(after).replace('offset:', '')) : 0;
  } catch {
    return null;
  }
  if (!Number.isInteger(start) || start < 0) return null;
  const fields = fieldsOf(request);
  const slice = channel.flows.slice(start, start + limit);
  const end = start + slice.length;
  const cursor = (offset: number) => btoa(`offset:${offset}`);
  const next = new URL(url);
  next.searchParams.set('after', cursor(end));
  return {
    data: slice.map((f) => graphFlow(f, channel, fields)),
    paging: {
      cursors: { before: cursor(start), after: cursor(end) },
      ...(end < channel.flows.length ? { next: next.href } : {}),
    },
  };
}

/** Graph's assets answer: the FLOW_JSON asset with its download link, none when the flow has no JSON. */
export function graphAssets(flow: SimFlow, downloadUrl: string) {
  const cursor = btoa('asset:0');
  return {
    data: flow.json === 'none' ? [] : [{ name: 'flow.json', asset_type: 'FLOW_JSON', download_url: downloadUrl }],
    paging: { cursors: { before: cursor, after: cursor } },
  };
}

/** The flow with this id in any of the channels, with its channel. */
export function findFlow(channels: SimChannel[], flowId: string) {
  for (const channel of channels) {
    const flow = channel.byId.get(flowId);
    if (flow) return { channel, flow };
  }
  return undefined;
}

/** Graph's error envelope, with the codes Meta documents for each status. */
export function graphErrorBody(status: number, flowId?: string) {
  const fbtrace_id = `A${crypto.randomUUID().replace(/-/g, '').slice(0, 22)}`;
  const body = (message: string, type: string, code: number, error_subcode?: number) => ({ error: { message, type, code, ...(error_subcode ? { error_subcode } : {}), fbtrace_id } });
  switch (status) {
    case 400:
      return body(`Unsupported get request. Object with ID '${flowId ?? 'unknown'}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`, 'GraphMethodException', 100, 33);
    case 401:
      return body('Error validating access token: Session has expired.', 'OAuthException', 190, 463);
    case 403:
      return body('(#200) Permissions error', 'OAuthException', 200);
    case 404:
      return body(`Unsupported get request. Object with ID '${flowId ?? 'unknown'}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`, 'GraphMethodException', 100, 33);
    case 429:
      return { error: { message: 'Application request limit reached', type: 'OAuthException', code: 4, error_subcode: 2446079, fbtrace_id, is_transient: true } };
    default:
      return { error: { message: 'An unexpected error has occurred. Please retry your request later.', type: 'OAuthException', code: 2, fbtrace_id, is_transient: true } };
  }
}

export const graphError = (status: number, flowId?: string) => HttpResponse.json(graphErrorBody(status, flowId), { status });
