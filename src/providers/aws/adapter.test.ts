// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { upstreamUrl } from '../../../server/upstream';
import metaValidationError from '../graph/seeds/meta-validation-error.json';
import { aws, type AwsAccount } from './adapter';
import { sendWithSdk } from './sdk';
import { checkSignature } from './simulator';
import { fromValidationString } from './validation-errors';
import getFlowSyntax from './seeds/aws-get-flow-syntax.json';
import getFlowSdkExample from './seeds/aws-get-flow-sdk-example.json';
import listSyntax from './seeds/aws-list-flows-syntax.json';
import assetsSyntax from './seeds/aws-list-flow-assets-syntax.json';
import previewSyntax from './seeds/aws-get-flow-preview-syntax.json';

const WABA = 'waba-0123456789abcdef0123456789abcdef';
const account: AwsAccount = { id: 'aws-eu', provider: 'aws', region: 'eu-west-1', accessKeyId: 'AKIAEXAMPLEKEY000001', secretAccessKey: 'secret/Example+Key0001', wabaIds: [WABA] };
const headers = (init: Record<string, string>) => new Headers(init);

describe('AWS End User Messaging Social adapter', () => {
  it('maps the GetWhatsAppFlow response syntax of the API reference, verbatim', () => {
    const { flow, flowJsonUrl } = aws.parseFlow!(getFlowSyntax);
    expect(flowJsonUrl).toBeNull();
    expect(flow).toEqual({
      id: 'string',
      name: 'string',
      status: 'string',
      categories: ['string'],
      validationErrors: [{ code: 'UNKNOWN_ERROR', type: null, message: 'string', lineStart: null, lineEnd: null, columnStart: null, columnEnd: null, pointers: [] }],
      health: { canSendMessage: 'string', entities: [{ type: 'string', id: 'string', canSendMessage: 'string', errors: [], additionalInfo: [] }] },
      jsonVersion: 'string',
      dataApiVersion: 'string',
      endpointUri: 'string',
      preview: { url: 'string', expiresAt: 'string' },
      whatsappBusinessAccount: { id: 'string', name: 'string' },
      application: { id: 'string', name: 'string', link: 'string' },
      hasFlowJson: true,
    });
  });

  it('maps the GetWhatsAppFlowCommand example of the SDK (categories, capital-A whatsAppBusinessAccount)', () => {
    const { flow } = aws.parseFlow!(getFlowSdkExample);
    expect(flow).toMatchObject({ id: 'STRING_VALUE', categories: ['SIGN_UP'], whatsappBusinessAccount: { id: 'STRING_VALUE', name: 'STRING_VALUE' } });
    expect(flow.validationErrors.map((e) => e.message)).toEqual(['STRING_VALUE']);
  });

  it('maps the ListWhatsAppFlows syntax, and carries nextToken through Flow Desk’s URLs and back', () => {
    const page = aws.parseFlowPage(listSyntax);
    expect(page.flows).toEqual([{ id: 'string', name: 'string', status: 'string', categories: ['string'], validationErrorCount: 1 }]);
    expect(page.next).toBe('c3RyaW5n');
    // An opaque token of any characters, up to 600 of them, survives the round trip.
    const token = `AAE+/=${'x'.repeat(590)}%&?`;
    const next = aws.parseFlowPage({ flows: [], nextToken: token }).next!;
    expect(next).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(aws.listFlows(account, WABA, next)).toEqual({ path: '/v1/whatsapp/flow/list', query: { id: WABA, maxResults: '100', nextToken: token } });
    expect(aws.parseFlowPage({ flows: [] }).next).toBeUndefined();
  });

  it('reads the download link from ListWhatsAppFlowAssets and the preview from GetWhatsAppFlowPreview', () => {
    expect(aws.flowJsonAssets?.parse(assetsSyntax)).toBe('string');
    expect(aws.flowJsonAssets?.parse({ flowAssets: [{ name: 'x', assetType: 'OTHER', downloadUrl: 'a' }, { name: 'flow.json', assetType: 'FLOW_JSON', downloadUrl: 'b' }] })).toBe('b');
    expect(aws.flowJsonAssets?.parse({ flowAssets: [] })).toBeNull();
    expect(aws.previewCall?.parse(previewSyntax)).toEqual({ url: 'string', expiresAt: 'string' });
  });

  it('rejects malformed answers with a schema error', () => {
    expect(() => aws.parseFlowPage({ data: [] })).toThrow();
    expect(() => aws.parseFlow!({ flowName: 'no id' })).toThrow();
    expect(() => aws.flowJsonAssets?.parse({ assets: [] })).toThrow();
  });

  it('builds the REST bindings of the four operations', () => {
    expect(aws.apiBase(account)).toBe('https://social-messaging.eu-west-1.amazonaws.com');
    expect(aws.apiBase({ ...account, endpoint: 'http://127.0.0.1:9000/aws-eu' })).toBe('http://127.0.0.1:9000/aws-eu');
    expect(aws.listFlows(account, WABA, undefined)).toEqual({ path: '/v1/whatsapp/flow/list', query: { id: WABA, maxResults: '100' } });
    expect(aws.getFlow!(account, WABA, '1234')).toEqual({ path: '/v1/whatsapp/flow', query: { flowId: '1234', id: WABA } });
    expect(aws.flowJsonAssets?.request(account, WABA, '1234')).toEqual({ path: '/v1/whatsapp/flow/assets', query: { flowId: '1234', id: WABA, maxResults: '100' } });
    expect(aws.previewCall?.request(account, WABA, '1234')).toEqual({ path: '/v1/whatsapp/flow/preview', query: { flowId: '1234', id: WABA, invalidate: 'false' } });
  });

  it('validates the account config: Region, waba-… ids or ARNs, optional session token and endpoint, no unknown fields', () => {
    const fields = z.strictObject(aws.configFields.shape);
    const arn = 'arn:aws:social-messaging:eu-west-1:123456789012:waba/0123456789abcdef0123456789abcdef';
    expect(fields.safeParse({ region: 'eu-west-1', wabaIds: [WABA, arn] }).success).toBe(true);
    expect(fields.safeParse({ region: 'eu-west-1', accessKeyId: 'AKIA1', secretAccessKey: 's', sessionToken: 't', wabaIds: [WABA], endpoint: 'https://social-messaging.eu-west-1.amazonaws.com/' }).success).toBe(true);
    const problems = (value: object) => fields.safeParse(value).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    expect(problems({ region: 'Ireland', wabaIds: [WABA] })).toMatch(/region: must be an AWS Region/);
    expect(problems({ region: 'eu-west-1', wabaIds: ['102290129340398'] })).toMatch(/wabaIds.0: must be a valid WABA id \(waba-… or its ARN\)/);
    expect(problems({ region: 'eu-west-1' })).toMatch(/wabaIds/);
    expect(problems({ region: 'eu-west-1', wabaIds: [WABA], endpoint: 'ftp://x' })).toMatch(/endpoint/);
    expect(fields.safeParse({ region: 'eu-west-1', wabaIds: [WABA], baseUrl: 'https://x' }).success).toBe(false);
    expect(aws.secretFields).toEqual(['accessKeyId', 'secretAccessKey', 'sessionToken']);
    expect(aws.validateChannelId(arn)).toBeNull();
    expect(aws.validateChannelId('waba-1/../x')).toMatch(/WABA id/);
    expect(aws.validateFlowId('12a')).toMatch(/Flow id/);
  });

  it('reads restJson1 errors: type from x-amzn-ErrorType (or __type), message, request id; throttling and not-found whatever the status', () => {
    const said = (type: string, message = 'm') => aws.parseErrorBody({ message }, headers({ 'x-amzn-ErrorType': `${type}:http://internal.amazon.com/coral/com.amazonaws.socialmessaging/`, 'x-amzn-RequestId': 'req-1' }));
    expect(said('AccessDeniedException', 'You do not have sufficient access to perform this action.')).toMatchObject({
      code: 'AccessDeniedException',
      message: 'You do not have sufficient access to perform this action.',
      errorId: 'req-1',
      notFound: false,
      rateLimited: false,
      advice: expect.stringMatching(/IAM/),
    });
    expect(said('AccessDeniedByMetaException')?.advice).toMatch(/Meta refused/);
    expect(said('ResourceNotFoundException')).toMatchObject({ notFound: true });
    expect(said('ThrottledRequestException')).toMatchObject({ rateLimited: true, retryAfterSeconds: 1 });
    expect(said('ThrottlingException')).toMatchObject({ rateLimited: true, retryAfterSeconds: 1 });
    expect(said('ValidationException')).toMatchObject({ code: 'ValidationException', notFound: false, rateLimited: false, advice: null });
    expect(said('InvalidSignatureException')?.advice).toMatch(/secret access key/);
    expect(said('ExpiredTokenException')?.advice).toMatch(/session token has expired/);
    expect(aws.parseErrorBody({ __type: 'com.amazonaws.socialmessaging#InternalServiceException', message: 'x' }, headers({}))).toMatchObject({ code: 'InternalServiceException', errorId: null });
    expect(aws.parseErrorBody('<html>', headers({}))).toBeNull();
  });
});

describe('AWS validation errors (strings)', () => {
  it('places a string that names a line and column, with its leading code', () => {
    expect(fromValidationString("INVALID_PROPERTY_VALUE: Invalid value found for property 'type'. (line 1, column 188)")).toMatchObject({
      code: 'INVALID_PROPERTY_VALUE',
      message: "INVALID_PROPERTY_VALUE: Invalid value found for property 'type'. (line 1, column 188)",
      lineStart: 1,
      columnStart: 188,
      pointers: [],
    });
    expect(fromValidationString('Invalid value at Line: 46, Columns: 17-30')).toMatchObject({ code: 'UNKNOWN_ERROR', lineStart: 46, lineEnd: 46, columnStart: 17, columnEnd: 30 });
    expect(fromValidationString('Unexpected token at 3:14')).toMatchObject({ lineStart: 3, columnStart: 14 });
    expect(fromValidationString('Invalid JSON on line 7')).toMatchObject({ lineStart: 7, columnStart: null });
  });

  it('places a string that names a path, in $root/… or dotted form', () => {
    const slash = fromValidationString("Property 'required' must be a boolean. Path: $root/screens/0/layout/children/0/children/1/required");
    expect(slash.pointers).toEqual([{ lineStart: null, lineEnd: null, columnStart: null, columnEnd: null, path: '$root/screens/0/layout/children/0/children/1/required' }]);
    expect(slash.lineStart).toBeNull();
    expect(fromValidationString("INVALID_SCREEN_REFERENCE: Screen 'SUMARY' does not exist at screens[1].layout.children[0].children[4]['on-click-action'].next.name.").pointers[0]?.path).toBe(
      "screens[1].layout.children[0].children[4]['on-click-action'].next.name",
    );
    expect(fromValidationString("Property 'colour' is not allowed at screens.0.colour").pointers[0]?.path).toBe('screens.0.colour');
    expect(fromValidationString('Missing property at /screens/2/layout').pointers[0]?.path).toBe('/screens/2/layout');
  });

  it('lists a string that names no place as an error without a place', () => {
    for (const text of ['Flow JSON is not valid.', 'The flow.json asset exceeds 10 MB (see https://example.com/a/b).', 'STRING_VALUE']) {
      expect(fromValidationString(text)).toEqual({ code: 'UNKNOWN_ERROR', type: null, message: text, lineStart: null, lineEnd: null, columnStart: null, columnEnd: null, pointers: [] });
    }
  });

  it('keeps every field of a Meta error object serialized into the string', () => {
    const [error] = metaValidationError.validation_errors;
    expect(fromValidationString(JSON.stringify(error))).toEqual({
      code: 'INVALID_PROPERTY_VALUE',
      type: 'FLOW_JSON_ERROR',
      message: "Invalid value found for property 'type'.",
      lineStart: 10,
      lineEnd: 10,
      columnStart: 21,
      columnEnd: 34,
      pointers: [{ lineStart: 10, lineEnd: 10, columnStart: 21, columnEnd: 34, path: 'screens [0]. layout.children [0].type' }],
    });
  });
});

describe('AWS calls through the SDK', () => {
  /** A fetch that records what the SDK sends and answers `answer`. */
  const recorder = (answer: () => Response) => {
    const sent: Request[] = [];
    const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      sent.push(new Request(input, init));
      return answer();
    }) as typeof globalThis.fetch;
    return { sent, fetch };
  };
  const transport = (fetch: typeof globalThis.fetch, baseUrl = 'http://127.0.0.1:9/aws-eu') => ({ baseUrl, fetch, signal: new AbortController().signal });

  it('sends exactly the request the builders describe, SigV4-signed for the account’s key, Region and service', async () => {
    const { sent, fetch } = recorder(() => Response.json({ flows: [] }));
    const client = { baseUrl: 'http://127.0.0.1:9/aws-eu' } as Parameters<typeof upstreamUrl>[0];
    const requests = [
      aws.listFlows(account, WABA, aws.parseFlowPage({ flows: [], nextToken: 'a+b/c= d' }).next),
      aws.getFlow!(account, WABA, '1234'),
      aws.flowJsonAssets!.request(account, WABA, '1234'),
      aws.previewCall!.request(account, WABA, '1234'),
    ];
    for (const request of requests) await sendWithSdk(request, account, transport(fetch));
    const described = (url: URL) => [url.origin + url.pathname, Object.fromEntries(url.searchParams)];
    expect(sent.map((r) => described(new URL(r.url)))).toEqual(requests.map((r) => described(upstreamUrl(client, r))));
    for (const request of sent) {
      expect(request.method).toBe('GET');
      expect(request.headers.get('authorization')).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIAEXAMPLEKEY000001\/\d{8}\/eu-west-1\/social-messaging\/aws4_request, SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*, Signature=[0-9a-f]{64}$/);
      expect(request.headers.get('x-amz-security-token')).toBeNull();
      // The signature checks out for the account's keys, and not for another secret.
      expect(await checkSignature(request, account, true)).toBe(true);
      expect(await checkSignature(request, { ...account, secretAccessKey: 'another-secret' }, true)).toBe(false);
      expect(JSON.stringify([...request.headers])).not.toContain(account.secretAccessKey);
    }
  });

  it('sends the session token when there is one', async () => {
    const { sent, fetch } = recorder(() => Response.json({ flows: [] }));
    await sendWithSdk(aws.getFlow!(account, WABA, '1'), { ...account, sessionToken: 'session-token-1' }, transport(fetch));
    expect(sent[0]!.headers.get('x-amz-security-token')).toBe('session-token-1');
    expect(sent[0]!.headers.get('authorization')).toMatch(/SignedHeaders=[a-z0-9;-]*x-amz-security-token/);
  });

  it('never retries in the SDK: a throttled or failing answer comes back unread after one exchange', async () => {
    for (const status of [429, 500, 503]) {
      const { sent, fetch } = recorder(() => Response.json({ message: 'slow down' }, { status, headers: { 'x-amzn-ErrorType': 'ThrottledRequestException', 'x-amzn-RequestId': 'r-1' } }));
      const response = await sendWithSdk(aws.getFlow!(account, WABA, '1'), account, transport(fetch));
      expect(sent).toHaveLength(1);
      expect(sent[0]!.headers.get('amz-sdk-request')).toBe('attempt=1; max=1');
      expect(response.status).toBe(status);
      expect(await response.json()).toEqual({ message: 'slow down' });
    }
  });

  it('lets a failed fetch through as it is (Flow Desk tells a timeout from a refused connection)', async () => {
    const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    const fetch = (async () => {
      throw refused;
    }) as typeof globalThis.fetch;
    await expect(sendWithSdk(aws.getFlow!(account, WABA, '1'), account, transport(fetch))).rejects.toBe(refused);
  });
});
