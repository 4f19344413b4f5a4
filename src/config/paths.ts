/** Every client route, defined once. Components link with `getHref`, never by hand. */
import type { ChannelRef } from '../model/flow';

const seg = encodeURIComponent;
const withQuery = (path: string, query?: URLSearchParams | string) => {
  const q = query?.toString();
  return q ? `${path}?${q}` : path;
};

export const paths = {
  home: { path: '/', getHref: () => '/' },
  allFlows: { path: '/flows', getHref: (query?: URLSearchParams | string) => withQuery('/flows', query) },
  channelFlows: {
    path: '/flows/:provider/:accountId/:channelId',
    getHref: (ref: ChannelRef, query?: URLSearchParams | string) =>
      withQuery(`/flows/${seg(ref.provider)}/${seg(ref.accountId)}/${seg(ref.channelId)}`, query),
  },
  flow: {
    path: '/flows/:provider/:accountId/:channelId/:flowId',
    getHref: (ref: ChannelRef, flowId: string, query?: URLSearchParams | string) =>
      withQuery(`/flows/${seg(ref.provider)}/${seg(ref.accountId)}/${seg(ref.channelId)}/${seg(flowId)}`, query),
  },
} as const;
