/**
 * Infobip's WhatsApp flows endpoints (on its shared host; the fake upstream serves any account's
 * base URL): the sender's flows as `{flows:[…]}` without validation errors, each flow's JSON
 * served by the API itself (minified or pretty, exactly the text a CDN would serve), and
 * Infobip's `requestError.serviceException` errors.
 */
import { http, HttpResponse } from 'msw';
import { flowJsonResponse } from '../../mocks/data/flow-assets';
import type { SimChannel, SimFlow } from '../../mocks/data/world';
import { faultResponse, type Operation } from '../../mocks/handlers/faults';
import type { ProviderSimulator, SimulatorContext } from '../types';
import { infobip, type InfobipAccount } from './adapter';
import seedList from './seeds/infobip-list.json';

/** Showcase flows (see WorldTools.showcase). */
export const SHOWCASE_PREFIX = '95000000000';
/** The WABA id every simulated flow belongs to (Infobip's example). */
const BUSINESS_ACCOUNT_ID = seedList.flows[0]!.businessAccountId;

const GENERIC: Record<number, [string, string]> = {
  400: ['BAD_REQUEST', 'Bad request'],
  401: ['UNAUTHORIZED', 'Invalid login details'],
  403: ['FORBIDDEN', 'Forbidden'],
  404: ['NOT_FOUND', 'Requested URL not found'],
  429: ['TOO_MANY_REQUESTS', 'Too many requests'],
};
const errorBody = (status: number, text?: string) => {
  const [messageId, generic] = GENERIC[status] ?? ['GENERAL_ERROR', 'Something went wrong. Please contact support.'];
  return { requestError: { serviceException: { messageId, text: text ?? generic } } };
};
const error = (status: number, text?: string) => HttpResponse.json(errorBody(status, text), { status });

export const infobipSimulator: ProviderSimulator<InfobipAccount> = {
  world: (account, tools) =>
    account.senders.map((sender, i) => {
      const idBase = 6000000000000001n + BigInt(i) * 100000000000000n;
      const label = `Sender ${sender}`;
      if (i > 0) return tools.channel(sender, label, tools.generate(61 + i, tools.smaller(tools.flowsPerChannel), idBase, false));
      const documented: SimFlow[] = seedList.flows.map((f, n) => ({ ...tools.flow(60 + n, f.id, false), name: f.name, status: f.status, categories: f.categories }));
      return tools.channel(sender, label, [...documented, ...tools.showcase(SHOWCASE_PREFIX, false), ...tools.generate(61, tools.flowsPerChannel, idBase, false)]);
    }),
  handlers: (context) => handlers(context),
};

function handlers({ channels, fault, authorized }: SimulatorContext<InfobipAccount>) {
  const guard = async (request: Request, operation: Operation) => {
    if (!(await authorized(request))) return error(401);
    const injected = fault(operation);
    return injected ? faultResponse(injected, (status) => errorBody(status)) : undefined;
  };
  const senderOf = (sender: string): SimChannel | Response => channels.find((c) => c.channelId === sender) ?? error(404, `Sender ${sender} is not registered for this account`);
  const seeded = new Map(seedList.flows.map((f) => [f.id, f]));
  return infobip.regionalBaseUrls.flatMap((host) => [
    http.get(`${host}/whatsapp/1/senders/:sender/flows`, async ({ request, params }) => {
      const refused = await guard(request, 'list');
      if (refused) return refused;
      const channel = senderOf(String(params.sender));
      if (channel instanceof Response) return channel;
      return HttpResponse.json({
        flows: channel.flows.map((f) => seeded.get(f.id) ?? { id: f.id, name: f.name, businessAccountId: BUSINESS_ACCOUNT_ID, categories: f.categories, status: f.status }),
      });
    }),
    http.get(`${host}/whatsapp/1/senders/:sender/flows/:flowId/json`, async ({ request, params }) => {
      const refused = await guard(request, 'json');
      if (refused) return refused;
      const channel = senderOf(String(params.sender));
      if (channel instanceof Response) return channel;
      const flow = channel.byId.get(String(params.flowId));
      if (!flow) return error(404, `Flow ${String(params.flowId)} not found`);
      if (flow.json === 'none') return error(404, `Flow ${flow.id} has no flow JSON`);
      return flowJsonResponse(flow, 'application/json');
    }),
  ]);
}
