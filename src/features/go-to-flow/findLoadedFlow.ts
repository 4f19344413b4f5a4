import type { ChannelInfo, FlowPage } from '../../model/flow';

/** The channel whose loaded list contains the flow id, if any. */
export function findLoadedFlow(lists: { channel: ChannelInfo; pages: FlowPage[] }[], flowId: string): ChannelInfo | undefined {
  return lists.find(({ pages }) => pages.some((page) => page.flows.some((f) => f.id === flowId)))?.channel;
}
