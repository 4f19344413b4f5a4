/** 360dialog's Messaging API flows endpoints: Graph's shapes, the WABA implied by the API key. */
import { http, HttpResponse } from 'msw';
import { faultResponse, type Operation } from '../../mocks/handlers/faults';
import { fieldsOf, findFlow, graphAssets, graphError, graphErrorBody, graphFlow, graphListPage } from '../graph/simulator';
import type { ProviderSimulator, SimulatorContext } from '../types';
import { d360, KEY_CHANNEL, type D360Account } from './adapter';

export const SHOWCASE_PREFIX = '93000000000';

export const d360Simulator: ProviderSimulator<D360Account> = {
  world: (_account, tools) => [
    tools.channel(KEY_CHANNEL, 'WABA of this API key', [...tools.showcase(SHOWCASE_PREFIX, true), ...tools.generate(41, tools.flowsPerChannel, 4000000000000001n, true)]),
  ],
  handlers: (context) => handlers(context),
};

function handlers({ channels, fault, authorized, assetUrl }: SimulatorContext<D360Account>) {
  const guard = async (request: Request, operation: Operation) => {
    if (!(await authorized(request))) return graphError(401);
    const injected = fault(operation);
    return injected ? faultResponse(injected, (status) => graphErrorBody(status)) : undefined;
  };
  return d360.regionalBaseUrls.flatMap((host) => [
    http.get(`${host}/flows`, async ({ request }) => {
      const refused = await guard(request, 'list');
      if (refused) return refused;
      const page = graphListPage(request, channels[0]!);
      return page ? HttpResponse.json(page) : graphError(400);
    }),
    http.get(`${host}/flows/:flowId`, async ({ request, params }) => {
      const refused = await guard(request, 'detail');
      if (refused) return refused;
      const found = findFlow(channels, String(params.flowId));
      return found ? HttpResponse.json(graphFlow(found.flow, found.channel, fieldsOf(request))) : graphError(400, String(params.flowId));
    }),
    http.get(`${host}/flows/:flowId/assets`, async ({ request, params }) => {
      const refused = await guard(request, 'assets');
      if (refused) return refused;
      const found = findFlow(channels, String(params.flowId));
      return found ? HttpResponse.json(graphAssets(found.flow, assetUrl(found.channel, found.flow))) : graphError(400, String(params.flowId));
    }),
  ]);
}
