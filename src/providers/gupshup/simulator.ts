/**
 * Gupshup's Partner API flow endpoints on partner.gupshup.io: Meta's flow objects in bare arrays,
 * details with Gupshup's `"status":"success"` over the flow's own status (as its documented
 * sample has it), `{status:"error",message}` errors, and an unknown flow answered 400 with Graph's
 * "Unsupported get request" sentence.
 */
import { http, HttpResponse } from 'msw';
import type { SimChannel, SimFlow } from '../../mocks/data/world';
import { faultResponse, type Operation } from '../../mocks/handlers/faults';
import { fieldsOf, graphAssets, graphFlow } from '../graph/simulator';
import type { ProviderSimulator, SimulatorContext } from '../types';
import { gupshup, type GupshupAccount } from './adapter';
import seedDetails from './seeds/gupshup-get-flow.json';
import seedList from './seeds/gupshup-list.json';

/** Showcase flows (see WorldTools.showcase). */
export const SHOWCASE_PREFIX = '94000000000';
/** The flow of Gupshup's get-flow sample: listed as DRAFT, its details say "success". */
export const SEED_FLOW_ID = seedDetails.id;

const GENERIC: Record<number, string> = {
  400: 'Blocked by Integrity',
  401: 'Unauthorized Access',
  403: 'Unauthorized Access',
  404: 'Not Found',
  429: 'Too Many Requests',
};
const errorBody = (status: number, message?: string) => ({ status: 'error', message: message ?? GENERIC[status] ?? 'Internal Server Error' });
const error = (status: number, message?: string) => HttpResponse.json(errorBody(status, message), { status });
const unknownObject = (id: string) =>
  error(400, `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`);

const LIST_FIELDS = ['validation_errors', 'id', 'name', 'status', 'categories'];

export const gupshupSimulator: ProviderSimulator<GupshupAccount> = {
  world: (account, tools) => {
    const idBase = 5000000000000001n;
    const documented: SimFlow[] = seedList.map((f, i) => ({ ...tools.flow(50 + i, f.id, false), name: f.name, status: f.status, categories: f.categories, errors: [] }));
    const sample: SimFlow = {
      ...tools.flow(49, SEED_FLOW_ID, false),
      name: seedDetails.name,
      status: 'DRAFT',
      categories: seedDetails.categories,
      errors: [],
      verbatimDetails: seedDetails,
    };
    return [tools.channel(account.appId, 'Gupshup app', [sample, ...documented, ...tools.showcase(SHOWCASE_PREFIX, false), ...tools.generate(51, tools.flowsPerChannel, idBase, false)])];
  },
  handlers: (context) => handlers(context),
};

function handlers({ channels, fault, authorized, assetUrl }: SimulatorContext<GupshupAccount>) {
  const guard = async (request: Request, operation: Operation) => {
    if (!(await authorized(request))) return error(401);
    const injected = fault(operation);
    return injected ? faultResponse(injected, (status) => errorBody(status)) : undefined;
  };
  // An app token belongs to one app: another app id is refused as unauthorized.
  const appOf = (appId: string): SimChannel | Response => channels.find((c) => c.channelId === appId) ?? error(401);
  const flowOf = (appId: string, flowId: string): { channel: SimChannel; flow: SimFlow } | Response => {
    const channel = appOf(appId);
    if (channel instanceof Response) return channel;
    const flow = channel.byId.get(flowId);
    return flow ? { channel, flow } : unknownObject(flowId);
  };
  return gupshup.regionalBaseUrls.flatMap((host) => [
    http.get(`${host}/partner/app/:appId/flows`, async ({ request, params }) => {
      const refused = await guard(request, 'list');
      if (refused) return refused;
      const channel = appOf(String(params.appId));
      if (channel instanceof Response) return channel;
      // A bare array, every flow at once: Gupshup's list has no paging.
      return HttpResponse.json(channel.flows.map((f) => graphFlow(f, channel, LIST_FIELDS)));
    }),
    http.get(`${host}/partner/app/:appId/flows/:flowId`, async ({ request, params }) => {
      const refused = await guard(request, 'detail');
      if (refused) return refused;
      const found = flowOf(String(params.appId), String(params.flowId));
      if (found instanceof Response) return found;
      if (found.flow.verbatimDetails) return HttpResponse.json(found.flow.verbatimDetails as object);
      // Gupshup's own "status":"success" lands where Meta's flow status was.
      return HttpResponse.json({ ...graphFlow(found.flow, found.channel, fieldsOf(request)), status: 'success' });
    }),
    http.get(`${host}/partner/app/:appId/flows/:flowId/assets`, async ({ request, params }) => {
      const refused = await guard(request, 'assets');
      if (refused) return refused;
      const found = flowOf(String(params.appId), String(params.flowId));
      if (found instanceof Response) return found;
      return HttpResponse.json(graphAssets(found.flow, assetUrl(found.channel, found.flow)).data);
    }),
    http.get(`${host}/partner/app/:appId/flows/:flowId/preview`, async ({ request, params }) => {
      const refused = await guard(request, 'detail');
      if (refused) return refused;
      const found = flowOf(String(params.appId), String(params.flowId));
      if (found instanceof Response) return found;
      const { preview } = graphFlow(found.flow, found.channel, ['preview']) as { preview: object };
      return HttpResponse.json({ id: found.flow.id, preview, status: 'success' });
    }),
  ]);
}
