// @vitest-environment node
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SEED_FLOW_JSON as SEED_8X8_FLOW_JSON } from '../../src/providers/8x8/simulator';
import { loadConfig } from '../config';
import { startFakeUpstream, type FakeUpstream } from './fake-upstream';
import { ACCOUNT_8X8, CHANNEL_8X8, ID_8X8, ID_KALEYRA, SEED_FLOW_8X8, SEED_FLOW_KALEYRA, SID_KALEYRA, WABA_KALEYRA } from './fixtures';

let fake: FakeUpstream;
beforeAll(async () => {
  fake = await startFakeUpstream();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
  fake.setFaults(undefined);
});

const bearer = { Authorization: 'Bearer test-key' };
const eight = () => fake.baseUrl(ID_8X8);
const kaleyra = () => fake.baseUrl(ID_KALEYRA);
const apiKey = { 'api-key': 'test-key' };

describe('startFakeUpstream', () => {
  it('listens on 127.0.0.1', () => {
    expect(fake.url).toBe(`http://127.0.0.1:${fake.port}`);
  });

  it("answers 8x8 paths in 8x8's format, with CDN links pointing back at itself", async () => {
    const response = await fetch(`${eight()}/api/v1/accounts/${ACCOUNT_8X8}/channels/${CHANNEL_8X8}/flows/${SEED_FLOW_8X8}`, { headers: bearer });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { flowId: string; flowJsonUrl: string };
    expect(body.flowId).toBe(SEED_FLOW_8X8);
    expect(body.flowJsonUrl).toBe(`${eight()}/cdn/mmg.whatsapp.net/m1/v/t24/An-a1LjKk34-zpvJMd&_nc_sid=471`);
    const json = await fetch(body.flowJsonUrl);
    expect(await json.text()).toBe(SEED_8X8_FLOW_JSON);
  });

  it("answers Kaleyra paths in Graph's format, rewriting paging links and asset links", async () => {
    const list = (await (await fetch(`${kaleyra()}/v2/${SID_KALEYRA}/whatsapp/${WABA_KALEYRA}/flows?limit=5`, { headers: apiKey })).json()) as { data: unknown[]; paging: { next: string } };
    expect(list.data).toHaveLength(5);
    expect(list.paging.next.startsWith(`${kaleyra()}/v2/`)).toBe(true);
    const assets = (await (await fetch(`${kaleyra()}/v2/${SID_KALEYRA}/whatsapp/${SEED_FLOW_KALEYRA}/assets`, { headers: apiKey })).json()) as { data: { download_url: string }[] };
    expect(assets.data[0]!.download_url.startsWith(`${kaleyra()}/cdn/mmg.whatsapp.net/`)).toBe(true);
    expect((await fetch(assets.data[0]!.download_url)).status).toBe(200);
  });

  it('records method, path with query, headers, target and status', async () => {
    await fetch(`${kaleyra()}/v2/${SID_KALEYRA}/whatsapp/${WABA_KALEYRA}/flows?limit=1&after=x%2Fy`, { headers: apiKey });
    expect(fake.requests).toEqual([
      expect.objectContaining({ method: 'GET', path: `/${ID_KALEYRA}/v2/${SID_KALEYRA}/whatsapp/${WABA_KALEYRA}/flows?limit=1&after=x%2Fy`, target: { account: ID_KALEYRA, cdn: false }, status: 400 }),
    ]);
    expect(fake.requests[0]!.headers['api-key']).toBe('test-key');
  });

  it('refuses a call without the auth header, as the providers do', async () => {
    expect((await fetch(`${eight()}/api/v1/accounts/${ACCOUNT_8X8}/channels/${CHANNEL_8X8}/flows`)).status).toBe(401);
    expect((await fetch(`${kaleyra()}/v2/${SID_KALEYRA}/whatsapp/${WABA_KALEYRA}/flows`)).status).toBe(401);
  });

  it('answers 404 for paths it does not serve, including other CDN hosts', async () => {
    for (const path of ['/', '/v1/anything', '/unknown-account/v2/x', `/${ID_8X8}/cdn/evil.example/m1/v/t24/x`]) {
      const response = await fetch(`${fake.url}${path}`);
      expect(response.status, path).toBe(404);
      await response.arrayBuffer();
    }
    expect(fake.requests.map((r) => r.target)).toEqual([null, null, null, null]);
  });

  it('injects faults, and setFaults replaces them', async () => {
    fake.setFaults('kaleyra.list=503');
    const url = `${kaleyra()}/v2/${SID_KALEYRA}/whatsapp/${WABA_KALEYRA}/flows`;
    expect((await fetch(url, { headers: apiKey })).status).toBe(503);
    fake.setFaults(undefined);
    expect((await fetch(url, { headers: apiKey })).status).toBe(200);
  });

  it('drops the connection for the "refused" fault', async () => {
    fake.setFaults('8x8=refused');
    await expect(fetch(`${eight()}/api/v1/accounts/${ACCOUNT_8X8}/channels/${CHANNEL_8X8}/flows`, { headers: bearer })).rejects.toThrow();
    expect(fake.requests[0]!.status).toBe(0);
  });

  it('can reuse answers (cacheMs) while still counting every request', async () => {
    let counted = 0;
    const cached = await startFakeUpstream({ cacheMs: 60_000, record: false, onRequest: () => counted++ });
    try {
      const url = `${cached.baseUrl(ID_KALEYRA)}/v2/${SID_KALEYRA}/whatsapp/${WABA_KALEYRA}/flows`;
      const [a, b] = [await (await fetch(url, { headers: apiKey })).text(), await (await fetch(url, { headers: apiKey })).text()];
      expect(a).toBe(b);
      expect(counted).toBe(2);
      expect(cached.requests).toHaveLength(0);
      // A different key is a different request.
      expect((await fetch(url)).status).toBe(401);
    } finally {
      await cached.close();
    }
  });

  it('serves each account under its own prefix and, given credentials, only to requests signed with them', async () => {
    const { accounts } = loadConfig({
      KALEYRA_API_KEY: 'right-key',
      KALEYRA_SID: SID_KALEYRA,
      KALEYRA_WABA_IDS: WABA_KALEYRA,
    });
    const strict = await startFakeUpstream({ accounts });
    try {
      const url = `${strict.baseUrl(ID_KALEYRA)}/v2/${SID_KALEYRA}/whatsapp/${WABA_KALEYRA}/flows`;
      expect((await fetch(url, { headers: { 'api-key': 'right-key' } })).status).toBe(200);
      expect((await fetch(url, { headers: { 'api-key': 'wrong-key' } })).status).toBe(401);
      // The 8x8 demo account has no credentials configured: any bearer token passes.
      expect((await fetch(`${strict.baseUrl(ID_8X8)}/api/v1/accounts/${ACCOUNT_8X8}/channels/${CHANNEL_8X8}/flows`, { headers: bearer })).status).toBe(200);
    } finally {
      await strict.close();
    }
  });
});
