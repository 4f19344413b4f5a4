import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { kaleyra, type KaleyraAccount } from './adapter';
import withFields from './seeds/kaleyra-flow-with-fields.json';
import defaultFields from './seeds/kaleyra-flow-default-fields.json';
import error401 from './seeds/kaleyra-error-401.json';
import error400 from './seeds/kaleyra-error-400.json';
import metaList from '../graph/seeds/meta-list-page.json';
import metaBlocked from '../graph/seeds/meta-health-blocked.json';
import metaAssets from '../graph/seeds/meta-assets.json';
import metaValidation from '../graph/seeds/meta-validation-error.json';

const account: KaleyraAccount = { id: 'kaleyra-in', provider: 'kaleyra', apiKey: 'k', sid: 'HXAP16XXXXXX97IN', wabaIds: ['295XXXXXXXXXXXX'] };
const WABA = '295XXXXXXXXXXXX';

describe('Kaleyra adapter', () => {
  it('maps the seed response with fields, including health entities', () => {
    const { flow, flowJsonUrl } = kaleyra.parseFlow!(withFields);
    expect(flowJsonUrl).toBeNull();
    expect(flow).toMatchObject({
      id: '612XXXXXXXXXXXX',
      jsonVersion: '3.0',
      validationErrors: [],
      application: { id: '11576XXXXXXXXXX0', name: 'WA Business APP', link: 'https://www.kaleyra.com/' },
      whatsappBusinessAccount: { id: '295XXXXXXXXXXXX', name: 'Kaleyra_ATU_STG' },
    });
    expect(flow.health?.canSendMessage).toBe('AVAILABLE');
    expect(flow.health?.entities.map((e) => e.type)).toEqual(['FLOW', 'WABA', 'BUSINESS', 'APP']);
  });

  it('maps the seed response without fields', () => {
    const { flow } = kaleyra.parseFlow!(defaultFields);
    expect(flow).toMatchObject({ id: '1789XXXXXXXXXXXX', name: 'Demo Flow Stage 6', status: 'DRAFT', categories: ['APPOINTMENT_BOOKING'], health: null });
  });

  it('maps Meta health errors, solutions and additional_info', () => {
    const { flow } = kaleyra.parseFlow!(metaBlocked);
    expect(flow.health?.canSendMessage).toBe('BLOCKED');
    const [flowEntity, , , app] = flow.health?.entities ?? [];
    expect(flowEntity?.errors[0]).toEqual({
      code: 131000,
      description: 'endpoint_uri: You need to set the endpoint URI before you can send or publish a flow.',
      possibleSolution: 'https://developers.facebook.com/docs/whatsapp/flows/reference/flowjson#top-level-flow-json-properties',
    });
    expect(app?.additionalInfo).toHaveLength(1);
    expect(flow.preview?.url).toContain('preview');
  });

  it('maps snake_case validation errors, keeping the path as given', () => {
    const { flow } = kaleyra.parseFlow!({ id: '1', name: 'x', status: 'DRAFT', validation_errors: metaValidation.validation_errors });
    expect(flow.validationErrors[0]).toMatchObject({ code: 'INVALID_PROPERTY_VALUE', type: 'FLOW_JSON_ERROR', lineStart: 10, columnStart: 21, columnEnd: 34 });
    expect(flow.validationErrors[0]?.pointers[0]?.path).toBe('screens [0]. layout.children [0].type');
  });

  it('pages with cursors.after only while paging.next is present', () => {
    expect(kaleyra.parseFlowPage(metaList).next).toBeUndefined();
    const withNext = { ...metaList, paging: { cursors: { after: 'AFTER1' }, next: 'https://api.in.kaleyra.io/next' } };
    const page = kaleyra.parseFlowPage(withNext);
    expect(page.next).toBe('AFTER1');
    expect(page.flows[0]).toEqual({ id: 'flow-1', name: 'flow 1', status: 'DRAFT', categories: ['CONTACT_US'], validationErrorCount: 0, health: undefined });
    expect(kaleyra.listFlows(account, WABA, 'AFTER1').query).toMatchObject({ after: 'AFTER1' });
  });

  it('unwraps a {code, message, data} envelope', () => {
    expect(kaleyra.parseFlowPage({ code: 'WA200', message: 'ok', data: metaList }).flows).toHaveLength(2);
    expect(kaleyra.parseFlow!({ code: 'WA200', data: defaultFields }).flow.id).toBe('1789XXXXXXXXXXXX');
  });

  it('finds the FLOW_JSON download url in the assets answer', () => {
    expect(kaleyra.flowJsonAssets?.parse(metaAssets)).toBe('https://scontent.xx.fbcdn.net/m1/v/t0.57323-24/An_Hq0jnfJ...');
    expect(kaleyra.flowJsonAssets?.request(account, WABA, '77').path).toBe('/v2/HXAP16XXXXXX97IN/whatsapp/77/assets');
  });

  it('reads Kaleyra error bodies', () => {
    expect(kaleyra.parseErrorBody(error401)).toEqual({ code: 'RBC001', message: 'Incorrect SID or API key.', errorId: null });
    expect(kaleyra.parseErrorBody(error400)?.message).toBe('Refer to correct payload format — Incorrect payload format');
  });

  it('uses the api-key header and documented paths, and validates ids', () => {
    expect(kaleyra.sign({ method: 'GET', url: new URL('https://api.in.kaleyra.io/x'), headers: {} }, account)).toEqual({ 'api-key': 'k' });
    expect(kaleyra.listFlows(account, WABA, undefined).path).toBe('/v2/HXAP16XXXXXX97IN/whatsapp/295XXXXXXXXXXXX/flows');
    expect(kaleyra.getFlow!(account, WABA, '1789').query?.fields).toContain('health_status');
    expect(kaleyra.validateChannelId(WABA)).toBeNull();
    expect(kaleyra.validateChannelId('../x')).toMatch(/WABA id/);
    const fields = z.strictObject(kaleyra.configFields.shape);
    expect(fields.safeParse({ sid: 'HXAP16XXXXXX97IN', wabaIds: [WABA] }).success).toBe(true);
    expect(fields.safeParse({ sid: 'HX/..', wabaIds: [WABA] }).error?.issues[0]?.path).toEqual(['sid']);
    expect(fields.safeParse({ sid: 'HXAP16XXXXXX97IN' }).error?.issues[0]?.path).toEqual(['wabaIds']);
    expect(kaleyra.validateFlowId('1?fields=x')).toMatch(/Flow id/);
  });
});
