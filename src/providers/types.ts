import type { ChannelInfo, ChannelRef, FlowDetail, FlowPage, FlowPreview, ProviderId } from '../model/flow';

/** A request to a provider, relative to its configured base URL. */
export interface UpstreamRequest {
  path: string;
  query?: Record<string, string>;
}

/** What a provider's error body says, in the provider's own words. */
export interface ProviderErrorBody {
  code: string | number | null;
  message: string | null;
  errorId: string | null;
}

/**
 * Everything Flow Desk knows about one flow provider: where its endpoints are, how it
 * authenticates, and how its answers map onto the shared model. Adding a provider means
 * one folder that exports one of these; nothing outside the folder knows its wire format.
 */
export interface ProviderAdapter {
  id: ProviderId;
  label: string;
  accountLabel: string;
  channelLabel: string;
  capabilities: ChannelInfo['capabilities'];
  defaultBaseUrl: string;
  /** Documented regional hosts (the simulator answers on each). */
  regionalBaseUrls: readonly string[];
  /** The provider's documented request budget per API key, if any. */
  rateLimit: { requests: number; perMs: number } | null;
  authHeaders(apiKey: string): Record<string, string>;
  /** Returns a sentence describing what is wrong with the ids, or null when they are valid. */
  validateChannel(ref: Pick<ChannelRef, 'accountId' | 'channelId'>): string | null;
  validateFlowId(flowId: string): string | null;
  listFlows(ref: ChannelRef, cursor: string | undefined): UpstreamRequest;
  parseFlowPage(body: unknown): FlowPage;
  getFlow(ref: ChannelRef, flowId: string): UpstreamRequest;
  parseFlow(body: unknown): { flow: FlowDetail; flowJsonUrl: string | null };
  /** For providers whose details do not carry the flow JSON link (Kaleyra: the assets call). */
  flowJsonAssets?: {
    request(ref: ChannelRef, flowId: string): UpstreamRequest;
    parse(body: unknown): string | null;
  };
  /** For providers whose details do not carry a preview link but have a call for it (8x8). */
  previewCall?: {
    request(ref: ChannelRef, flowId: string): UpstreamRequest;
    parse(body: unknown): FlowPreview;
  };
  parseErrorBody(body: unknown): ProviderErrorBody | null;
}
