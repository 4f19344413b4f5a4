/**
 * Server configuration from the environment, validated at start-up. API keys live only here
 * and in the upstream client; nothing in this module's output that reaches the browser holds one.
 */
import { z } from 'zod';
import type { ChannelRef, ProviderId } from '../src/model/flow';
import { parseFlowAssetHosts } from './flow-json/asset-url';

const csv = z
  .string()
  .optional()
  .transform((v) => (v ?? '').split(',').map((s) => s.trim()).filter(Boolean));
const optional = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? v.trim() : undefined));
const baseUrl = (fallback: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : fallback).replace(/\/+$/, ''))
    .pipe(z.url({ protocol: /^https?$/ }))
    // fetch refuses URLs with credentials, and a query or fragment would be merged into every call.
    .refine((v) => {
      const url = URL.parse(v);
      return !url || (!url.username && !url.password && !url.search && !url.hash);
    }, 'must be http(s)://host[:port][/path], without credentials, query or fragment');
/** Sent as a header value: anything but visible ASCII would fail every call with a misleading error. */
const apiKey = optional.pipe(z.string().regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces').optional());
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  EIGHTXEIGHT_API_KEY: apiKey,
  EIGHTXEIGHT_ACCOUNT_ID: optional,
  EIGHTXEIGHT_CHANNEL_IDS: csv,
  EIGHTXEIGHT_BASE_URL: baseUrl('https://chatapps.8x8.com'),
  KALEYRA_API_KEY: apiKey,
  KALEYRA_SID: optional,
  KALEYRA_WABA_IDS: csv,
  KALEYRA_BASE_URL: baseUrl('https://api.in.kaleyra.io'),
  FLOW_ASSET_HOSTS: z.string().optional().transform((v) => parseFlowAssetHosts(v)),
  /** Generated flows per simulated channel (benchmarks use 10,000 and 100,000). */
  SIMULATOR_FLOWS: positiveInt(30),
  SIMULATOR_FAULTS: z.string().optional(),
  UPSTREAM_TIMEOUT_MS: positiveInt(10_000),
  FLOW_JSON_TIMEOUT_MS: positiveInt(15_000),
});

export interface ProviderConfig {
  provider: ProviderId;
  /** Null when the provider runs on the built-in simulator. */
  apiKey: string | null;
  baseUrl: string;
  /** Channels named in the environment (empty for a simulated provider: the simulator names its own). */
  channels: ChannelRef[];
}

export interface ServerConfig {
  port: number;
  providers: ProviderConfig[];
  flowAssetHosts: string[];
  simulatorFlows: number;
  simulatorFaults: string | undefined;
  upstreamTimeoutMs: number;
  flowJsonTimeoutMs: number;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): ServerConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    // Name the variables, never echo their values (they may be keys).
    const names = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${names}`);
  }
  const e = parsed.data;
  const channels = (provider: ProviderId, accountId: string | undefined, ids: string[]): ChannelRef[] =>
    accountId ? ids.map((channelId) => ({ provider, accountId, channelId })) : [];
  return {
    port: e.PORT,
    providers: [
      { provider: '8x8', apiKey: e.EIGHTXEIGHT_API_KEY ?? null, baseUrl: e.EIGHTXEIGHT_BASE_URL, channels: channels('8x8', e.EIGHTXEIGHT_ACCOUNT_ID, e.EIGHTXEIGHT_CHANNEL_IDS) },
      { provider: 'kaleyra', apiKey: e.KALEYRA_API_KEY ?? null, baseUrl: e.KALEYRA_BASE_URL, channels: channels('kaleyra', e.KALEYRA_SID, e.KALEYRA_WABA_IDS) },
    ],
    flowAssetHosts: e.FLOW_ASSET_HOSTS,
    simulatorFlows: e.SIMULATOR_FLOWS,
    simulatorFaults: e.SIMULATOR_FAULTS,
    upstreamTimeoutMs: e.UPSTREAM_TIMEOUT_MS,
    flowJsonTimeoutMs: e.FLOW_JSON_TIMEOUT_MS,
  };
}
