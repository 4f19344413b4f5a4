/** Every client route, defined once. Components link with `getHref`, never by hand. */
import type { ChannelRef } from '../model/flow';

const seg = encodeURIComponent;
const withQuery = (path: string, query?: URLSearchParams | string) => {
  const q = query?.toString();
  return q ? `${path}?${q}` : path;
};
const channelPath = (ref: ChannelRef) => `/accounts/${seg(ref.accountId)}/channels/${seg(ref.channelId)}`;

export const paths = {
  home: { path: '/', getHref: () => '/' },
  allFlows: { path: '/flows', getHref: (query?: URLSearchParams | string) => withQuery('/flows', query) },
  changes: { path: '/changes', getHref: (query?: URLSearchParams | string) => withQuery('/changes', query) },
  search: { path: '/search', getHref: (query?: URLSearchParams | string) => withQuery('/search', query) },
  channelFlows: {
    path: '/accounts/:accountId/channels/:channelId',
    getHref: (ref: ChannelRef, query?: URLSearchParams | string) => withQuery(channelPath(ref), query),
  },
  flow: {
    path: '/accounts/:accountId/channels/:channelId/flows/:flowId',
    getHref: (ref: ChannelRef, flowId: string, query?: URLSearchParams | string) => withQuery(`${channelPath(ref)}/flows/${seg(flowId)}`, query),
  },
  /** The audit trail (admins): filters in the query. */
  audit: { path: '/admin/audit', getHref: (query?: URLSearchParams | string) => withQuery('/admin/audit', query) },
  /** Links from before accounts were configurable: `/flows/<provider>/<provider's account id>/<channel>[/<flow>]`. */
  legacyChannelFlows: { path: '/flows/:provider/:providerAccountId/:channelId' },
  legacyFlow: { path: '/flows/:provider/:providerAccountId/:channelId/:flowId' },
} as const;
