/** The background sync of a channel: "Sync now", defined once. */
import type { ChannelRef } from '../model/flow';
import { postJson } from './client';

export const syncChannel = (ref: ChannelRef) =>
  postJson(`/api/accounts/${encodeURIComponent(ref.accountId)}/channels/${encodeURIComponent(ref.channelId)}/sync`, {});
