/** Meta's CDN, serving each simulated flow's JSON at the signed URLs the providers hand out. */
import { http, HttpResponse } from 'msw';
import { CDN_ROUTES, flowJsonResponse, parseAssetToken } from '../data/flow-assets';
import type { SimChannel, SimFlow } from '../data/world';
import { faultResponse, type FaultKind } from './faults';

const expired = () => new HttpResponse('URL signature expired', { status: 403, headers: { 'Content-Type': 'text/plain' } });

/** The CDN for one simulated account's channels; `fault` is the account's injected `json` fault, if any. */
export function cdnHandlers(channels: SimChannel[], fault: FaultKind | undefined) {
  const find = (channelId: string, flowId: string) => channels.find((c) => c.channelId === channelId)?.byId.get(flowId);
  const verbatim = (url: string): SimFlow | undefined => {
    for (const c of channels) for (const f of c.flows) if (f.verbatimJsonUrl === url) return f;
    return undefined;
  };
  const serve = async (request: Request, token: string) => {
    const seed = verbatim(request.url);
    const asset = seed ? null : parseAssetToken(token);
    const flow = seed ?? (asset ? find(asset.channelId, asset.flowId) : undefined);
    if (!flow) return new HttpResponse('Not Found', { status: 404 });
    if (fault) {
      const response = await faultResponse(fault, () => 'Bad gateway');
      if (response) return response;
    }
    const oe = new URL(request.url).searchParams.get('oe');
    if (!seed && (!oe || parseInt(oe, 16) * 1000 < Date.now())) return expired();
    return flowJsonResponse(flow, 'application/octet-stream');
  };
  return CDN_ROUTES.map((route) => http.get(`https://${route.host}${route.path}:token`, ({ request, params }) => serve(request, String(params.token))));
}
