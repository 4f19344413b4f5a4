/**
 * The parts of an adapter shared by providers that speak Meta Graph's flows API as is (Meta
 * itself and providers relaying it): list with cursor paging, details with `fields`, assets for the JSON link,
 * Graph's error envelope. Each provider adds its host, auth and config.
 */
import { checkId } from '../ids';
import type { AccountBase, ProviderAdapter, UpstreamRequest } from '../types';
import {
  flowJsonAssetUrl,
  GRAPH_DETAIL_FIELDS,
  GRAPH_LIST_FIELDS,
  GRAPH_PAGE_SIZE,
  graphAssets,
  graphFlow,
  graphFlowList,
  nextCursor,
  parseGraphError,
  toFlowDetail,
  toFlowSummary,
} from './schemas';

const GRAPH_ID = /^[A-Za-z0-9_-]{1,64}$/;

type GraphCalls<A extends AccountBase> = Pick<
  ProviderAdapter<A>,
  'validateFlowId' | 'listFlows' | 'parseFlowPage' | 'getFlow' | 'parseFlow' | 'flowJsonAssets' | 'parseErrorBody'
>;

/**
 * `listPath` is where a channel's flows are listed (`/{waba-id}/flows` on Graph); `flowPath` a
 * flow's node. `unwrap` takes Graph's payload out of a provider's own envelope, if it adds one;
 * `preview` asks for the preview link with the details (where the provider passes it through).
 */
export function graphCalls<A extends AccountBase>(paths: {
  listPath(account: A, channelId: string): string;
  flowPath(account: A, flowId: string): string;
  tokenName: string;
  unwrap?: (body: unknown, kind: 'list' | 'flow') => unknown;
  preview?: boolean;
}): GraphCalls<A> {
  const unwrap = paths.unwrap ?? ((body: unknown) => body);
  const detailFields = paths.preview === false ? GRAPH_DETAIL_FIELDS : `${GRAPH_DETAIL_FIELDS},preview.invalidate(false)`;
  const request = (path: string, query?: Record<string, string>): UpstreamRequest => ({ path, ...(query ? { query } : {}) });
  return {
    validateFlowId: (flowId) => checkId('Flow id', flowId, GRAPH_ID),
    listFlows: (account, channelId, cursor) =>
      request(paths.listPath(account, channelId), { fields: GRAPH_LIST_FIELDS, limit: GRAPH_PAGE_SIZE, ...(cursor ? { after: cursor } : {}) }),
    parseFlowPage: (body) => {
      const list = graphFlowList.parse(unwrap(body, 'list'));
      return { flows: list.data.map(toFlowSummary), next: nextCursor(list.paging) };
    },
    // preview.invalidate(false): the current preview link, without invalidating one a colleague may have open.
    getFlow: (account, _channelId, flowId) => request(paths.flowPath(account, flowId), { fields: detailFields }),
    // Graph's details never carry the download link: it comes from the assets call.
    parseFlow: (body) => ({ flow: toFlowDetail(graphFlow.parse(unwrap(body, 'flow')), true), flowJsonUrl: null }),
    flowJsonAssets: {
      request: (account, _channelId, flowId) => request(`${paths.flowPath(account, flowId)}/assets`),
      parse: (body) => flowJsonAssetUrl(graphAssets.parse(unwrap(body, 'list'))),
    },
    parseErrorBody: (body) => parseGraphError(body, paths.tokenName),
  };
}

export const GRAPH_ID_PATTERN = GRAPH_ID;
