import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { makeFlowDetail } from '../../model/flow';
import { infobip, uploadValidationErrors, type InfobipAccount } from './adapter';
import uploadErrors from './seeds/infobip-add-flow-json-validation-errors.json';
import error400 from './seeds/infobip-error-400.json';
import error401 from './seeds/infobip-error-401.json';
import list from './seeds/infobip-list.json';

const SENDER = '447796344125';
const account: InfobipAccount = { id: 'ib-main', provider: 'infobip', apiKey: '003026bbc133714df1834b8638bb496e-8f4b3d9a-e931-478d-a994-28a725159ab9', baseUrl: 'https://abcd12.api.infobip.com', senders: [SENDER] };
const sign = (a: InfobipAccount) => infobip.sign({ method: 'GET', url: new URL(`${a.baseUrl}/whatsapp/1/senders/${SENDER}/flows`), headers: {} }, a);

describe('Infobip adapter', () => {
  it('sends the key as "App <key>" to the account’s own base URL', () => {
    expect(sign(account)).toEqual({ Authorization: 'App 003026bbc133714df1834b8638bb496e-8f4b3d9a-e931-478d-a994-28a725159ab9' });
    expect(sign({ ...account, apiKey: 'other' })).toEqual({ Authorization: 'App other' });
    expect(infobip.apiBase(account)).toBe('https://abcd12.api.infobip.com');
    expect(infobip.providerAccountId(account)).toBe('abcd12.api.infobip.com');
    expect(infobip.configuredChannels(account)).toEqual([{ channelId: SENDER, label: null }]);
  });

  it('lists a sender’s flows and fetches a flow’s JSON from the API itself; there is no call for one flow', () => {
    expect(infobip.listFlows(account, SENDER, undefined)).toEqual({ path: `/whatsapp/1/senders/${SENDER}/flows` });
    expect(infobip.flowJson?.request(account, SENDER, '1234567')).toEqual({ path: `/whatsapp/1/senders/${SENDER}/flows/1234567/json` });
    expect(infobip.getFlow).toBeUndefined();
    expect(infobip.parseFlow).toBeUndefined();
    expect(infobip.flowJsonAssets).toBeUndefined();
  });

  it('maps the documented list sample: categories in the list, no validation errors, no paging', () => {
    const page = infobip.parseFlowPage(list);
    expect(page.next).toBeUndefined();
    expect(page.flows).toEqual([
      { id: '123456', name: 'My flow', status: 'DRAFT', categories: ['SURVEY'] },
      { id: '1234567', name: 'My second flow', status: 'PUBLISHED', categories: ['SIGN_IN'] },
    ]);
    expect(page.flows[0]?.validationErrorCount).toBeUndefined();
    expect(() => infobip.parseFlowPage([])).toThrow();
  });

  it('builds a flow’s page from its list item, with the WABA id Infobip gives as a number', () => {
    expect(infobip.detailFromList!(list, '1234567', null)).toEqual(
      makeFlowDetail({ id: '1234567', name: 'My second flow', status: 'PUBLISHED', categories: ['SIGN_IN'], whatsappBusinessAccount: { id: '987654', name: null }, hasFlowJson: true }),
    );
    expect(infobip.detailFromList!(list, '999', null)).toBeNull();
  });

  it('maps camelCase validation errors (Add flow JSON’s answer) to the shared model, positions kept', () => {
    expect(uploadValidationErrors(uploadErrors)).toEqual([
      {
        code: 'INVALID_PROPERTY',
        type: 'JSON_SCHEMA_ERROR',
        message: 'The property "initial-text" cannot be specified at "$root/screens/0/layout/children/2/children/0".',
        lineStart: 46, lineEnd: 46, columnStart: 17, columnEnd: 30,
        pointers: [],
      },
    ]);
    expect(uploadValidationErrors({})).toEqual([]);
  });

  it('reads requestError.serviceException errors, field problems included', () => {
    expect(infobip.parseErrorBody(error401)).toEqual({ code: 'UNAUTHORIZED', message: 'Invalid login details', errorId: null, notFound: false });
    expect(infobip.parseErrorBody(error400)?.message).toBe('Bad request — content.text: size must be between 1 and 4096');
    expect(infobip.parseErrorBody({ requestError: { serviceException: { messageId: 'NOT_FOUND', text: 'x' } } })?.notFound).toBe(true);
    expect(infobip.parseErrorBody({ message: 'x' })).toBeNull();
  });

  it('requires the base URL and at least one sender number; the key is optional (simulator)', () => {
    const fields = z.strictObject(infobip.configFields.shape);
    const problems = (value: object) => fields.safeParse(value).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    expect(fields.safeParse({ apiKey: 'k', baseUrl: 'https://abcd12.api.infobip.com', senders: [447860099299] }).data).toEqual({ apiKey: 'k', baseUrl: 'https://abcd12.api.infobip.com', senders: ['447860099299'] });
    expect(problems({ senders: [SENDER] })).toMatch(/^baseUrl/);
    expect(problems({ baseUrl: 'https://abcd12.api.infobip.com' })).toMatch(/^senders/);
    expect(problems({ baseUrl: 'https://abcd12.api.infobip.com', senders: [] })).toMatch(/senders: needs at least one sender number/);
    expect(problems({ baseUrl: 'https://abcd12.api.infobip.com', senders: ['+447796344125'] })).toMatch(/senders.0/);
    expect(fields.safeParse({ baseUrl: 'https://abcd12.api.infobip.com', senders: [SENDER], wabaIds: ['1'] }).success).toBe(false);
    expect(infobip.validateChannelId('+4477')).toMatch(/international format/);
    expect(infobip.validateChannelId(SENDER)).toBeNull();
    expect(infobip.validateFlowId('1/2')).toMatch(/Flow id/);
  });

  it('says it does not expose validation errors or health, with its documented budget', () => {
    expect(infobip.capabilities).toEqual({ health: false, listCarriesDetails: true, previewCall: false, validationErrors: false });
    expect(infobip.wording.notExposed.join(' ')).toMatch(/does not expose a flow’s current validation errors/);
    expect(infobip.rateLimit).toEqual({ requests: 1000, perMs: 3_600_000, note: 'documented: 1,000 requests per hour per account' });
  });
});
