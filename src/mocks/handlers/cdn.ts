/** Meta's CDN, serving each simulated flow's JSON at the signed URLs the providers hand out. */
import { delay, http, HttpResponse } from 'msw';
import { flowDocument, oversizedDocument, parseAssetToken, SEED_8X8_JSON_URL } from '../data/flow-assets';
import type { SimWorld } from '../data/world';
import { faultFor, faultResponse, type Faults } from './faults';

const expired = () => new HttpResponse('URL signature expired', { status: 403, headers: { 'Content-Type': 'text/plain' } });

export function cdnHandlers(world: SimWorld, faults: Faults) {
  const serve = async (request: Request, token: string) => {
    const seed = request.url === SEED_8X8_JSON_URL;
    const asset = seed ? { provider: '8x8', channelId: world.eightByEight[0]!.channelId, flowId: '822625023859371' } : parseAssetToken(token);
    const channels = asset?.provider === '8x8' ? world.eightByEight : world.kaleyra;
    const flow = asset && channels.find((c) => c.channelId === asset.channelId)?.byId.get(asset.flowId);
    if (!asset || !flow) return new HttpResponse('Not Found', { status: 404 });
    const fault = faultFor(faults, asset.provider, 'json');
    if (fault) {
      const response = await faultResponse(fault, () => 'Bad gateway');
      if (response) return response;
    }
    const oe = new URL(request.url).searchParams.get('oe');
    if (!seed && (!oe || parseInt(oe, 16) * 1000 < Date.now())) return expired();
    const headers = { 'Content-Type': 'application/octet-stream' };
    switch (flow.json) {
      case 'not-json':
        return new HttpResponse('{"version": "5.0", "screens": [ { "id": "BROKEN", "title": "Oops" ', { headers });
      case 'huge':
        return new HttpResponse(oversizedDocument(), { headers });
      case 'slow':
        await delay(30_000);
        break;
    }
    return new HttpResponse(flowDocument(flow).text, { headers });
  };
  return [
    http.get('https://mmg.whatsapp.net/m1/v/t24/:token', ({ request, params }) => serve(request, String(params.token))),
    http.get('https://scontent.xx.fbcdn.net/m1/v/t0.57323-24/:token', ({ request, params }) => serve(request, String(params.token))),
  ];
}
