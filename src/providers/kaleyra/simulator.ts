/** Kaleyra WhatsApp API v2 flow endpoints, on every documented pod, passing Meta's Graph shapes through. */
import { http, HttpResponse } from 'msw';
import type { SimFlow } from '../../mocks/data/world';
import { faultResponse, type Operation } from '../../mocks/handlers/faults';
import { fieldsOf, findFlow, graphAssets, graphFlow, graphListPage } from '../graph/simulator';
import type { ProviderSimulator, SimulatorContext } from '../types';
import { DEMO_WABAS, kaleyra, type KaleyraAccount } from './adapter';
import error400 from './seeds/kaleyra-error-400.json';
import error401 from './seeds/kaleyra-error-401.json';
import error500 from './seeds/kaleyra-error-500.json';

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

export const SEED_FLOW_ID = '1789XXXXXXXXXXXX';
/** Showcase flows (see WorldTools.showcase): `${SHOWCASE_PREFIX}01` is the one whose JSON link has expired. */
export const SHOWCASE_PREFIX = '91000000000';
const DEMO_LABELS: Record<string, string> = { [DEMO_WABAS[0]!]: 'Kaleyra_ATU_STG', [DEMO_WABAS[1]!]: 'Kaleyra host' };
const ALL_AVAILABLE = { flow: 'AVAILABLE', waba: 'AVAILABLE', business: 'AVAILABLE', app: 'AVAILABLE' } as const;
const KALEYRA_APP = { id: '115000000000001', link: 'https://www.kaleyra.com/', name: 'WA Business APP' };

export const kaleyraSimulator: ProviderSimulator<KaleyraAccount> = {
  world: (account, tools) =>
    account.wabaIds.map((wabaId, i) => {
      const label = DEMO_LABELS[wabaId] ?? `WABA ${i + 1}`;
      const idBase = 2000000000000001n + BigInt(i) * 100000000000000n;
      if (i > 0) return tools.channel(wabaId, label, tools.generate(21 + i, tools.smaller(tools.flowsPerChannel), idBase, true));
      const seeds: SimFlow[] = [
        { ...tools.flow(3, SEED_FLOW_ID, true), name: 'Demo Flow Stage 6', status: 'DRAFT', categories: ['APPOINTMENT_BOOKING'], errors: [] },
        { ...tools.flow(4, '612XXXXXXXXXXXX', true), name: 'WA Business APP flow', status: 'PUBLISHED', errors: [], health: ALL_AVAILABLE },
        { ...tools.flow(5, '5500000000000001', true), name: 'Lead capture', status: 'DRAFT', categories: ['LEAD_GENERATION'], errors: [], endpointUri: 'https://example.com', health: { ...ALL_AVAILABLE, flow: 'BLOCKED', app: 'LIMITED' } },
      ];
      return tools.channel(wabaId, label, [...seeds, ...tools.showcase(SHOWCASE_PREFIX, true), ...tools.generate(21, tools.flowsPerChannel, idBase, true)]);
    }),
  handlers: (context) => handlers(context),
};

function handlers({ account, channels, fault, authorized, assetUrl }: SimulatorContext<KaleyraAccount>) {
  const guard = async (request: Request, sid: string, operation: Operation) => {
    if (sid !== account.sid || !(await authorized(request))) return HttpResponse.json(error401, { status: 401 });
    const injected = fault(operation);
    return injected ? faultResponse(injected, errorBody) : undefined;
  };
  const notFound = () => HttpResponse.json(errorBody(404) as object, { status: 404 });

  return kaleyra.regionalBaseUrls.flatMap((host) => [
    http.get(`${host}/v2/:sid/whatsapp/:wabaId/flows`, async ({ request, params }) => {
      const refused = await guard(request, String(params.sid), 'list');
      if (refused) return refused;
      const channel = channels.find((c) => c.channelId === params.wabaId);
      if (!channel) return notFound();
      const page = graphListPage(request, channel);
      return page ? HttpResponse.json(page) : HttpResponse.json(error400, { status: 400 });
    }),
    http.get(`${host}/v2/:sid/whatsapp/:flowId`, async ({ request, params }) => {
      const refused = await guard(request, String(params.sid), 'detail');
      if (refused) return refused;
      const found = findFlow(channels, String(params.flowId));
      const fields = fieldsOf(request).filter((f) => f !== 'preview');
      return found ? HttpResponse.json(graphFlow(found.flow, found.channel, fields, KALEYRA_APP)) : notFound();
    }),
    http.get(`${host}/v2/:sid/whatsapp/:flowId/assets`, async ({ request, params }) => {
      const refused = await guard(request, String(params.sid), 'assets');
      if (refused) return refused;
      const found = findFlow(channels, String(params.flowId));
      return found ? HttpResponse.json(graphAssets(found.flow, assetUrl(found.channel, found.flow))) : notFound();
    }),
  ]);
}
