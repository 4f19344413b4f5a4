/** Meta Graph's flows endpoints on graph.facebook.com, under any Graph version, with Graph errors. */
import { http, HttpResponse } from 'msw';
import { faultResponse, type Operation } from '../../mocks/handlers/faults';
import { fieldsOf, findFlow, graphAssets, graphError, graphErrorBody, graphFlow, graphListPage } from '../graph/simulator';
import type { ProviderSimulator, SimulatorContext } from '../types';
import { DEFAULT_GRAPH_VERSION, meta, type MetaAccount } from './adapter';

/** Showcase flows (see WorldTools.showcase). */
export const SHOWCASE_PREFIX = '92000000000';
const VERSION = /^v\d+\.\d+$/;

export const metaSimulator: ProviderSimulator<MetaAccount> = {
  world: (account, tools) =>
    account.wabaIds.map((wabaId, i) => {
      const idBase = 3000000000000001n + BigInt(i) * 100000000000000n;
      const label = `Meta WABA ${i + 1}`;
      if (i > 0) return tools.channel(wabaId, label, tools.generate(31 + i, tools.smaller(tools.flowsPerChannel), idBase, true));
      return tools.channel(wabaId, label, [...tools.showcase(SHOWCASE_PREFIX, true), ...tools.generate(31, tools.flowsPerChannel, idBase, true)]);
    }),
  handlers: (context) => handlers(context),
};

function handlers({ channels, fault, authorized, assetUrl }: SimulatorContext<MetaAccount>) {
  const guard = async (request: Request, version: string, operation: Operation) => {
    if (!VERSION.test(version)) return graphError(400, version);
    if (!(await authorized(request))) return graphError(401);
    const injected = fault(operation);
    return injected ? faultResponse(injected, (status) => graphErrorBody(status)) : undefined;
  };
  const headers = (version: string) => ({ 'facebook-api-version': VERSION.test(version) ? version : DEFAULT_GRAPH_VERSION });
  return meta.regionalBaseUrls.flatMap((host) => [
    http.get(`${host}/:version/:wabaId/flows`, async ({ request, params }) => {
      const version = String(params.version);
      const refused = await guard(request, version, 'list');
      if (refused) return refused;
      const channel = channels.find((c) => c.channelId === params.wabaId);
      if (!channel) return graphError(400, String(params.wabaId));
      const page = graphListPage(request, channel);
      return page ? HttpResponse.json(page, { headers: headers(version) }) : graphError(400);
    }),
    http.get(`${host}/:version/:flowId/assets`, async ({ request, params }) => {
      const version = String(params.version);
      const refused = await guard(request, version, 'assets');
      if (refused) return refused;
      const found = findFlow(channels, String(params.flowId));
      if (!found) return graphError(400, String(params.flowId));
      return HttpResponse.json(graphAssets(found.flow, assetUrl(found.channel, found.flow)), { headers: headers(version) });
    }),
    http.get(`${host}/:version/:flowId`, async ({ request, params }) => {
      const version = String(params.version);
      const refused = await guard(request, version, 'detail');
      if (refused) return refused;
      const found = findFlow(channels, String(params.flowId));
      if (!found) return graphError(400, String(params.flowId));
      return HttpResponse.json(graphFlow(found.flow, found.channel, fieldsOf(request)), { headers: headers(version) });
    }),
  ]);
}
