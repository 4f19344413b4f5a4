// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { checkFlowJsonUrl, isExtraHostOrigin, parseFlowAssetHosts } from './asset-url';
import { downloadFlowJson } from './download';

const MALFORMED = 400;
const FORBIDDEN = 403;

const hostile: Array<[label: string, url: string, status: 400 | 403, reason: RegExp]> = [
  ['file scheme', 'file:///etc/passwd', FORBIDDEN, /scheme file: is not allowed/],
  ['ftp scheme', 'ftp://mmg.whatsapp.net/flow.json', FORBIDDEN, /scheme ftp: is not allowed/],
  ['data scheme', 'data:application/json,{}', FORBIDDEN, /scheme data: is not allowed/],
  ['javascript scheme', 'javascript:alert(1)', FORBIDDEN, /scheme javascript: is not allowed/],
  ['gopher scheme', 'gopher://mmg.whatsapp.net:70/_GET', FORBIDDEN, /scheme gopher: is not allowed/],
  ['websocket scheme', 'wss://mmg.whatsapp.net/x', FORBIDDEN, /scheme wss: is not allowed/],
  ['blob scheme', 'blob:https://mmg.whatsapp.net/0b5f', FORBIDDEN, /scheme blob: is not allowed/],
  ['http for a built-in host', 'http://mmg.whatsapp.net/m1/v/t24/An-a1', FORBIDDEN, /Only https is allowed/],
  ['userinfo', 'https://user:pass@mmg.whatsapp.net/x', FORBIDDEN, /user name or password/],
  ['empty userinfo', 'https://:@mmg.whatsapp.net/x', FORBIDDEN, /user name or password/],
  ['allowed host as userinfo', 'https://mmg.whatsapp.net@evil.com/x', FORBIDDEN, /user name or password/],
  ['loopback dotted', 'https://127.0.0.1/x', FORBIDDEN, /IP address 127\.0\.0\.1/],
  ['loopback decimal', 'https://2130706433/x', FORBIDDEN, /IP address 127\.0\.0\.1/],
  ['loopback hex', 'https://0x7f000001/x', FORBIDDEN, /IP address 127\.0\.0\.1/],
  ['loopback octal', 'https://0177.0.0.1/x', FORBIDDEN, /IP address 127\.0\.0\.1/],
  ['loopback short', 'https://127.1/x', FORBIDDEN, /IP address 127\.0\.0\.1/],
  ['loopback mixed hex/short', 'https://0x7f.1/x', FORBIDDEN, /IP address 127\.0\.0\.1/],
  ['loopback IPv6', 'https://[::1]/x', FORBIDDEN, /IP address \[::1\]/],
  ['IPv4-mapped loopback', 'https://[::ffff:127.0.0.1]/x', FORBIDDEN, /IP address \[::ffff:7f00:1\]/],
  ['unspecified IPv4', 'https://0.0.0.0/x', FORBIDDEN, /IP address 0\.0\.0\.0/],
  ['unspecified IPv6', 'https://[::]/x', FORBIDDEN, /IP address \[::\]/],
  ['private 10/8', 'https://10.0.0.1/x', FORBIDDEN, /IP address 10\.0\.0\.1/],
  ['private 192.168/16', 'https://192.168.1.1/x', FORBIDDEN, /IP address 192\.168\.1\.1/],
  ['metadata dotted', 'https://169.254.169.254/latest/meta-data/', FORBIDDEN, /IP address 169\.254\.169\.254/],
  ['metadata decimal', 'https://2852039166/x', FORBIDDEN, /IP address 169\.254\.169\.254/],
  ['metadata hex', 'https://0xa9fea9fe/x', FORBIDDEN, /IP address 169\.254\.169\.254/],
  ['metadata octal', 'https://0251.0376.0251.0376/x', FORBIDDEN, /IP address 169\.254\.169\.254/],
  ['metadata IPv4-mapped', 'https://[::ffff:169.254.169.254]/x', FORBIDDEN, /IP address \[::ffff:a9fe:a9fe\]/],
  ['unique-local IPv6', 'https://[fd00::1]/x', FORBIDDEN, /IP address \[fd00::1\]/],
  ['link-local IPv6', 'https://[fe80::1]/x', FORBIDDEN, /IP address \[fe80::1\]/],
  ['localhost', 'https://localhost/x', FORBIDDEN, /host localhost is not an allowed/],
  ['unlisted host', 'https://evil.com/flow.json', FORBIDDEN, /host evil\.com is not an allowed/],
  ['allowed host as prefix', 'https://mmg.whatsapp.net.evil.com/x', FORBIDDEN, /host mmg\.whatsapp\.net\.evil\.com is not/],
  ['suffix in fragment', 'https://evil.com#.fbcdn.net', FORBIDDEN, /host evil\.com is not/],
  ['suffix in query', 'https://evil.com?.fbcdn.net', FORBIDDEN, /host evil\.com is not/],
  ['suffix without dot', 'https://evilfbcdn.net/x', FORBIDDEN, /host evilfbcdn\.net is not/],
  ['suffix as prefix', 'https://fbcdn.net.evil.com/x', FORBIDDEN, /host fbcdn\.net\.evil\.com is not/],
  ['bare apex', 'https://fbcdn.net/x', FORBIDDEN, /host fbcdn\.net is not/],
  ['percent-encoded dot', 'https://mmg.whatsapp.net%2eevil.com/x', FORBIDDEN, /host mmg\.whatsapp\.net\.evil\.com is not/],
  ['trailing dot', 'https://mmg.whatsapp.net./x', FORBIDDEN, /host mmg\.whatsapp\.net\. is not/],
  ['empty label', 'https://a..fbcdn.net/x', FORBIDDEN, /host a\.\.fbcdn\.net is not/],
  ['non-default port', 'https://mmg.whatsapp.net:8443/x', FORBIDDEN, /port 8443 is not allowed/],
  ['loopback test server not listed', 'http://127.0.0.1:4010/flow.json', FORBIDDEN, /IP address 127\.0\.0\.1/],
  ['backslash before suffix', 'https://evil.com\\.fbcdn.net/', MALFORMED, /backslash/],
  ['backslash before @', 'https://evil.com\\@mmg.whatsapp.net/', MALFORMED, /backslash/],
  ['backslash authority', 'https:\\\\mmg.whatsapp.net/x', MALFORMED, /backslash/],
  ['tab inside host', 'https://mmg.whatsapp.net\t.evil.com/x', MALFORMED, /whitespace or control/],
  ['leading space', ' https://mmg.whatsapp.net/x', MALFORMED, /whitespace or control/],
  ['no slashes after scheme', 'https:mmg.whatsapp.net/x', MALFORMED, /not a valid absolute URL/],
  ['relative URL', '/m1/v/t24/An-a1', MALFORMED, /not a valid absolute URL/],
  ['not a URL', 'not a url', MALFORMED, /whitespace or control/],
  ['empty', '', MALFORMED, /empty/],
  ['too long', `https://mmg.whatsapp.net/${'a'.repeat(4096)}`, MALFORMED, /longer than 4096 characters/],
];

describe('checkFlowJsonUrl refuses hostile URLs', () => {
  it('has a table of at least 25 cases', () => {
    expect(hostile.length).toBeGreaterThanOrEqual(25);
  });

  it.each(hostile)('%s: %s', (_label, url, status, reason) => {
    const result = checkFlowJsonUrl(url, { extraHosts: [] });
    expect(result).toMatchObject({ ok: false, status });
    if (result.ok) return;
    expect(result.reason).toMatch(reason);
    expect(result.reason).toMatch(/^[A-Z].*\.$/);
  });

  it.each(hostile)('downloadFlowJson refuses %s without fetching', async (_label, url, status) => {
    const fetch = vi.fn<typeof globalThis.fetch>();
    const result = await downloadFlowJson(url, { extraHosts: [], fetch });
    expect(result).toMatchObject({ ok: false, kind: 'json_url_refused', status, upstreamStatus: null });
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('checkFlowJsonUrl allows Meta CDN URLs', () => {
  it.each([
    'https://mmg.whatsapp.net/m1/v/t24/An-a1LjKk34-zpvJMd&_nc_sid=471',
    'https://scontent.xx.fbcdn.net/m1/v/t0.57323-24/An_Hq0jnfJ?ccb=10-5&oh=01_Q5&oe=6C3A&_nc_sid=000000',
    'https://scontent.fbom1-1.fna.fbcdn.net/m1/v/t0.57323-24/An_x',
    'https://media-sin6-1.cdn.whatsapp.net/v/t62/x',
    'https://MMG.WhatsApp.NET/m1/v/t24/An-a1',
    'https://mmg.whatsapp.net:443/m1/v/t24/An-a1',
  ])('%s', (url) => {
    const result = checkFlowJsonUrl(url, { extraHosts: [] });
    expect(result.ok).toBe(true);
  });

  it('returns the parsed URL that will be fetched', () => {
    const result = checkFlowJsonUrl('https://MMG.whatsapp.net:443/a#frag', { extraHosts: [] });
    expect(result.ok && result.url.href).toBe('https://mmg.whatsapp.net/a#frag');
  });
});

describe('extra hosts (FLOW_ASSET_HOSTS)', () => {
  const allowed: Array<[url: string, extraHosts: string[]]> = [
    ['http://127.0.0.1:4010/flow.json', ['127.0.0.1:4010']],
    ['https://127.0.0.1:4010/flow.json', ['127.0.0.1:4010']],
    ['http://localhost/flow.json', ['localhost']],
    ['https://localhost/flow.json', ['localhost']],
    ['https://localhost/flow.json', ['localhost:443']],
    ['http://[::1]:4010/flow.json', ['[::1]:4010']],
    ['http://assets.example.test:8080/x', ['other.test', ' Assets.Example.Test:8080 ']],
  ];
  it.each(allowed)('allows %s with %j', (url, extraHosts) => {
    expect(checkFlowJsonUrl(url, { extraHosts }).ok).toBe(true);
  });

  const refused: Array<[url: string, extraHosts: string[]]> = [
    ['http://127.0.0.1:4011/flow.json', ['127.0.0.1:4010']],
    ['http://127.0.0.1/flow.json', ['127.0.0.1:4010']],
    ['http://localhost:8080/flow.json', ['localhost']],
    ['http://localhost/flow.json', ['localhost:443']],
    ['http://user@127.0.0.1:4010/flow.json', ['127.0.0.1:4010']],
    ['ftp://127.0.0.1:4010/flow.json', ['127.0.0.1:4010']],
    ['http://127.0.0.2:4010/flow.json', ['127.0.0.1:4010']],
    ['http://assets.test.evil.com/x', ['assets.test']],
  ];
  it.each(refused)('refuses %s with %j', (url, extraHosts) => {
    const result = checkFlowJsonUrl(url, { extraHosts });
    expect(result.ok).toBe(false);
  });

  it('matches connector origins the way undici passes them', () => {
    expect(isExtraHostOrigin('http:', '127.0.0.1', '4010', ['127.0.0.1:4010'])).toBe(true);
    expect(isExtraHostOrigin('http:', '::1', '4010', ['[::1]:4010'])).toBe(true);
    expect(isExtraHostOrigin('http:', '127.0.0.1', '4011', ['127.0.0.1:4010'])).toBe(false);
    expect(isExtraHostOrigin('https:', 'mmg.whatsapp.net', '', [])).toBe(false);
  });

  it('parses FLOW_ASSET_HOSTS and rejects bad entries', () => {
    expect(parseFlowAssetHosts(undefined)).toEqual([]);
    expect(parseFlowAssetHosts(' 127.0.0.1:4010, ,assets.test ')).toEqual(['127.0.0.1:4010', 'assets.test']);
    expect(() => parseFlowAssetHosts('http://127.0.0.1:4010')).toThrow(/not a host or host:port/);
    expect(() => parseFlowAssetHosts('user@host')).toThrow(/not a host or host:port/);
    expect(() => parseFlowAssetHosts('host:99999')).toThrow(/not a host or host:port/);
  });
});
