import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { eightByEight, type EightByEightAccount } from './adapter';
import withErrors from './seeds/8x8-flow-with-validation-errors.json';
import withoutErrors from './seeds/8x8-flow-without-errors.json';
import list from './seeds/8x8-list.json';
import error400 from './seeds/8x8-error-400.json';
import error401 from './seeds/8x8-error-401.json';

const ref = { accountId: '0b9a1f2e-3c4d-4e5f-8a9b-0c1d2e3f4a5b', channelId: 'ec36a867-3dd4-e911-814a-02d85f55fce8' };
const account: EightByEightAccount = { id: 'retail-eu', provider: '8x8', apiKey: 'k', accountId: ref.accountId, channels: [ref.channelId] };
const sign = (a: EightByEightAccount) => eightByEight.sign({ method: 'GET', url: new URL('https://chatapps.8x8.com/x'), headers: {} }, a);

describe('8x8 adapter', () => {
  it('maps the seed flow with validation errors, camelCase to the shared model', () => {
    const { flow, flowJsonUrl } = eightByEight.parseFlow!(withErrors);
    expect(flowJsonUrl).toBe('https://mmg.whatsapp.net/m1/v/t24/An-a1LjKk34-zpvJMd&_nc_sid=471');
    expect(flow).toMatchObject({ id: '822625023859371', name: 'Example flow', status: 'DRAFT', categories: ['OTHER'], health: null, hasFlowJson: true });
    expect(flow.validationErrors).toEqual([
      {
        code: 'INVALID_PROPERTY_VALUE',
        type: 'FLOW_JSON_ERROR',
        message: "Invalid value found for property 'type'.",
        lineStart: 1, lineEnd: 1, columnStart: 84, columnEnd: 92,
        pointers: [{ lineStart: 1, lineEnd: 1, columnStart: 84, columnEnd: 92, path: 'screens[0].layout.children[0].children[0].type' }],
      },
    ]);
  });

  it('treats an absent validationErrors key as no errors', () => {
    const { flow } = eightByEight.parseFlow!(withoutErrors);
    expect(flow.status).toBe('PUBLISHED');
    expect(flow.validationErrors).toEqual([]);
  });

  it('maps list items (id, name, status only) and leaves details undefined', () => {
    const page = eightByEight.parseFlowPage(list);
    expect(page.next).toBeUndefined();
    expect(page.flows).toEqual([
      { id: '1145805540595505', name: 'Loan Collection', status: 'DRAFT' },
      { id: '802610292468882', name: '2025-10-08T15:17:51.241+08:00', status: 'PUBLISHED' },
    ]);
    expect(page.flows[0]?.categories).toBeUndefined();
  });

  it('keeps unknown statuses', () => {
    const page = eightByEight.parseFlowPage({ flows: [{ id: '1', name: 'x', status: 'THROTTLED' }] });
    expect(page.flows[0]?.status).toBe('THROTTLED');
  });

  it('rejects a malformed answer with a schema error instead of crashing later', () => {
    expect(() => eightByEight.parseFlowPage({ data: [] })).toThrow();
    expect(() => eightByEight.parseFlow!({ name: 'no id' })).toThrow();
  });

  it('reads error bodies with code, message and errorId', () => {
    expect(eightByEight.parseErrorBody(error400)).toEqual({
      code: 1001,
      message: "Provided subAccountId doesn't belongs to your account",
      errorId: '91b106f0-c0da-4aba-a43a-7af9c5893a80',
    });
    expect(eightByEight.parseErrorBody(error401)?.code).toBe(1200);
    expect(eightByEight.parseErrorBody('<html>')).toBeNull();
  });

  it('builds documented paths, with limit up to 1000 and the bearer header', () => {
    expect(eightByEight.listFlows(account, ref.channelId, undefined)).toEqual({
      path: `/api/v1/accounts/${ref.accountId}/channels/${ref.channelId}/flows`,
      query: { limit: '1000' },
    });
    expect(eightByEight.getFlow!(account, ref.channelId, '822625023859371').path).toBe(
      `/api/v1/accounts/${ref.accountId}/channels/${ref.channelId}/flows/822625023859371`,
    );
    expect(sign(account)).toEqual({ Authorization: 'Bearer k' });
    expect(sign({ ...account, apiKey: 'other' })).toEqual({ Authorization: 'Bearer other' });
  });

  it('validates the account config: the account GUID with the documented pattern, channels required, no unknown fields', () => {
    const fields = z.strictObject(eightByEight.configFields.shape);
    expect(fields.safeParse({ accountId: ref.accountId, channels: [ref.channelId] }).success).toBe(true);
    expect(fields.safeParse({ accountId: '0b9a1f2e3c4d4e5f8a9b0c1d2e3f4a5b', channels: ['c'] }).success).toBe(true);
    const problems = (value: object) => fields.safeParse(value).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    expect(problems({ accountId: 'not-a-guid', channels: ['c'] })).toMatch(/accountId: must be the 8x8 account GUID/);
    expect(problems({ accountId: 'zb9a1f2e-3c4d-4e5f-8a9b-0c1d2e3f4a5b', channels: ['c'] })).toMatch(/accountId/);
    expect(problems({ accountId: ref.accountId })).toMatch(/channels/);
    expect(problems({ accountId: ref.accountId, channels: [] })).toMatch(/channels: needs at least one channel id/);
    expect(problems({ accountId: ref.accountId, channels: ['../x'] })).toMatch(/channels.0/);
    expect(fields.safeParse({ accountId: ref.accountId, channels: ['c'], wabaIds: ['1'] }).success).toBe(false);
    expect(eightByEight.validateChannelId('../x')).toMatch(/Channel id/);
    expect(eightByEight.validateFlowId('1%2F2')).toMatch(/Flow id/);
  });

  it('asks for the preview link without invalidating it, and reads its snake_case answer', () => {
    expect(eightByEight.previewCall?.request(account, ref.channelId, '833178916081311')).toEqual({
      path: `/api/v1/accounts/${ref.accountId}/channels/${ref.channelId}/flows/833178916081311/preview`,
      query: { refresh: 'false' },
    });
    expect(
      eightByEight.previewCall?.parse({
        id: '833178916081311',
        preview_url: 'https://business.facebook.com/wa/manage/flows/833178916081311/preview/?token=0836260f-9b1e-4a78-b02b-aaad5c173278',
        expires_at: '2025-12-13T05:49:59+0000',
      }),
    ).toEqual({
      url: 'https://business.facebook.com/wa/manage/flows/833178916081311/preview/?token=0836260f-9b1e-4a78-b02b-aaad5c173278',
      expiresAt: '2025-12-13T05:49:59+0000',
    });
  });
});
