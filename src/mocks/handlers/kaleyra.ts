/** Kaleyra WhatsApp API v2 flow endpoints, on every documented pod, passing Meta's Graph shapes through. */
import { http, HttpResponse } from 'msw';
import { kaleyra } from '../../providers/kaleyra/adapter';
import { assetUrl, plantedErrors } from '../data/flow-assets';
import type { SimChannel, SimFlow, SimWorld } from '../data/world';
import { faultFor, faultResponse, type Faults, type Operation } from './faults';
import error400 from '../data/seeds/kaleyra-error-400.json';
import error401 from '../data/seeds/kaleyra-error-401.json';
import error500 from '../data/seeds/kaleyra-error-500.json';

const DEFAULT_FIELDS = ['categories', 'id', 'name', 'status', 'validation_errors'];
/** Graph's default page size when `limit` is absent. */
const DEFAULT_PAGE = 25;
const MAX_PAGE = 1000;

const errorBody = (status: number): unknown =>
  status === 401
    ? error401
    : status === 400
      ? error400
      : status === 404
        ? { code: 'WA-404', message: 'Requested resource was not found', data: {}, error: { error: 'Not found' } }
        : status === 429
          ? { code: 'WA-429', message: 'Too many requests', data: {}, error: { error: 'Rate limit exceeded' } }
          : error500;

function fieldsOf(request: Request): string[] {
  const raw = new URL(request.url).searchParams.get('fields');
  return raw ? raw.split(',').map((f) => f.trim()) : DEFAULT_FIELDS;
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
      ? { additional_info: [kind === 'app' ? "Your app is not subscribed to the WhatsApp Business Account's webhooks." : 'Throttled by endpoint health monitoring: at most 10 sends per hour.'] }
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
function graphFlow(flow: SimFlow, channel: SimChannel, fields: string[]) {
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
    application: () => ({ id: '115000000000001', link: 'https://www.kaleyra.com/', name: 'WA Business APP' }),
    health_status: () => healthStatus(flow, channel.channelId),
  };
  return Object.fromEntries(fields.filter((f) => f in all).map((f) => [f, all[f]!()]).filter(([, v]) => v !== undefined));
}

export function kaleyraHandlers(world: SimWorld, faults: Faults) {
  const guard = async (request: Request, sid: string, operation: Operation) => {
    if (!request.headers.get('api-key') || !world.kaleyra.some((c) => c.accountId === sid)) {
      return HttpResponse.json(error401, { status: 401 });
    }
    const fault = faultFor(faults, 'kaleyra', operation);
    return fault ? faultResponse(fault, errorBody) : undefined;
  };
  const findFlow = (sid: string, flowId: string) => {
    for (const channel of world.kaleyra) {
      const flow = channel.accountId === sid ? channel.byId.get(flowId) : undefined;
      if (flow) return { channel, flow };
    }
    return undefined;
  };
  const notFound = () => HttpResponse.json(errorBody(404) as object, { status: 404 });

  return kaleyra.regionalBaseUrls.flatMap((host) => [
    http.get(`${host}/v2/:sid/whatsapp/:wabaId/flows`, async ({ request, params }) => {
      const sid = String(params.sid);
      const refused = await guard(request, sid, 'list');
      if (refused) return refused;
      const channel = world.kaleyra.find((c) => c.accountId === sid && c.channelId === params.wabaId);
      if (!channel) return notFound();
      const url = new URL(request.url);
      const limit = Math.min(Number(url.searchParams.get('limit')) || DEFAULT_PAGE, MAX_PAGE);
      const after = url.searchParams.get('after');
      const start = after ? Number(atob(after).replace('offset:', '')) : 0;
      if (!Number.isInteger(start) || start < 0) return HttpResponse.json(error400, { status: 400 });
      const fields = fieldsOf(request);
      const slice = channel.flows.slice(start, start + limit);
      const end = start + slice.length;
      const cursor = (offset: number) => btoa(`offset:${offset}`);
      const next = new URL(url);
      next.searchParams.set('after', cursor(end));
      return HttpResponse.json({
        data: slice.map((f) => graphFlow(f, channel, fields)),
        paging: {
          cursors: { before: cursor(start), after: cursor(end) },
          ...(end < channel.flows.length ? { next: next.href } : {}),
        },
      });
    }),
    http.get(`${host}/v2/:sid/whatsapp/:flowId`, async ({ request, params }) => {
      const sid = String(params.sid);
      const refused = await guard(request, sid, 'detail');
      if (refused) return refused;
      const found = findFlow(sid, String(params.flowId));
      return found ? HttpResponse.json(graphFlow(found.flow, found.channel, fieldsOf(request))) : notFound();
    }),
    http.get(`${host}/v2/:sid/whatsapp/:flowId/assets`, async ({ request, params }) => {
      const sid = String(params.sid);
      const refused = await guard(request, sid, 'assets');
      if (refused) return refused;
      const found = findFlow(sid, String(params.flowId));
      if (!found) return notFound();
      const cursor = btoa('asset:0');
      return HttpResponse.json({
        data: found.flow.json === 'none' ? [] : [{ name: 'flow.json', asset_type: 'FLOW_JSON', download_url: assetUrl('kaleyra', found.channel.channelId, found.flow) }],
        paging: { cursors: { before: cursor, after: cursor } },
      });
    }),
  ]);
}
