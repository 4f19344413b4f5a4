/**
 * End User Messaging calls through the official SDK. The SDK builds each request from its command
 * and signs it (SigV4, the account's keys); its HTTP goes through the fetch Flow Desk hands over
 * (the account's simulator or the network, with Flow Desk's deadline), and the answer goes back to
 * Flow Desk unread, which handles it as any provider's: one retry policy (the SDK's is off:
 * `maxAttempts: 1`, and it never sees an answer to retry), one error mapping, zod schemas.
 */
import {
  GetWhatsAppFlowCommand,
  GetWhatsAppFlowPreviewCommand,
  ListWhatsAppFlowAssetsCommand,
  ListWhatsAppFlowsCommand,
  SocialMessagingClient,
  type SocialMessagingClientConfig,
} from '@aws-sdk/client-socialmessaging';
import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { SignableRequest, UpstreamRequest } from '../types';
import type { AwsAccount } from './adapter';

/** The SigV4 signing name of End User Messaging Social. */
export const SIGNING_SERVICE = 'social-messaging';

/** The provider's answer, carried out of the SDK's middleware stack untouched. */
class Answered extends Error {
  constructor(readonly response: Response) {
    super('answered');
    this.name = 'Answered';
  }
}

/** The SDK's HTTP request, as its request handler receives it. */
interface SdkHttpRequest {
  method: string;
  protocol: string;
  hostname: string;
  port?: number;
  path: string;
  query?: Record<string, string | string[] | null>;
  headers: Record<string, string>;
}

/** RFC 3986 encoding, as SigV4 canonicalizes query strings. */
const escape = (value: string) => encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export function sdkRequestUrl(request: SdkHttpRequest): string {
  const pairs: string[] = [];
  for (const [key, value] of Object.entries(request.query ?? {})) {
    if (value == null) continue;
    for (const v of Array.isArray(value) ? value : [value]) pairs.push(`${escape(key)}=${escape(v)}`);
  }
  const port = request.port ? `:${request.port}` : '';
  return `${request.protocol}//${request.hostname}${port}${request.path}${pairs.length ? `?${pairs.join('&')}` : ''}`;
}

function credentialsOf(account: AwsAccount) {
  if (!account.accessKeyId || !account.secretAccessKey) throw new Error('The account has no AWS access keys.');
  return { accessKeyId: account.accessKeyId, secretAccessKey: account.secretAccessKey, ...(account.sessionToken ? { sessionToken: account.sessionToken } : {}) };
}

type Transport = { baseUrl: string; fetch: typeof fetch; signal: AbortSignal };

function createClient(account: AwsAccount, transport: Omit<Transport, 'signal'>): SocialMessagingClient {
  const requestHandler = {
    async handle(request: SdkHttpRequest, options?: { abortSignal?: unknown }): Promise<never> {
      const headers = Object.fromEntries(Object.entries(request.headers).filter(([name]) => name.toLowerCase() !== 'host'));
      const response = await transport.fetch(sdkRequestUrl(request), {
        method: request.method,
        headers,
        signal: options?.abortSignal as AbortSignal | undefined,
        redirect: 'error',
      });
      throw new Answered(response);
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
  };
  return new SocialMessagingClient({
    region: account.region,
    endpoint: transport.baseUrl,
    credentials: credentialsOf(account),
    // Flow Desk's retry policy (server/upstream.ts) is the only one.
    maxAttempts: 1,
    retryMode: 'standard',
    useFipsEndpoint: false,
    useDualstackEndpoint: false,
    requestHandler: requestHandler as unknown as SocialMessagingClientConfig['requestHandler'],
  });
}

/** One SDK client per account and transport (the account's fetch and endpoint do not change). */
const clients = new WeakMap<AwsAccount, { fetch: typeof fetch; baseUrl: string; client: SocialMessagingClient }>();

function clientFor(account: AwsAccount, transport: Transport): SocialMessagingClient {
  const cached = clients.get(account);
  if (cached && cached.fetch === transport.fetch && cached.baseUrl === transport.baseUrl) return cached.client;
  const client = createClient(account, transport);
  clients.set(account, { fetch: transport.fetch, baseUrl: transport.baseUrl, client });
  return client;
}

/** The SDK command for a request the adapter's builders describe (path and query of its REST binding). */
export function commandFor(request: UpstreamRequest) {
  const query = request.query ?? {};
  const need = (name: string) => {
    const value = query[name];
    if (!value) throw new Error(`The request for ${request.path} lacks "${name}".`);
    return value;
  };
  const maxResults = query.maxResults ? { maxResults: Number(query.maxResults) } : {};
  const nextToken = query.nextToken ? { nextToken: query.nextToken } : {};
  switch (request.path) {
    case '/v1/whatsapp/flow/list':
      return new ListWhatsAppFlowsCommand({ id: need('id'), ...maxResults, ...nextToken });
    case '/v1/whatsapp/flow':
      return new GetWhatsAppFlowCommand({ id: need('id'), flowId: need('flowId') });
    case '/v1/whatsapp/flow/assets':
      return new ListWhatsAppFlowAssetsCommand({ id: need('id'), flowId: need('flowId'), ...maxResults, ...nextToken });
    case '/v1/whatsapp/flow/preview':
      return new GetWhatsAppFlowPreviewCommand({ id: need('id'), flowId: need('flowId'), invalidate: query.invalidate === 'true' });
    default:
      throw new Error(`No End User Messaging Social operation is bound to ${request.path}.`);
  }
}

export async function sendWithSdk(request: UpstreamRequest, account: AwsAccount, transport: Transport): Promise<Response> {
  const client = clientFor(account, transport);
  const command = commandFor(request);
  try {
    // The command's input and output types differ per operation; the answer is read by Flow Desk, not here.
    await client.send(command as ListWhatsAppFlowsCommand, { abortSignal: transport.signal });
  } catch (error) {
    if (error instanceof Answered) return error.response;
    // The fetch failed (deadline, network): Flow Desk tells which.
    throw error;
  }
  throw new Error('The SDK finished without sending the request.');
}

type Bytes = string | ArrayBuffer | ArrayBufferView;
const toBuffer = (data: Bytes) =>
  typeof data === 'string' ? Buffer.from(data, 'utf8') : ArrayBuffer.isView(data) ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.from(data);

/** SHA-256 (or its HMAC with a secret) for the signer, on node:crypto. */
class Sha256 {
  private readonly hash;
  constructor(secret?: Bytes) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', toBuffer(secret));
  }
  update(data: Bytes) {
    this.hash.update(toBuffer(data));
  }
  async digest() {
    return new Uint8Array(this.hash.digest());
  }
}

/**
 * SigV4 of a request with the account's keys, with the signer the SDK itself uses
 * (`@smithy/signature-v4`): at `signingDate`, over exactly `signedHeaders` when given (to check a
 * signature received), else over every signable header. Returns the headers the signer set.
 */
export async function sigV4(
  request: { method: string; url: URL; headers: Record<string, string> },
  account: AwsAccount,
  options: { signingDate?: Date; signedHeaders?: Set<string> } = {},
): Promise<Record<string, string>> {
  const signer = new SignatureV4({ service: SIGNING_SERVICE, region: account.region, credentials: credentialsOf(account), sha256: Sha256 });
  const { url } = request;
  const headers: Record<string, string> = { host: url.host };
  for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
  const query: Record<string, string> = {};
  url.searchParams.forEach((value, key) => (query[key] = value));
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      path: decodeURIComponent(url.pathname),
      query,
      headers,
    },
    { signingDate: options.signingDate, ...(options.signedHeaders ? { signableHeaders: options.signedHeaders } : {}) },
  );
  const out: Record<string, string> = {};
  for (const name of ['authorization', 'x-amz-date', 'x-amz-security-token', 'x-amz-content-sha256']) {
    const value = signed.headers[name];
    if (value) out[name] = value;
  }
  return out;
}

export const signRequest = (request: SignableRequest, account: AwsAccount) => sigV4(request, account);
