import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod/mini';
import { ChannelInfoSchema, type ChannelInfo } from '../model/flow';
import { getJson } from './client';

export const channelKeys = { all: ['channels'] as const };

export const channelsQueryOptions = () =>
  queryOptions({
    queryKey: channelKeys.all,
    queryFn: ({ signal }) => getJson('/api/channels', (b) => z.array(ChannelInfoSchema).parse(b), signal),
    staleTime: Infinity,
  });

/**
 * The channel a route names. A deep link may name a channel that is not configured (support
 * staff look up customers' channels by id): it borrows its provider's labels and capabilities.
 */
export function resolveChannel(channels: readonly ChannelInfo[], ref: { provider: string; accountId: string; channelId: string }): ChannelInfo | null {
  const exact = channels.find((c) => c.provider === ref.provider && c.accountId === ref.accountId && c.channelId === ref.channelId);
  if (exact) return exact;
  const sibling = channels.find((c) => c.provider === ref.provider);
  return sibling ? { ...sibling, accountId: ref.accountId, channelId: ref.channelId, label: null } : null;
}
