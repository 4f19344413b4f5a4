/** 8x8 Chat Apps flow endpoints, on every documented regional host, in 8x8's wire format. */
import { http, HttpResponse } from 'msw';
import { eightByEight } from '../../providers/8x8/adapter';
import { assetUrl, plantedErrors } from '../data/flow-assets';
import type { SimChannel, SimWorld } from '../data/world';
import { faultFor, faultResponse, type Faults, type Operation } from './faults';
import error400 from '../data/seeds/8x8-error-400.json';
import error401 from '../data/seeds/8x8-error-401.json';
import error500 from '../data/seeds/8x8-error-500.json';

const GENERIC: Record<number, { code: number; message: string }> = {
  400: error400,
  401: error401,
  404: { code: 1300, message: "Object wasn't found or is already expired" },
  429: { code: 429, message: 'Too many requests: the limit is 100 requests per minute per API key' },
};

/** 8x8's error body for any status >= 400: code, message, errorId, timestamp. */
const errorBody = (status: number, code?: number, message?: string) => ({
  ...(GENERIC[status] ?? error500),
  ...(code ? { code, message } : {}),
  errorId: crypto.randomUUID(),
  timestamp: new Date().toISOString(),
});

function channelOf(world: SimWorld, accountId: string, channelId: string): SimChannel | Response {
  // 8x8 accepts the account GUID with or without dashes, in either case.
  const canonical = (id: string) => id.replace(/-/g, '').toLowerCase();
  const byAccount = world.eightByEight.filter((c) => canonical(c.accountId) === canonical(accountId));
  if (byAccount.length === 0) return HttpResponse.json(errorBody(400), { status: 400 });
  const channel = byAccount.find((c) => c.channelId === channelId);
  return channel ?? HttpResponse.json(errorBody(404, 1300, `Channel ${channelId} was not found`), { status: 404 });
}

export function eightByEightHandlers(world: SimWorld, faults: Faults) {
  const guard = async (request: Request, operation: Operation) => {
    if (!/^Bearer \S+/.test(request.headers.get('Authorization') ?? '')) return HttpResponse.json(errorBody(401), { status: 401 });
    const fault = faultFor(faults, '8x8', operation);
    return fault ? faultResponse(fault, (s) => errorBody(s)) : undefined;
  };
  return eightByEight.regionalBaseUrls.flatMap((host) => [
    http.get(`${host}/api/v1/accounts/:accountId/channels/:channelId/flows`, async ({ request, params }) => {
      const refused = await guard(request, 'list');
      if (refused) return refused;
      const channel = channelOf(world, String(params.accountId), String(params.channelId));
      if (channel instanceof Response) return channel;
      const limitParam = new URL(request.url).searchParams.get('limit');
      const limit = limitParam === null ? 100 : Number(limitParam);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
        return HttpResponse.json(errorBody(400, 1010, 'limit must be between 1 and 1000'), { status: 400 });
      }
      return HttpResponse.json({ flows: channel.flows.slice(0, limit).map(({ id, name, status }) => ({ id, name, status })) });
    }),
    http.get(`${host}/api/v1/accounts/:accountId/channels/:channelId/flows/:flowId`, async ({ request, params }) => {
      const refused = await guard(request, 'detail');
      if (refused) return refused;
      const channel = channelOf(world, String(params.accountId), String(params.channelId));
      if (channel instanceof Response) return channel;
      const flow = channel.byId.get(String(params.flowId));
      if (!flow) return HttpResponse.json(errorBody(404, 1300, `Flow ${String(params.flowId)} was not found`), { status: 404 });
      if (flow.verbatimDetails) return HttpResponse.json(flow.verbatimDetails as object);
      const errors = plantedErrors(flow).map(({ code, type, message, position }) => ({
        error: code,
        errorType: type,
        message,
        ...(position ? { lineStart: position.lineStart, lineEnd: position.lineEnd, columnStart: position.columnStart, columnEnd: position.columnEnd } : {}),
        pointers: position ? [position] : [],
      }));
      return HttpResponse.json({
        flowId: flow.id,
        ...(flow.json === 'none' ? {} : { flowJsonUrl: assetUrl('8x8', channel.channelId, flow) }),
        name: flow.name,
        status: flow.status,
        categories: flow.categories,
        // 8x8 omits the key when there are no errors.
        ...(errors.length ? { validationErrors: errors } : {}),
      });
    }),
    http.get(`${host}/api/v1/accounts/:accountId/channels/:channelId/flows/:flowId/preview`, async ({ request, params }) => {
      const refused = await guard(request, 'detail');
      if (refused) return refused;
      const channel = channelOf(world, String(params.accountId), String(params.channelId));
      if (channel instanceof Response) return channel;
      const flow = channel.byId.get(String(params.flowId));
      if (!flow) return HttpResponse.json(errorBody(404), { status: 404 });
      return HttpResponse.json({
        id: flow.id,
        preview_url: `https://business.facebook.com/wa/manage/flows/${flow.id}/preview/?token=${crypto.randomUUID()}`,
        expires_at: new Date(Date.now() + 48 * 3600_000).toISOString().replace(/\.\d{3}Z$/, '+0000'),
      });
    }),
  ]);
}
