import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { d360, KEY_CHANNEL, type D360Account } from './adapter';
import list from '../meta/seeds/meta-oas-list.json';
import error190 from '../meta/seeds/meta-error-190.json';

const account: D360Account = { id: 'd360-shop', provider: '360dialog', apiKey: 'd360-key' };

describe('360dialog Messaging API adapter', () => {
  it('sends the key as D360-API-KEY to waba-v2.360dialog.io, with the WABA implied by the key', () => {
    expect(d360.sign({ method: 'GET', url: new URL('https://waba-v2.360dialog.io/flows'), headers: {} }, account)).toEqual({ 'D360-API-KEY': 'd360-key' });
    expect(d360.apiBase(account)).toBe('https://waba-v2.360dialog.io');
    expect(d360.configuredChannels(account)).toEqual([{ channelId: KEY_CHANNEL, label: 'WABA of this API key' }]);
    expect(d360.listFlows(account, KEY_CHANNEL, undefined)).toMatchObject({ path: '/flows', query: { limit: '1000' } });
    expect(d360.getFlow!(account, KEY_CHANNEL, '42')).toMatchObject({ path: '/flows/42' });
    expect(d360.flowJsonAssets?.request(account, KEY_CHANNEL, '42').path).toBe('/flows/42/assets');
  });

  it('reads Meta’s shapes, passed through: list and Graph errors', () => {
    expect(d360.parseFlowPage(list).flows).toHaveLength(3);
    expect(d360.parseErrorBody(error190)).toMatchObject({ errorId: 'AXsgnV2Cm3ZMGF3dF_cfYIn' });
  });

  it('takes only a key and a base URL, and one channel', () => {
    const fields = z.strictObject(d360.configFields.shape);
    expect(fields.safeParse({ apiKey: 'k' }).success).toBe(true);
    expect(fields.safeParse({ apiKey: 'k', wabaIds: ['1'] }).success).toBe(false);
    expect(d360.validateChannelId(KEY_CHANNEL)).toBeNull();
    expect(d360.validateChannelId('123')).toMatch(/one WABA/);
  });
});
