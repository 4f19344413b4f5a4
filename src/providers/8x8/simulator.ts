/** 8x8 Chat Apps flow endpoints, on every documented regional host, in 8x8's wire format. */
import { http, HttpResponse } from 'msw';
import { plantedErrors } from '../../mocks/data/flow-assets';
import type { SimChannel, SimFlow } from '../../mocks/data/world';
import { faultResponse, type Operation } from '../../mocks/handlers/faults';
import type { ProviderSimulator, SimulatorContext } from '../types';
import { DEMO_CHANNELS, eightByEight, type EightByEightAccount } from './adapter';
import error400 from './seeds/8x8-error-400.json';
import error401 from './seeds/8x8-error-401.json';
import error500 from './seeds/8x8-error-500.json';
import seedDetails from './seeds/8x8-flow-with-validation-errors.json';

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

/** The seed flow JSON: minified, with the value at line 1, columns 84–92, as in 8x8's example. */
export const SEED_FLOW_JSON =
  '{"version":"5.0","screens":[{"id":"ONE","layout":{"children":[{"children":[{"type":"Header","text":"Hello"}],"type":"Form","name":"form"}],"type":"SingleColumnLayout"},"title":"Welcome","terminal":true,"success":true,"data":{}}]}';
export const SEED_FLOW_ID = '822625023859371';
/** Showcase flows (see WorldTools.showcase): `${SHOWCASE_PREFIX}01` is the one whose JSON link has expired. */
export const SHOWCASE_PREFIX = '90000000000';
const DEMO_LABELS: Record<string, string> = { [DEMO_CHANNELS[0]!]: 'Retail support', [DEMO_CHANNELS[1]!]: 'Collections' };

export const eightByEightSimulator: ProviderSimulator<EightByEightAccount> = {
  world: (account, tools) =>
    account.channels.map((channelId, i) => {
      const label = DEMO_LABELS[channelId] ?? `Channel ${i + 1}`;
      const idBase = 1000000000000001n + BigInt(i) * 100000000000000n;
      if (i > 0) return tools.channel(channelId, label, tools.generate(11 + i, tools.smaller(tools.flowsPerChannel), idBase, false));
      const seeds: SimFlow[] = [
        {
          ...tools.flow(0, SEED_FLOW_ID, false),
          name: 'Example flow',
          status: 'DRAFT',
          categories: ['OTHER'],
          template: 0,
          minified: true,
          errors: [],
          endpointUri: null,
          verbatimJson: SEED_FLOW_JSON,
          verbatimJsonUrl: seedDetails.flowJsonUrl,
          verbatimDetails: seedDetails,
        },
        { ...tools.flow(1, '1145805540595505', false), name: 'Loan Collection', status: 'DRAFT' },
        { ...tools.flow(2, '802610292468882', false), name: '2025-10-08T15:17:51.241+08:00', status: 'PUBLISHED' },
      ];
      return tools.channel(channelId, label, [...seeds, ...tools.showcase(SHOWCASE_PREFIX, false), ...tools.generate(11, tools.flowsPerChannel, idBase, false)]);
    }),
  handlers: (context) => handlers(context),
};

function handlers({ account, channels, fault, authorized, assetUrl }: SimulatorContext<EightByEightAccount>) {
  // 8x8 accepts the account GUID with or without dashes, in either case.
  const canonical = (id: string) => id.replace(/-/g, '').toLowerCase();
  const channelOf = (accountId: string, channelId: string): SimChannel | Response => {
    if (canonical(accountId) !== canonical(account.accountId)) return HttpResponse.json(errorBody(400), { status: 400 });
    const channel = channels.find((c) => c.channelId === channelId);
    return channel ?? HttpResponse.json(errorBody(404, 1300, `Channel ${channelId} was not found`), { status: 404 });
  };
  const guard = async (request: Request, operation: Operation) => {
    if (!(await authorized(request))) return HttpResponse.json(errorBody(401), { status: 401 });
    const injected = fault(operation);
    return injected ? faultResponse(injected, (s) => errorBody(s)) : undefined;
  };
  return eightByEight.regionalBaseUrls.flatMap((host) => [
    http.get(`${host}/api/v1/accounts/:accountId/channels/:channelId/flows`, async ({ request, params }) => {
      const refused = await guard(request, 'list');
      if (refused) return refused;
      const channel = channelOf(String(params.accountId), String(params.channelId));
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
      const channel = channelOf(String(params.accountId), String(params.channelId));
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
        ...(flow.json === 'none' ? {} : { flowJsonUrl: assetUrl(channel, flow) }),
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
      const channel = channelOf(String(params.accountId), String(params.channelId));
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
