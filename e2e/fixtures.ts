/** Ids of the built-in simulator's demo accounts (the environment shorthand's), which the e2e servers run on. */
export const EIGHT_BY_EIGHT = { accountId: '8x8', channelId: 'ec36a867-3dd4-e911-814a-02d85f55fce8' } as const;
export const KALEYRA = { accountId: 'kaleyra', channelId: '295XXXXXXXXXXXX' } as const;
export const META = { accountId: 'meta', channelId: '102290129340398' } as const;

export const channelPath = (c: { accountId: string; channelId: string }) => `/accounts/${c.accountId}/channels/${c.channelId}`;
export const flowPath = (c: { accountId: string; channelId: string }, flowId: string) => `${channelPath(c)}/flows/${flowId}`;
