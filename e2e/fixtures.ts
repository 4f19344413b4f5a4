/** Ids from the built-in simulator (src/mocks/data/world.ts), which the e2e servers run on. */
export const EIGHT_BY_EIGHT = {
  provider: '8x8',
  accountId: '5f3e2a1b-9c8d-4e7f-a6b5-c4d3e2f1a0b9',
  channelId: 'ec36a867-3dd4-e911-814a-02d85f55fce8',
} as const;

export const KALEYRA = { provider: 'kaleyra', accountId: 'HXAP16XXXXXX97IN', channelId: '295XXXXXXXXXXXX' } as const;

export const channelPath = (c: { provider: string; accountId: string; channelId: string }) => `/flows/${c.provider}/${c.accountId}/${c.channelId}`;
