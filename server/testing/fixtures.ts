/** Ids, fake keys and helpers shared by the server tests, the e2e setup and the load test. */
import type { Hono } from 'hono';
import type { Clock } from '../../src/lib/clock';
import { RequestBudget } from '../../src/lib/request-budget';
import { ProblemSchema, type Problem } from '../../src/model/flow';
import { createApiApp, createProxyContext } from '../app';
import { createAuth } from '../auth';
import { loadConfig } from '../config';
import { setClock } from '../http/clock';
import type { FakeUpstream } from './fake-upstream';

/** The environment shorthand's accounts are named after their providers. */
export const ID_8X8 = '8x8';
export const ID_KALEYRA = 'kaleyra';
export const ACCOUNT_8X8 = '5f3e2a1b-9c8d-4e7f-a6b5-c4d3e2f1a0b9';
export const CHANNEL_8X8 = 'ec36a867-3dd4-e911-814a-02d85f55fce8';
export const SEED_FLOW_8X8 = '822625023859371';
export const SID_KALEYRA = 'HXAP16XXXXXX97IN';
export const WABA_KALEYRA = '295XXXXXXXXXXXX';
export const SEED_FLOW_KALEYRA = '1789XXXXXXXXXXXX';

/** Showcase flows: `showcase('8x8', 1)` is the 8x8 flow whose JSON link has expired. */
export const SHOWCASE = { expired: 1, notJson: 2, oversized: 3, noJson: 4, markup: 5, nonAscii: 6, componentErrors: 7, hundredScreens: 8 } as const;
export const showcase = (provider: '8x8' | 'kaleyra', n: number) => `${provider === '8x8' ? '90000000000' : '91000000000'}${String(n).padStart(2, '0')}`;

export const listPath = (accountId: string, channelId: string) => `/api/accounts/${accountId}/channels/${channelId}/flows`;
export const LIST_8X8 = listPath(ID_8X8, CHANNEL_8X8);
export const LIST_KALEYRA = listPath(ID_KALEYRA, WABA_KALEYRA);

/** Recognisable fake keys: any response that contains one of them leaks a key. */
export const KEY_8X8 = 'fake-8x8-key-7Qp3ZrT9wX';
export const KEY_KALEYRA = 'fake-kaleyra-key-Hm4Vb8Ls2N';

/** The environment of a server with both keys set, pointed at the fake upstream. */
export function keyedEnv(fake: Pick<FakeUpstream, 'url' | 'port'>, extra: Record<string, string> = {}): Record<string, string> {
  return {
    EIGHTXEIGHT_API_KEY: KEY_8X8,
    EIGHTXEIGHT_BASE_URL: `${fake.url}/${ID_8X8}`,
    EIGHTXEIGHT_ACCOUNT_ID: ACCOUNT_8X8,
    EIGHTXEIGHT_CHANNEL_IDS: CHANNEL_8X8,
    KALEYRA_API_KEY: KEY_KALEYRA,
    KALEYRA_BASE_URL: `${fake.url}/${ID_KALEYRA}`,
    KALEYRA_SID: SID_KALEYRA,
    KALEYRA_WABA_IDS: WABA_KALEYRA,
    FLOW_ASSET_HOSTS: `127.0.0.1:${fake.port}`,
    ...extra,
  };
}

/** The API app as served (sign-in, Host check, access per account), configured by `env` alone. */
export const apiApp = (env: Record<string, string> = {}): Hono => apiAppWithContext(env).app;

/**
 * The API app with every provider client's retries, pacing and deadlines on `clock` (tests pass a
 * ManualClock, so back-off and budget windows take no real time).
 */
export function clockedApiApp(env: Record<string, string>, clock: Clock): Hono {
  return apiAppWithContext(env, clock).app;
}

/** The API app and the proxy context behind it (tests configure its download pool). */
export function apiAppWithContext(env: Record<string, string>, clock?: Clock) {
  const config = loadConfig(env);
  const ctx = createProxyContext(config);
  const app = (): Hono => createApiApp(config, ctx, createAuth(config, env));
  if (!clock) return { ctx, app: app() };
  for (const { client } of ctx.accounts.values()) {
    setClock(client, clock);
    const rate = client.adapter.rateLimit;
    if (client.budget && rate) client.budget = new RequestBudget({ limit: rate.requests, windowMs: rate.perMs, concurrency: 8, clock });
  }
  return { ctx, app: app() };
}

/** Parses a JSON array of the given schema's objects. */
export async function parseList<T>(schema: { parse(value: unknown): T }, response: Response): Promise<T[]> {
  const body = (await response.json()) as unknown;
  if (!Array.isArray(body)) throw new Error('Expected a JSON array.');
  return body.map((item) => schema.parse(item));
}

/** Parses a failure answer, checking it is exactly the shared Problem shape. */
export async function problemOf(response: Response): Promise<Problem> {
  expectJson(response);
  const body = (await response.json()) as { problem?: unknown };
  return parseExactly(ProblemSchema, body.problem);
}

/** Parses with an object schema and refuses keys the schema does not name (the model is the whole contract). */
export function parseExactly<T>(schema: { parse(value: unknown): T; shape: object }, value: unknown): T {
  const parsed = schema.parse(value);
  const extra = Object.keys(value as object).filter((key) => !(key in schema.shape));
  if (extra.length) throw new Error(`Unexpected keys: ${extra.join(', ')}`);
  return parsed;
}

function expectJson(response: Response): void {
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('application/json')) throw new Error(`Expected a JSON answer, got "${type}" (HTTP ${response.status}).`);
}
