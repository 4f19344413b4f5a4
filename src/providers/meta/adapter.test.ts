import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { meta, type MetaAccount } from './adapter';
import list from './seeds/meta-oas-list.json';
import getFlow from './seeds/meta-oas-get-flow.json';
import error190 from './seeds/meta-error-190.json';
import error429 from './seeds/meta-error-429.json';
import assets from '../graph/seeds/meta-assets.json';

const account: MetaAccount = { id: 'meta-direct', provider: 'meta', accessToken: 'EAAG-token', wabaIds: ['102290129340398'] };
const sign = (a: MetaAccount) => meta.sign({ method: 'GET', url: new URL('https://graph.facebook.com/v25.0/x'), headers: {} }, a);

describe('Meta Graph adapter', () => {
  it('maps the list example of Meta’s OpenAPI, including an error without pointers', () => {
    const page = meta.parseFlowPage(list);
    expect(page.flows.map((f) => [f.id, f.status, f.validationErrorCount])).toEqual([
      ['flow-1', 'DRAFT', 0],
      ['flow-2', 'DRAFT', 1],
      ['flow-3', 'PUBLISHED', 0],
    ]);
    // Graph stops when paging.next is absent, whatever the cursors say.
    expect(page.next).toBeUndefined();
    expect(meta.parseFlowPage({ ...list, paging: { cursors: { after: 'AFTER' }, next: 'https://graph.facebook.com/v25.0/1/flows?after=AFTER' } }).next).toBe('AFTER');
  });

  it('maps the "Get Flow" example of Meta’s OpenAPI: health with errors on a LIMITED entity, data_channel_uri, preview', () => {
    const { flow, flowJsonUrl } = meta.parseFlow!(getFlow);
    expect(flowJsonUrl).toBeNull();
    expect(flow).toMatchObject({
      id: 'flow-1',
      jsonVersion: '2.1',
      dataApiVersion: '3.0',
      endpointUri: 'https://example.com',
      preview: { url: 'https://business.facebook.com/wa/manage/flows/55000..../preview/?token=b9d6.....', expiresAt: '2023-05-21T11:18:09+0000' },
      whatsappBusinessAccount: { id: 'waba-1', name: 'My Awesome WABA' },
      application: { id: 'app-1', name: 'My Awesome App' },
    });
    expect(flow.health?.canSendMessage).toBe('BLOCKED');
    expect(flow.health?.entities.map((e) => [e.type, e.canSendMessage, e.errors.map((x) => x.code)])).toEqual([
      ['FLOW', 'AVAILABLE', []],
      ['WABA', 'BLOCKED', [141006, 141014]],
      ['BUSINESS', 'LIMITED', [141010]],
      ['APP', 'AVAILABLE', []],
    ]);
  });

  it('reads Graph errors: message, code with subcode, fbtrace_id; says an expired token must be renewed', () => {
    expect(meta.parseErrorBody(error190)).toMatchObject({ code: '190 (subcode 463)', message: 'Invalid OAuth access token', errorId: 'AXsgnV2Cm3ZMGF3dF_cfYIn' });
    expect(meta.parseErrorBody(error190)?.advice).toMatch(/must be renewed/);
    expect(meta.parseErrorBody(error429)).toMatchObject({ code: '4 (subcode 2446079)', advice: null });
    const missing = { error: { message: "Unsupported get request. Object with ID '1' does not exist", type: 'GraphMethodException', code: 100, error_subcode: 33, fbtrace_id: 'A1' } };
    expect(meta.parseErrorBody(missing)?.notFound).toBe(true);
    expect(meta.parseErrorBody('<html>')).toBeNull();
  });

  it('builds Graph paths under the configured version, with Bearer auth and the documented fields', () => {
    expect(meta.apiBase(account)).toBe('https://graph.facebook.com/v25.0');
    expect(meta.apiBase({ ...account, graphVersion: 'v24.0' })).toBe('https://graph.facebook.com/v24.0');
    expect(meta.apiBase({ ...account, baseUrl: 'http://127.0.0.1:9000' })).toBe('http://127.0.0.1:9000/v25.0');
    expect(meta.apiBase({ ...account, baseUrl: 'http://127.0.0.1:9000/v23.0' })).toBe('http://127.0.0.1:9000/v23.0');
    expect(meta.listFlows(account, '102290129340398', 'AFTER')).toEqual({
      path: '/102290129340398/flows',
      query: { fields: 'id,name,status,categories,validation_errors,health_status', limit: '1000', after: 'AFTER' },
    });
    const details = meta.getFlow!(account, '102290129340398', '1234');
    expect(details.path).toBe('/1234');
    expect(details.query?.fields?.split(',')).toEqual(
      expect.arrayContaining(['id', 'name', 'status', 'categories', 'validation_errors', 'json_version', 'data_api_version', 'endpoint_uri', 'preview.invalidate(false)', 'whatsapp_business_account', 'application', 'health_status']),
    );
    expect(meta.flowJsonAssets?.request(account, '102290129340398', '1234').path).toBe('/1234/assets');
    expect(meta.flowJsonAssets?.parse(assets)).toMatch(/^https:\/\/scontent\.xx\.fbcdn\.net\//);
    expect(sign(account)).toEqual({ Authorization: 'Bearer EAAG-token' });
  });

  it('needs WABA ids (Graph has no documented call to list them from a token), and a v-number version', () => {
    const fields = z.strictObject(meta.configFields.shape);
    expect(fields.safeParse({ wabaIds: ['102290129340398'] }).success).toBe(true);
    expect(fields.safeParse({}).error?.issues[0]?.path).toEqual(['wabaIds']);
    expect(fields.safeParse({ wabaIds: ['1'], graphVersion: '24' }).error?.issues[0]?.path).toEqual(['graphVersion']);
    expect(meta.validateChannelId('1/../2')).toMatch(/WABA id/);
    expect(meta.validateFlowId('1?x=2')).toMatch(/Flow id/);
  });
});
