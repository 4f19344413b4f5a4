/**
 * 360dialog's Messaging API: one API key per WhatsApp number/WABA, Meta's flows endpoints on
 * 360dialog's host with the WABA implied by the key.
 */
import { z } from 'zod';
import { baseUrl, secret } from '../config-fields';
import { graphCalls } from '../graph/adapter';
import type { AccountBase, ProviderAdapter } from '../types';

const configFields = z.strictObject({
  apiKey: secret().optional(),
  baseUrl: baseUrl().optional(),
});
export type D360Account = AccountBase & z.infer<typeof configFields>;

/** The key's own WABA: 360dialog accounts have exactly one channel, named by this id in Flow Desk's URLs. */
export const KEY_CHANNEL = 'waba';

export const d360: ProviderAdapter<D360Account> = {
  id: '360dialog',
  label: '360dialog',
  accountLabel: 'API key',
  credentialName: 'API key',
  channelLabel: 'WABA',
  capabilities: { health: true, listCarriesDetails: true, previewCall: false, validationErrors: true },
  wording: { notExposed: [], listNote: null },
  defaultBaseUrl: 'https://waba-v2.360dialog.io',
  regionalBaseUrls: ['https://waba-v2.360dialog.io'],
  // 360dialog documents no budget for flows; it relays to Meta, so Meta's default applies.
  rateLimit: { requests: 200, perMs: 3_600_000, note: 'not documented by 360dialog; Flow Desk keeps to Meta’s default of 200 calls per hour' },
  configFields,
  secretFields: ['apiKey'],
  credentialFields: ['apiKey'],
  environment: { variables: {}, demo: {} },
  apiBase: (account) => account.baseUrl ?? d360.defaultBaseUrl,
  providerAccountId: () => null,
  configuredChannels: () => [{ channelId: KEY_CHANNEL, label: 'WABA of this API key' }],
  sign: (_request, account) => ({ 'D360-API-KEY': account.apiKey ?? '' }),
  validateChannelId: (channelId) => (channelId === KEY_CHANNEL ? null : `A 360dialog API key has one WABA, addressed as "${KEY_CHANNEL}", not "${channelId.slice(0, 80)}".`),
  ...graphCalls<D360Account>({
    listPath: () => '/flows',
    flowPath: (_account, flowId) => `/flows/${flowId}`,
    tokenName: '360dialog API key',
  }),
};
