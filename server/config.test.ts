// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

const SECRET = 'sk-live-DO-NOT-ECHO-4f9a2c';

describe('loadConfig', () => {
  it('defaults to both providers on the simulator', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 8080, flowAssetHosts: [], simulatorFlows: 30, upstreamTimeoutMs: 10_000, flowJsonTimeoutMs: 15_000 });
    expect(config.providers).toEqual([
      { provider: '8x8', apiKey: null, baseUrl: 'https://chatapps.8x8.com', channels: [] },
      { provider: 'kaleyra', apiKey: null, baseUrl: 'https://api.in.kaleyra.io', channels: [] },
    ]);
  });

  it('reads keys, base URLs and channel lists, trimming spaces and trailing slashes', () => {
    const config = loadConfig({
      EIGHTXEIGHT_API_KEY: '  key-8x8 ',
      EIGHTXEIGHT_BASE_URL: 'https://chatapps.8x8.uk/',
      EIGHTXEIGHT_ACCOUNT_ID: 'acct',
      EIGHTXEIGHT_CHANNEL_IDS: ' a, b ,,c ',
      KALEYRA_API_KEY: 'key-kaleyra',
      KALEYRA_BASE_URL: 'http://127.0.0.1:4010/prefix//',
      KALEYRA_SID: 'SID1',
      KALEYRA_WABA_IDS: 'w1',
      FLOW_ASSET_HOSTS: '127.0.0.1:4010, cdn.example',
    });
    expect(config.providers[0]).toEqual({
      provider: '8x8',
      apiKey: 'key-8x8',
      baseUrl: 'https://chatapps.8x8.uk',
      channels: ['a', 'b', 'c'].map((channelId) => ({ provider: '8x8', accountId: 'acct', channelId })),
    });
    expect(config.providers[1]).toEqual({ provider: 'kaleyra', apiKey: 'key-kaleyra', baseUrl: 'http://127.0.0.1:4010/prefix', channels: [{ provider: 'kaleyra', accountId: 'SID1', channelId: 'w1' }] });
    expect(config.flowAssetHosts).toEqual(['127.0.0.1:4010', 'cdn.example']);
  });

  it('treats an empty key as no key (simulated)', () => {
    expect(loadConfig({ KALEYRA_API_KEY: '   ' }).providers[1]!.apiKey).toBeNull();
  });

  it.each([
    ['PORT', 'not-a-port'],
    ['PORT', '70000'],
    ['SIMULATOR_FLOWS', '0'],
    ['SIMULATOR_FLOWS', '1.5'],
    ['UPSTREAM_TIMEOUT_MS', '-5'],
    ['FLOW_JSON_TIMEOUT_MS', 'soon'],
    ['EIGHTXEIGHT_BASE_URL', `not a url ${SECRET}`],
    ['EIGHTXEIGHT_BASE_URL', `ftp://chatapps.8x8.com/${SECRET}`],
    ['KALEYRA_BASE_URL', `https://user:${SECRET}@api.in.kaleyra.io`],
    ['KALEYRA_BASE_URL', `https://api.in.kaleyra.io/?api-key=${SECRET}`],
    ['EIGHTXEIGHT_API_KEY', `${SECRET}\nX-Injected: 1`],
    ['KALEYRA_API_KEY', `${SECRET} with spaces`],
    ['KALEYRA_API_KEY', `${SECRET}é`],
  ])('rejects %s=%j, naming the variable without echoing the value', (name, value) => {
    // The valid keys alongside must not be echoed either.
    const env = { EIGHTXEIGHT_API_KEY: `${SECRET}-8x8`, KALEYRA_API_KEY: `${SECRET}-kaleyra`, [name]: value };
    let message = '';
    expect(() => {
      try {
        loadConfig(env);
      } catch (error) {
        message = (error as Error).message;
        throw error;
      }
    }).toThrow(/^Invalid configuration: /);
    expect(message).toContain(`${name}: `);
    expect(message).not.toContain(SECRET);
    if (value.length > 4) expect(message).not.toContain(value);
  });

  it('names FLOW_ASSET_HOSTS when an entry is not a host', () => {
    expect(() => loadConfig({ FLOW_ASSET_HOSTS: 'cdn.example/path' })).toThrow(/FLOW_ASSET_HOSTS/);
  });
});
