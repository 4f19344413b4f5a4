/**
 * What a flow provider is to Flow Desk. Each provider is one folder under src/providers/<id>/
 * exporting one `ProviderAdapter` (requests, signing, schemas, mapping, config fields, wording,
 * rate limit) and one `ProviderSimulator` (its simulated world and msw handlers); the registry
 * lists them. Nothing outside a provider's folder knows its wire format or names it.
 */
import type { z } from 'zod';
import type { RequestHandler } from 'msw';
import type { AccountCapabilities, AccountWording, FlowDetail, FlowPage, FlowPreview, RateLimit } from '../model/flow';
import type { FaultKind, Operation } from '../mocks/handlers/faults';
import type { SimChannel, WorldTools } from '../mocks/data/world';

/** A request to a provider, relative to its account's base URL. */
export interface UpstreamRequest {
  path: string;
  query?: Record<string, string>;
}

/** What a signer sees of a request: enough to sign it (SigV4 signs the method, URL and headers). */
export interface SignableRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
}

/** What a provider's error body says, in the provider's own words. */
export interface ProviderErrorBody {
  code: string | number | null;
  message: string | null;
  errorId: string | null;
  /** Provider-specific advice that replaces the generic sentence for this status (e.g. "renew the token"). */
  advice?: string | null;
  /** The body says the resource does not exist, whatever the HTTP status (Graph answers 400). */
  notFound?: boolean;
  /** The error says the caller is throttled, whatever the HTTP status (some throttling errors come as HTTP 400). */
  rateLimited?: boolean;
  /** For a throttling error without a Retry-After header: how long the provider's own retry policy waits before retrying. */
  retryAfterSeconds?: number | null;
}

/** Fields every account has, whatever its provider. */
export interface AccountBase {
  /** The account's id in Flow Desk: a slug used in URLs and access rules. */
  id: string;
  provider: string;
  name?: string;
  baseUrl?: string;
}

/** A channel (a channel, WABA, sender, app…) of an account, as configured or discovered. */
export interface ChannelSpec {
  channelId: string;
  label: string | null;
}

/** The provider's own call that lists an account's channels, where one is documented. */
export interface ChannelDiscovery<A> {
  request(account: A, cursor: string | undefined): UpstreamRequest;
  parse(body: unknown): { channels: ChannelSpec[]; next?: string };
}

export interface ProviderAdapter<A extends AccountBase = AccountBase> {
  id: string;
  label: string;
  accountLabel: string;
  channelLabel: string;
  /** What the account's credential is called in messages ("API key", "access token"). */
  credentialName: string;
  capabilities: AccountCapabilities;
  wording: AccountWording;
  defaultBaseUrl: string;
  /** Documented regional hosts (the simulator answers on each). */
  regionalBaseUrls: readonly string[];
  /** The provider's documented request budget per credential, or a conservative one of our own (the note says which). */
  rateLimit: RateLimit;

  /** The provider's fields of an account in the config file (besides `id`, `provider`, `name`), as a strict zod object. */
  configFields: z.ZodObject;
  /** Names of the config fields that hold secrets (never logged, never sent to the browser). */
  secretFields: readonly string[];
  /** Credential fields whose absence makes the account run on the simulator. */
  credentialFields: readonly string[];
  /** The single-account environment shorthand (today's variables), if the provider has one. */
  environment?: {
    /** Config field → the environment variable that gives it. */
    variables: Readonly<Record<string, string>>;
    /** Fields whose variable is a comma-separated list. */
    lists?: readonly string[];
    /** The simulator's demo account, used when no variable but the base URL's is set. */
    demo: Readonly<Record<string, unknown>>;
  };
  /** The base URL for calls: the configured or default host, plus any path the provider puts before every call. */
  apiBase(account: A): string;
  /** The account's own id at the provider, shown in the UI (an account GUID, a SID), if it has one. */
  providerAccountId(account: A): string | null;
  /** Channels named in the config; null when they are to be discovered (`discoverChannels`). */
  configuredChannels(account: A): ChannelSpec[] | null;
  discoverChannels?: ChannelDiscovery<A>;
  /** Headers that authenticate this request with the account's credentials. */
  sign(request: SignableRequest, account: A): Record<string, string> | Promise<Record<string, string>>;
  /**
   * For providers called through their official SDK: performs the request (as the builders
   * describe it) with the SDK, whose HTTP goes through `transport.fetch` (the account's: simulator
   * or network) under `transport.signal`, and returns the provider's answer unread. Flow Desk then
   * treats it as any other (deadline, budget, retries, errors, parsing): the SDK must not retry.
   * Without it, Flow Desk GETs the URL itself with the headers from `sign`.
   */
  send?(request: UpstreamRequest, account: A, transport: { baseUrl: string; fetch: typeof fetch; signal: AbortSignal }): Promise<Response>;

  /** Returns a sentence describing what is wrong with the ids, or null when they are valid. */
  validateChannelId(channelId: string): string | null;
  validateFlowId(flowId: string): string | null;
  listFlows(account: A, channelId: string, cursor: string | undefined): UpstreamRequest;
  parseFlowPage(body: unknown): FlowPage;
  /** The call for one flow; absent (with `parseFlow`) when the provider has none: then `detailFromList` builds the page. */
  getFlow?(account: A, channelId: string, flowId: string): UpstreamRequest;
  parseFlow?(body: unknown): { flow: FlowDetail; flowJsonUrl: string | null };
  /**
   * For providers whose details lack or mangle a field their list carries, or that have no details
   * call at all: the flow's detail from one page of the channel's list (the raw answer) and the
   * parsed details, if any. Null when that page does not list the flow (the next page is asked).
   */
  detailFromList?(listBody: unknown, flowId: string, details: FlowDetail | null): FlowDetail | null;
  /** For providers whose details do not carry the flow JSON link (Graph: the assets call). */
  flowJsonAssets?: {
    request(account: A, channelId: string, flowId: string): UpstreamRequest;
    parse(body: unknown): string | null;
  };
  /**
   * For providers that serve the flow JSON itself from their API rather than as a CDN link: the
   * call, signed and paced like every other, downloaded with the same size cap as a CDN's.
   */
  flowJson?: {
    request(account: A, channelId: string, flowId: string): UpstreamRequest;
  };
  /** For providers whose details do not carry a preview link but have a call for it. */
  previewCall?: {
    request(account: A, channelId: string, flowId: string): UpstreamRequest;
    parse(body: unknown): FlowPreview;
  };
  /** Reads an error answer: its JSON body, and its headers for providers that put the error type or request id there. */
  parseErrorBody(body: unknown, headers?: Headers): ProviderErrorBody | null;
}

/** The simulated side of a provider: its world for one account, and msw handlers speaking its wire format. */
export interface ProviderSimulator<A extends AccountBase = AccountBase> {
  /** The account's simulated channels: the configured ones, or demo channels when none are configured. */
  world(account: A, tools: WorldTools): SimChannel[];
  handlers(context: SimulatorContext<A>): RequestHandler[];
  /**
   * Whether a request carries `expected`'s credentials, for providers whose requests cannot be
   * checked by signing them again header by header (a signature over a timestamp and the headers
   * sent). `strict` false: any well-formed credentials pass. Without it, `sign` is compared.
   */
  checkCredentials?(request: Request, expected: A, strict: boolean): Promise<boolean>;
}

export interface SimulatorContext<A extends AccountBase = AccountBase> {
  account: A;
  channels: SimChannel[];
  /** The fault injected for this operation (SIMULATOR_FAULTS), if any. */
  fault(operation: Operation): FaultKind | undefined;
  /** The CDN link of a flow's JSON (expiring, as Meta's). */
  assetUrl(channel: SimChannel, flow: SimChannel['flows'][number]): string;
  /**
   * Whether the request carries the account's credentials. The simulator accepts any credentials
   * unless it was told which to expect (the repo's fake upstream for keyed tests).
   */
  authorized(request: Request): Promise<boolean>;
}

/** One provider: its adapter and its simulator, as the registry lists it. */
export interface Provider<A extends AccountBase = AccountBase> {
  adapter: ProviderAdapter<A>;
  simulator: ProviderSimulator<A>;
}
