/** The configured accounts (and their channels), as the server describes them: query and lookups, defined once. */
import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod/mini';
import { AccountInfoSchema, type AccountInfo, type ChannelInfo, type ChannelRef } from '../model/flow';
import { ACCOUNTS_PATH } from './paths';
import { getJson } from './client';

export const accountKeys = { all: ['accounts'] as const };

export const accountsQueryOptions = () =>
  queryOptions({
    queryKey: accountKeys.all,
    queryFn: ({ signal }) => getJson(ACCOUNTS_PATH, (b) => z.array(AccountInfoSchema).parse(b), signal),
    staleTime: Infinity,
  });

/** Every channel of every account, in the accounts' order. */
export function channelsOf(accounts: readonly AccountInfo[]): ChannelInfo[] {
  return accounts.flatMap((account) => account.channels.map((c) => ({ accountId: account.id, channelId: c.channelId, label: c.label, account })));
}

/**
 * The channel a route names. A deep link may name a channel that is not configured (support
 * staff look up customers' channels by id): it is shown under its account, without a label.
 */
export function resolveChannel(accounts: readonly AccountInfo[], ref: ChannelRef): ChannelInfo | null {
  const account = accounts.find((a) => a.id === ref.accountId);
  if (!account) return null;
  const channel = account.channels.find((c) => c.channelId === ref.channelId);
  return { accountId: account.id, channelId: ref.channelId, label: channel?.label ?? null, account };
}

/** Provider account ids compare without dashes and case (account GUIDs are written both ways). */
const canonical = (id: string) => id.replace(/-/g, '').toLowerCase();

/**
 * The channel an old link (`/flows/<provider>/<provider's account id>/<channel>`) meant: the
 * account of that provider with that account id (the one configuring that channel, if several).
 */
export function resolveLegacyChannel(accounts: readonly AccountInfo[], provider: string, providerAccountId: string, channelId: string): ChannelInfo | null {
  const ofProvider = accounts.filter((a) => a.provider === provider);
  const account =
    ofProvider.find((a) => a.providerAccountId !== null && canonical(a.providerAccountId) === canonical(providerAccountId) && a.channels.some((c) => c.channelId === channelId)) ??
    ofProvider.find((a) => a.providerAccountId !== null && canonical(a.providerAccountId) === canonical(providerAccountId));
  return account ? resolveChannel(accounts, { accountId: account.id, channelId }) : null;
}
