// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

const SECRET = 'sk-live-DO-NOT-ECHO-4f9a2c';

/** loadConfig with an accounts file held in memory. */
const withFile = (text: string, env: Record<string, string> = {}, path = '/etc/flowdesk/accounts.yaml') =>
  loadConfig({ FLOWDESK_CONFIG: path, ...env }, (p) => {
    if (p !== path) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
    return text;
  });

const failure = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a configuration error');
};

const FULL = `
accounts:
  - id: retail-eu
    provider: 8x8
    name: Retail EU
    apiKey: \${RETAIL_EU_KEY}
    accountId: 9f0c2a8e-1b7d-4c1e-9a55-3e0b7c2d4f11
    channels: [ec36a867-3dd4-e911-814a-02d85f55fce8]
    baseUrl: https://chatapps.8x8.com/
  - id: retail-us
    provider: 8x8
    apiKey: \${RETAIL_US_KEY}
    accountId: 0b9a1f2e3c4d4e5f8a9b0c1d2e3f4a5b
    channels: [c1, c2]
    baseUrl: https://chatapps.us.8x8.com
  - id: kaleyra-in
    provider: kaleyra
    apiKey: \${KALEYRA_IN_KEY}
    sid: HXAP16XXXXXX97IN
    wabaIds: ["295000000000001"]
  - id: meta-direct
    provider: meta
    accessToken: \${META_TOKEN}
    graphVersion: v24.0
    wabaIds: ["102290129340398"]
  - id: d360-shop
    provider: 360dialog
    apiKey: \${D360_KEY}
flowAssetHosts: ["127.0.0.1:9000"]
`;
const KEYS = { RETAIL_EU_KEY: 'k-eu', RETAIL_US_KEY: 'k-us', KALEYRA_IN_KEY: 'k-ka', META_TOKEN: 'k-meta', D360_KEY: 'k-360' };

describe('loadConfig: environment', () => {
  it('without a file or keys, runs every provider on the simulator under its own id', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 8080, flowAssetHosts: [], simulatorFlows: 30, upstreamTimeoutMs: 10_000, flowJsonTimeoutMs: 15_000 });
    expect(config.accounts.map((a) => [a.id, a.provider.adapter.id, a.simulated])).toEqual([
      ['8x8', '8x8', true],
      ['kaleyra', 'kaleyra', true],
      ['meta', 'meta', true],
      ['360dialog', '360dialog', true],
      ['gupshup', 'gupshup', true],
      ['infobip', 'infobip', true],
      ['aws', 'aws', true],
    ]);
  });

  it('reads the single-account variables as before: keys, base URLs and channel lists, trimming spaces and trailing slashes', () => {
    const config = loadConfig({
      EIGHTXEIGHT_API_KEY: '  key-8x8 ',
      EIGHTXEIGHT_BASE_URL: 'https://chatapps.8x8.uk/',
      EIGHTXEIGHT_ACCOUNT_ID: '5f3e2a1b-9c8d-4e7f-a6b5-c4d3e2f1a0b9',
      EIGHTXEIGHT_CHANNEL_IDS: ' a, b ,,c ',
      KALEYRA_API_KEY: 'key-kaleyra',
      KALEYRA_BASE_URL: 'http://127.0.0.1:4010/prefix//',
      KALEYRA_SID: 'SID1',
      KALEYRA_WABA_IDS: 'w1',
      FLOW_ASSET_HOSTS: '127.0.0.1:4010, cdn.example',
    });
    const [eight, kaleyra] = config.accounts;
    expect(eight).toMatchObject({ id: '8x8', simulated: false, secrets: ['key-8x8'] });
    expect(eight!.settings).toMatchObject({ apiKey: 'key-8x8', baseUrl: 'https://chatapps.8x8.uk', accountId: '5f3e2a1b-9c8d-4e7f-a6b5-c4d3e2f1a0b9', channels: ['a', 'b', 'c'] });
    expect(kaleyra!.settings).toMatchObject({ apiKey: 'key-kaleyra', baseUrl: 'http://127.0.0.1:4010/prefix', sid: 'SID1', wabaIds: ['w1'] });
    expect(config.flowAssetHosts).toEqual(['127.0.0.1:4010', 'cdn.example']);
  });

  it('treats an empty key as no key (simulated)', () => {
    expect(loadConfig({ KALEYRA_API_KEY: '   ' }).accounts[1]!.simulated).toBe(true);
  });

  it('needs the account id and channels of a keyed shorthand account, naming the variables', () => {
    const message = failure(() => loadConfig({ EIGHTXEIGHT_API_KEY: SECRET }));
    expect(message).toMatch(/EIGHTXEIGHT_ACCOUNT_ID: /);
    expect(message).toMatch(/EIGHTXEIGHT_CHANNEL_IDS: /);
    expect(message).not.toContain(SECRET);
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
    // Valid keys and ids alongside, which must not be echoed either.
    const env = {
      EIGHTXEIGHT_API_KEY: `${SECRET}-8x8`,
      EIGHTXEIGHT_ACCOUNT_ID: '5f3e2a1b-9c8d-4e7f-a6b5-c4d3e2f1a0b9',
      EIGHTXEIGHT_CHANNEL_IDS: 'c1',
      KALEYRA_API_KEY: `${SECRET}-kaleyra`,
      KALEYRA_SID: 'SID1',
      KALEYRA_WABA_IDS: 'w1',
      [name]: value,
    };
    const message = failure(() => loadConfig(env));
    expect(message).toMatch(/^Invalid configuration: /);
    expect(message).toContain(`${name}: `);
    expect(message).not.toContain(SECRET);
    if (value.length > 4) expect(message).not.toContain(value);
  });

  it('names FLOW_ASSET_HOSTS when an entry is not a host', () => {
    expect(() => loadConfig({ FLOW_ASSET_HOSTS: 'cdn.example/path' })).toThrow(/FLOW_ASSET_HOSTS/);
  });
});

describe('loadConfig: the accounts file', () => {
  it('reads every account of the documented example, each with its own key, host and fields', () => {
    const config = withFile(FULL, KEYS);
    expect(config.accounts.map((a) => [a.id, a.provider.adapter.id, a.name, a.simulated])).toEqual([
      ['retail-eu', '8x8', 'Retail EU', false],
      ['retail-us', '8x8', 'retail-us', false],
      ['kaleyra-in', 'kaleyra', 'kaleyra-in', false],
      ['meta-direct', 'meta', 'meta-direct', false],
      ['d360-shop', '360dialog', 'd360-shop', false],
    ]);
    expect(config.accounts.map((a) => a.secrets)).toEqual([['k-eu'], ['k-us'], ['k-ka'], ['k-meta'], ['k-360']]);
    expect(config.accounts[0]!.settings).toMatchObject({ baseUrl: 'https://chatapps.8x8.com', channels: ['ec36a867-3dd4-e911-814a-02d85f55fce8'] });
    expect(config.accounts[3]!.settings).toMatchObject({ graphVersion: 'v24.0', wabaIds: ['102290129340398'] });
    expect(config.flowAssetHosts).toEqual(['127.0.0.1:9000']);
    expect(config.warnings).toEqual([]);
  });

  it('reads the same accounts from JSON', () => {
    const json = JSON.stringify({ accounts: [{ id: 'kaleyra-in', provider: 'kaleyra', apiKey: '${K}', sid: 'HXAP16XXXXXX97IN', wabaIds: ['295000000000001'] }] });
    const config = withFile(json, { K: 'key' }, '/cfg/accounts.json');
    expect(config.accounts.map((a) => a.id)).toEqual(['kaleyra-in']);
    expect(config.accounts[0]!.secrets).toEqual(['key']);
  });

  it('runs an account without a key on the simulator, and says so per account', () => {
    const config = withFile(`accounts:\n  - id: shop\n    provider: 360dialog\n  - id: live\n    provider: 360dialog\n    apiKey: \${K}\n`, { K: 'key' });
    expect(config.accounts.map((a) => [a.id, a.simulated])).toEqual([
      ['shop', true],
      ['live', false],
    ]);
  });

  it('stops on an unset ${NAME}, naming the file, the account, the field and the variable', () => {
    const message = failure(() => withFile(FULL, { ...KEYS, META_TOKEN: undefined as unknown as string }));
    expect(message).toContain('/etc/flowdesk/accounts.yaml');
    expect(message).toContain('meta-direct');
    expect(message).toContain('accessToken');
    expect(message).toContain('META_TOKEN is not set');
  });

  it.each([
    ['an unknown field', `accounts:\n  - id: a\n    provider: 360dialog\n    apiKye: x\n`, /account "a".*unknown field "apiKye"/],
    ['a missing field', `accounts:\n  - id: k\n    provider: kaleyra\n    sid: HXAP16XXXXXX97IN\n`, /account "k".*field "wabaIds"/],
    ['missing channels of an 8x8 account (8x8 cannot list them)', `accounts:\n  - id: e\n    provider: 8x8\n    accountId: 9f0c2a8e-1b7d-4c1e-9a55-3e0b7c2d4f11\n`, /account "e".*field "channels"/],
    ['an unknown provider', `accounts:\n  - id: x\n    provider: telegram\n`, /account "x".*field "provider".*not one of 8x8, kaleyra, meta, 360dialog/],
    ['an id that is not a slug', `accounts:\n  - id: Retail EU\n    provider: 360dialog\n`, /accounts\[0\].*field "id"/],
    ['a duplicate id', `accounts:\n  - id: a\n    provider: 360dialog\n  - id: a\n    provider: 360dialog\n`, /"a" is used twice/],
    ['an unknown top-level field', `acounts: []\n`, /unknown field "acounts"/],
    ['a bad graph version', `accounts:\n  - id: m\n    provider: meta\n    wabaIds: ["1"]\n    graphVersion: latest\n`, /field "graphVersion"/],
  ])('stops on %s with a message naming the file, the account and the field', (_, text, pattern) => {
    const message = failure(() => withFile(text));
    expect(message).toContain('/etc/flowdesk/accounts.yaml');
    expect(message).toMatch(pattern);
  });

  it('never echoes a secret in an error, even one written in the file', () => {
    const message = failure(() => withFile(`accounts:\n  - id: a\n    provider: 360dialog\n    apiKey: "${SECRET} with spaces"\n`));
    expect(message).toMatch(/field "apiKey"/);
    expect(message).not.toContain(SECRET);
  });

  it('warns, without the value, about a secret written literally in the file', () => {
    const config = withFile(`accounts:\n  - id: a\n    provider: 360dialog\n    apiKey: ${SECRET}\n`);
    expect(config.accounts[0]!.simulated).toBe(false);
    expect(config.warnings).toHaveLength(1);
    expect(config.warnings[0]).toMatch(/"apiKey" is written in the file/);
    expect(config.warnings[0]).not.toContain(SECRET);
  });

  it('refuses a file that is not YAML or JSON, or cannot be read, naming it', () => {
    expect(failure(() => withFile('x', {}, '/cfg/accounts.toml'))).toMatch(/accounts\.toml must be a \.yaml, \.yml or \.json file/);
    expect(failure(() => loadConfig({ FLOWDESK_CONFIG: '/nowhere/accounts.yaml' }, () => { throw Object.assign(new Error('x'), { code: 'ENOENT' }); }))).toMatch(/cannot read \/nowhere\/accounts\.yaml \(ENOENT\)/);
    expect(failure(() => withFile('accounts: [\n'))).toMatch(/not valid YAML/);
  });

  it('adds the environment shorthand to the file only when its key is set, and refuses an id used by both', () => {
    const file = `accounts:\n  - id: shop\n    provider: 360dialog\n`;
    expect(withFile(file).accounts.map((a) => a.id)).toEqual(['shop']);
    const both = withFile(file, { KALEYRA_API_KEY: 'k', KALEYRA_SID: 'SID1', KALEYRA_WABA_IDS: 'w1' });
    expect(both.accounts.map((a) => a.id)).toEqual(['shop', 'kaleyra']);
    const clash = `accounts:\n  - id: kaleyra\n    provider: 360dialog\n`;
    expect(failure(() => withFile(clash, { KALEYRA_API_KEY: 'k', KALEYRA_SID: 'SID1', KALEYRA_WABA_IDS: 'w1' }))).toMatch(/"kaleyra" is used twice/);
  });
});
