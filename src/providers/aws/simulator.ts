/**
 * End User Messaging Social's flow operations on their REST paths (the SDK's restJson1 bindings),
 * on every regional host and the account's own endpoint: token-paged lists, details with health
 * (levels only) and validation errors as strings, assets with Meta's presigned CDN links, preview
 * links, restJson1 errors (`x-amzn-ErrorType`, `x-amzn-RequestId`), and a SigV4 check.
 */
import { http, HttpResponse } from 'msw';
import { plantedErrors } from '../../mocks/data/flow-assets';
import type { SimChannel, SimFlow } from '../../mocks/data/world';
import { faultResponse, type Operation } from '../../mocks/handlers/faults';
import type { ProviderSimulator, SimulatorContext } from '../types';
import { aws, AWS_PAGE_SIZE, PATHS, WABA_ID, type AwsAccount } from './adapter';
import { formatFlowPath } from '../../lib/json-positions/path';

/** Showcase flows (see WorldTools.showcase). */
export const SHOWCASE_PREFIX = '96000000000';

/** Each status's error type, as End User Messaging answers it. */
const ERROR_TYPES: Record<number, string> = {
  400: 'ValidationException',
  401: 'UnrecognizedClientException',
  403: 'AccessDeniedException',
  404: 'ResourceNotFoundException',
  429: 'ThrottledRequestException',
  500: 'InternalServiceException',
  502: 'DependencyException',
  503: 'InternalServiceException',
};
const MESSAGES: Record<string, string> = {
  ValidationException: 'The request contains an invalid parameter value.',
  UnrecognizedClientException: 'The security token included in the request is invalid.',
  InvalidSignatureException: 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
  MissingAuthenticationTokenException: 'Missing Authentication Token',
  AccessDeniedException: 'You do not have sufficient access to perform this action.',
  ResourceNotFoundException: 'The resource was not found.',
  ThrottledRequestException: 'The request was denied due to request throttling.',
  InternalServiceException: 'The request processing has failed because of an unknown error, exception, or failure.',
  DependencyException: 'Thrown when performing an action because a dependency would be broken.',
};

/** restJson1's error answer: the type in a header (with the service's namespace), `{"message"}` in the body. */
export function awsError(status: number, type = ERROR_TYPES[status] ?? 'InternalServiceException', message = MESSAGES[type] ?? 'Error') {
  return HttpResponse.json(
    { message },
    {
      status,
      headers: {
        'x-amzn-ErrorType': `${type}:http://internal.amazon.com/coral/com.amazonaws.socialmessaging/`,
        'x-amzn-RequestId': crypto.randomUUID(),
      },
    },
  );
}

const ok = (body: object) => HttpResponse.json(body, { headers: { 'x-amzn-RequestId': crypto.randomUUID() } });

/** A validation error as End User Messaging's strings read, in one of the styles seen: a line and column, a `$root/…` path, a dotted path, or the message alone. */
export function errorString(error: ReturnType<typeof plantedErrors>[number], index: number): string {
  const { code, message, position } = error;
  if (!position) return message;
  switch (index % 4) {
    case 0:
      return position.columnEnd > position.columnStart + 1 && position.lineEnd === position.lineStart
        ? `${code}: ${message} (line ${position.lineStart}, columns ${position.columnStart}-${position.columnEnd})`
        : `${code}: ${message} (line ${position.lineStart}, column ${position.columnStart})`;
    case 1:
      return `${message} Path: $root/${error.path.join('/')}`;
    case 2:
      return `${code}: ${message} at ${formatFlowPath(error.path)}`;
    default:
      return message;
  }
}

function health(flow: SimFlow, channel: SimChannel) {
  if (!flow.health) return undefined;
  const { flow: f, waba, business, app } = flow.health;
  const levels = [f, waba, business, app];
  return {
    canSendMessage: levels.includes('BLOCKED') ? 'BLOCKED' : levels.includes('LIMITED') ? 'LIMITED' : 'AVAILABLE',
    entities: [
      { entityType: 'FLOW', id: flow.id, canSendMessage: f },
      { entityType: 'WABA', id: metaWabaId(channel), canSendMessage: waba },
      { entityType: 'BUSINESS', id: '109000000000001', canSendMessage: business },
      { entityType: 'APP', id: '115000000000001', canSendMessage: app },
    ],
  };
}

/** The Meta WABA id behind an End User Messaging `waba-…` id (deterministic). */
const metaWabaId = (channel: SimChannel) => `1022901293${String(channel.channelId.length * 7919).padStart(5, '0')}`;

const validationErrors = (flow: SimFlow) => plantedErrors(flow).map(errorString);

const previewOf = (flow: SimFlow) => ({
  previewUrl: `https://business.facebook.com/wa/manage/flows/${flow.id}/preview/?token=${crypto.randomUUID()}`,
  expiresAt: new Date(Date.now() + 30 * 24 * 3600_000).toISOString(),
});

function details(flow: SimFlow, channel: SimChannel) {
  return {
    flowId: flow.id,
    flowName: flow.name,
    flowStatus: flow.status,
    categories: flow.categories,
    validationErrors: validationErrors(flow),
    jsonVersion: flow.template === 3 ? '7.1' : flow.template === 1 ? '6.0' : '5.0',
    ...(flow.endpointUri ? { dataApiVersion: '3.0', endpointUri: flow.endpointUri } : {}),
    preview: previewOf(flow),
    whatsAppBusinessAccount: { id: metaWabaId(channel), name: channel.label, currency: 'USD', timezoneId: '1', messageTemplateNamespace: '1c9639a3_37b1_4ca9_8b72_295e00000ade' },
    application: { id: '115000000000001', name: 'AWS End User Messaging Social', link: 'https://developers.facebook.com/apps/115000000000001' },
    ...(flow.health ? { healthStatus: health(flow, channel) } : {}),
  };
}

/** An opaque page token (base64 of the offset with padding and `+`/`/`, as AWS tokens have). */
const token = (offset: number, channel: SimChannel) => btoa(`\u00fb\u00ef${channel.channelId}?offset=${offset}`);
function offsetOf(value: string, channel: SimChannel): number | null {
  try {
    const match = new RegExp(`^\u00fb\u00ef${channel.channelId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\?offset=(\\d+)$`).exec(atob(value));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** AWS's wording for a parameter that fails its constraint. */
const invalid = (name: string, value: string | null, constraint: string) =>
  awsError(400, 'ValidationException', `1 validation error detected: Value '${value ?? 'null'}' at '${name}' failed to satisfy constraint: ${constraint}`);

export const awsSimulator: ProviderSimulator<AwsAccount> = {
  world: (account, tools) =>
    account.wabaIds.map((wabaId, i) => {
      const idBase = 6000000000000001n + BigInt(i) * 100000000000000n;
      const label = `AWS WABA ${i + 1}`;
      if (i > 0) return tools.channel(wabaId, label, tools.generate(61 + i, tools.smaller(tools.flowsPerChannel), idBase, true));
      return tools.channel(wabaId, label, [...tools.showcase(SHOWCASE_PREFIX, true), ...tools.generate(61, tools.flowsPerChannel, idBase, true)]);
    }),
  handlers: (context) => handlers(context),
  checkCredentials: (request, expected, strict) => checkSignature(request, expected, strict),
};

const AUTHORIZATION = /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([a-z0-9-]+)\/([a-z0-9-]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

/**
 * Checks a request's SigV4 signature. Strict: recomputed for `expected`'s keys and Region over the
 * headers the request says it signed, with the URL it was sent to (a fake upstream in front says
 * where in `x-forwarded-host` / `x-forwarded-prefix`). Otherwise: a well-formed signature for this service.
 */
export async function checkSignature(request: Request, expected: AwsAccount, strict: boolean): Promise<boolean> {
  const authorization = request.headers.get('authorization') ?? '';
  const parts = AUTHORIZATION.exec(authorization);
  const date = request.headers.get('x-amz-date') ?? '';
  // The SDK's module loads with the first AWS call (see the adapter).
  const { sigV4, SIGNING_SERVICE } = await import('./sdk');
  if (!parts || !/^\d{8}T\d{6}Z$/.test(date) || parts[4] !== SIGNING_SERVICE || !date.startsWith(parts[2]!)) return false;
  if (!strict) return true;
  const url = new URL(request.url);
  const sentTo = new URL(`${url.protocol}//${request.headers.get('x-forwarded-host') || url.host}${request.headers.get('x-forwarded-prefix') ?? ''}${url.pathname}${url.search}`);
  const signedHeaders = new Set(parts[5]!.split(';'));
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) {
    if (name === 'host') continue;
    const value = request.headers.get(name);
    if (value === null) return false;
    headers[name] = value;
  }
  const signingDate = new Date(`${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T${date.slice(9, 11)}:${date.slice(11, 13)}:${date.slice(13, 15)}Z`);
  const wanted = await sigV4({ method: request.method, url: sentTo, headers }, expected, { signingDate, signedHeaders });
  return wanted.authorization === authorization;
}

function handlers({ account, channels, fault, authorized, assetUrl }: SimulatorContext<AwsAccount>) {
  const refuse = (request: Request) => {
    const authorization = request.headers.get('authorization');
    if (!authorization) return awsError(403, 'MissingAuthenticationTokenException');
    const keyId = /Credential=([^/]+)\//.exec(authorization)?.[1];
    return account.accessKeyId && keyId !== account.accessKeyId ? awsError(403, 'UnrecognizedClientException') : awsError(403, 'InvalidSignatureException');
  };
  const guard = async (request: Request, operation: Operation) => {
    if (!(await authorized(request))) return refuse(request);
    const injected = fault(operation);
    if (!injected) return undefined;
    const response = await faultResponse(injected, (status) => ({ message: MESSAGES[ERROR_TYPES[status] ?? 'InternalServiceException'] }));
    if (!response || response.status < 400) return response;
    // restJson1 carries the error type and request id in headers.
    const headers = new Headers(response.headers);
    headers.set('x-amzn-ErrorType', `${ERROR_TYPES[response.status] ?? 'InternalServiceException'}:http://internal.amazon.com/coral/com.amazonaws.socialmessaging/`);
    headers.set('x-amzn-RequestId', crypto.randomUUID());
    return new HttpResponse(response.body, { status: response.status, headers });
  };
  /** The WABA named by `id` (a `waba-…` id or an ARN), or the error End User Messaging answers. */
  const wabaOf = (params: URLSearchParams): SimChannel | Response => {
    const id = params.get('id');
    if (!id || !WABA_ID.test(id)) return invalid('id', id, 'Member must satisfy regular expression pattern: .*(^waba-.*$)|(^arn:.*:waba/[0-9a-zA-Z]+$).*');
    return channels.find((c) => c.channelId === id) ?? awsError(404, 'ResourceNotFoundException', `WhatsApp Business Account ${id} was not found.`);
  };
  const flowOf = (params: URLSearchParams): { channel: SimChannel; flow: SimFlow } | Response => {
    const channel = wabaOf(params);
    if (channel instanceof Response) return channel;
    const flowId = params.get('flowId');
    if (!flowId || !/^[0-9]{1,100}$/.test(flowId)) return invalid('flowId', flowId, 'Member must satisfy regular expression pattern: [0-9]+');
    const flow = channel.byId.get(flowId);
    return flow ? { channel, flow } : awsError(404, 'ResourceNotFoundException', `Flow ${flowId} was not found.`);
  };
  const maxResultsOf = (params: URLSearchParams): number | Response => {
    const raw = params.get('maxResults');
    const value = raw === null ? Number(AWS_PAGE_SIZE) : Number(raw);
    return Number.isInteger(value) && value >= 1 && value <= 100 ? value : invalid('maxResults', raw, 'Member must have value less than or equal to 100');
  };

  const hosts = [...new Set([...aws.regionalBaseUrls, aws.apiBase(account)])];
  return hosts.flatMap((host) => [
    http.get(`${host}${PATHS.list}`, async ({ request }) => {
      const refused = await guard(request, 'list');
      if (refused) return refused;
      const params = new URL(request.url).searchParams;
      const channel = wabaOf(params);
      if (channel instanceof Response) return channel;
      const limit = maxResultsOf(params);
      if (limit instanceof Response) return limit;
      const next = params.get('nextToken');
      const start = next === null ? 0 : offsetOf(next, channel);
      if (start === null) return invalid('nextToken', next, 'the token is not valid');
      const slice = channel.flows.slice(start, start + limit);
      const end = start + slice.length;
      return ok({
        flows: slice.map((f) => ({ flowId: f.id, flowName: f.name, flowStatus: f.status, flowCategories: f.categories, validationErrors: validationErrors(f) })),
        ...(end < channel.flows.length ? { nextToken: token(end, channel) } : {}),
      });
    }),
    http.get(`${host}${PATHS.assets}`, async ({ request }) => {
      const refused = await guard(request, 'assets');
      if (refused) return refused;
      const params = new URL(request.url).searchParams;
      const found = flowOf(params);
      if (found instanceof Response) return found;
      const limit = maxResultsOf(params);
      if (limit instanceof Response) return limit;
      const { channel, flow } = found;
      return ok({ flowAssets: flow.json === 'none' ? [] : [{ name: 'flow.json', assetType: 'FLOW_JSON', downloadUrl: assetUrl(channel, flow) }] });
    }),
    http.get(`${host}${PATHS.preview}`, async ({ request }) => {
      const refused = await guard(request, 'detail');
      if (refused) return refused;
      const found = flowOf(new URL(request.url).searchParams);
      if (found instanceof Response) return found;
      return ok({ flowId: found.flow.id, preview: previewOf(found.flow) });
    }),
    http.get(`${host}${PATHS.get}`, async ({ request }) => {
      const refused = await guard(request, 'detail');
      if (refused) return refused;
      const found = flowOf(new URL(request.url).searchParams);
      if (found instanceof Response) return found;
      return ok(details(found.flow, found.channel));
    }),
  ]);
}
