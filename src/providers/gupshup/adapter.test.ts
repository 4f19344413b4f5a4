import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { makeFlowDetail } from '../../model/flow';
import { GUPSHUP_DETAIL_FIELDS, gupshup, type GupshupAccount } from './adapter';
import assets from './seeds/gupshup-assets.json';
import invalidFlow from './seeds/gupshup-error-invalid-flow.json';
import integrity from './seeds/gupshup-error-integrity.json';
import getFlow from './seeds/gupshup-get-flow.json';
import list from './seeds/gupshup-list.json';
import preview from './seeds/gupshup-preview.json';
import metaValidation from '../graph/seeds/meta-validation-error.json';

const APP = '5f2b0c3e-1a2b-4c3d-9e8f-0a1b2c3d4e5f';
const account: GupshupAccount = { id: 'gs-app', provider: 'gupshup', appId: APP, appToken: 'sk_0123abcd' };
const sign = (a: GupshupAccount) => gupshup.sign({ method: 'GET', url: new URL(`https://partner.gupshup.io/partner/app/${APP}/flows`), headers: {} }, a);

describe('Gupshup Partner API adapter', () => {
  it('sends the app token as is in Authorization (no scheme), to partner.gupshup.io', () => {
    expect(sign(account)).toEqual({ Authorization: 'sk_0123abcd' });
    expect(sign({ ...account, appToken: 'sk_other' })).toEqual({ Authorization: 'sk_other' });
    expect(gupshup.apiBase(account)).toBe('https://partner.gupshup.io');
    expect(gupshup.apiBase({ ...account, baseUrl: 'http://127.0.0.1:9/gs' })).toBe('http://127.0.0.1:9/gs');
    expect(gupshup.configuredChannels(account)).toEqual([{ channelId: APP, label: null }]);
    expect(gupshup.providerAccountId(account)).toBe(APP);
  });

  it('builds the documented paths: list, details with fields, assets and preview', () => {
    expect(gupshup.listFlows(account, APP, undefined)).toEqual({ path: `/partner/app/${APP}/flows` });
    expect(gupshup.getFlow!(account, APP, '1616289422261049')).toEqual({ path: `/partner/app/${APP}/flows/1616289422261049`, query: { fields: GUPSHUP_DETAIL_FIELDS } });
    expect(GUPSHUP_DETAIL_FIELDS.split(',')).toEqual(expect.arrayContaining(['status', 'validation_errors', 'json_version', 'whatsapp_business_account', 'application']));
    expect(gupshup.flowJsonAssets?.request(account, APP, '1').path).toBe(`/partner/app/${APP}/flows/1/assets`);
    expect(gupshup.previewCall?.request(account, APP, '1').path).toBe(`/partner/app/${APP}/flows/1/preview`);
  });

  it('maps the documented list sample (a bare array, no paging), with its errors counted', () => {
    const page = gupshup.parseFlowPage(list);
    expect(page.next).toBeUndefined();
    expect(page.flows).toEqual([
      { id: '2923110437826840', name: 'XYZ', status: 'DRAFT', categories: ['SIGN_IN'], validationErrorCount: 0, health: undefined },
      { id: '784357546938705', name: 'My aug12second flow', status: 'DEPRECATED', categories: ['APPOINTMENT_BOOKING'], validationErrorCount: 0, health: undefined },
      { id: '460001903531489', name: 'august flow', status: 'PUBLISHED', categories: ['SIGN_UP'], validationErrorCount: 0, health: undefined },
    ]);
    expect(() => gupshup.parseFlowPage({ data: list })).toThrow();
  });

  it('reads the documented get-flow sample, whose "status":"success" is Gupshup’s envelope, not the flow’s status', () => {
    const { flow, flowJsonUrl } = gupshup.parseFlow!(getFlow);
    expect(flowJsonUrl).toBeNull();
    expect(flow).toMatchObject({
      id: '1616289422261049',
      name: 'flow_dev_01',
      status: 'UNKNOWN',
      categories: ['APPOINTMENT_BOOKING', 'SIGN_UP'],
      validationErrors: [],
      jsonVersion: '3.1',
      health: null,
      whatsappBusinessAccount: { id: '174161222453488', name: 'Self Serve Automation' },
      application: { id: '2281283925530161', name: 'GupShup', link: 'https://www.gupshup.io/developer/home' },
      hasFlowJson: true,
    });
  });

  it('takes the lifecycle status from the list item when the details’ status is not one', () => {
    const { flow } = gupshup.parseFlow!(getFlow);
    const listed = [{ validation_errors: [], id: '1616289422261049', name: 'flow_dev_01', status: 'DRAFT', categories: ['SIGN_UP'] }];
    expect(gupshup.detailFromList!(listed, '1616289422261049', flow)).toEqual({ ...flow, status: 'DRAFT' });
    // A lifecycle status in the details stands.
    expect(gupshup.detailFromList!(listed, '1616289422261049', { ...flow, status: 'PUBLISHED' })?.status).toBe('PUBLISHED');
    // The documented list does not carry this flow: the next page (none here) would be asked.
    expect(gupshup.detailFromList!(list, '1616289422261049', flow)).toBeNull();
    expect(gupshup.detailFromList!(list, '460001903531489', null)).toEqual(
      makeFlowDetail({ id: '460001903531489', name: 'august flow', status: 'PUBLISHED', categories: ['SIGN_UP'], hasFlowJson: true }),
    );
  });

  it('passes Meta’s snake_case validation errors through, with positions and pointers', () => {
    const { flow } = gupshup.parseFlow!({ ...getFlow, validation_errors: metaValidation.validation_errors });
    expect(flow.validationErrors[0]).toMatchObject({ code: 'INVALID_PROPERTY_VALUE', lineStart: 10, columnStart: 21, columnEnd: 34 });
  });

  it('finds the flow JSON link in the documented assets sample (a bare array) on Meta’s CDN', () => {
    expect(gupshup.flowJsonAssets?.parse(assets)).toBe(assets[0]!.download_url);
    expect(new URL(gupshup.flowJsonAssets!.parse(assets)!).hostname).toBe('mmg.whatsapp.net');
    expect(gupshup.flowJsonAssets?.parse([])).toBeNull();
    expect(() => gupshup.flowJsonAssets?.parse({ data: [] })).toThrow();
  });

  it('reads the documented preview sample', () => {
    expect(gupshup.previewCall?.parse(preview)).toEqual({
      url: 'https://business.facebook.com/wa/manage/flows/460001903531489/preview/?token=a926bc93-ce7f-465e-9c61-60800e9befab',
      expiresAt: '2024-09-08T13:45:06+0000',
    });
  });

  it('reads {status:"error",message} errors; an unknown flow id (HTTP 400) is "not found"', () => {
    expect(gupshup.parseErrorBody(invalidFlow)).toEqual({ code: null, message: invalidFlow.message, errorId: null, notFound: true });
    expect(gupshup.parseErrorBody(integrity)).toEqual({ code: null, message: 'Blocked by Integrity', errorId: null, notFound: false });
    expect(gupshup.parseErrorBody({ status: 'error', data: 'Template not found' })?.message).toBe('Template not found');
    expect(gupshup.parseErrorBody({ status: 'success' })).toBeNull();
    expect(gupshup.parseErrorBody('<html>')).toBeNull();
  });

  it('validates the account config: app id required, token optional (simulator), no unknown fields', () => {
    const fields = z.strictObject(gupshup.configFields.shape);
    expect(fields.safeParse({ appId: APP, appToken: 'sk_x', baseUrl: 'https://partner.gupshup.io/' }).data).toEqual({ appId: APP, appToken: 'sk_x', baseUrl: 'https://partner.gupshup.io' });
    expect(fields.safeParse({ appId: APP }).success).toBe(true);
    expect(fields.safeParse({ appToken: 'sk_x' }).success).toBe(false);
    expect(fields.safeParse({ appId: '../x' }).error?.issues[0]?.message).toBe('must be the Gupshup app id');
    expect(fields.safeParse({ appId: APP, appToken: 'has space' }).success).toBe(false);
    expect(fields.safeParse({ appId: APP, apiKey: 'k' }).success).toBe(false);
    expect(gupshup.validateChannelId('a/b')).toMatch(/App id/);
    expect(gupshup.validateFlowId('68235e827354875234875')).toMatch(/Flow id/);
    expect(gupshup.validateFlowId('1616289422261049')).toBeNull();
  });

  it('says what it does not expose, and a conservative budget that says it is ours', () => {
    expect(gupshup.capabilities).toEqual({ health: false, listCarriesDetails: true, previewCall: true, validationErrors: true });
    expect(gupshup.wording.notExposed).toEqual(['Gupshup does not expose flow health.']);
    expect(gupshup.rateLimit).toMatchObject({ requests: 10, perMs: 60_000 });
    expect(gupshup.rateLimit.note).toMatch(/not documented/);
  });
});
