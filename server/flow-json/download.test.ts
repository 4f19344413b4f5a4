// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { downloadFlowJson } from './download';
import { AddressRefusedError } from './public-address';

const MMG = 'https://mmg.whatsapp.net/m1/v/t24/An-a1LjKk34-zpvJMd&_nc_sid=471';
const SCONTENT = 'https://scontent.xx.fbcdn.net/m1/v/t0.57323-24/An_Hq0jnfJ?oe=6C3A';
const MB = 1024 * 1024;

type Route = (url: string, init: RequestInit) => Response | Promise<Response>;

function fakeFetch(route: Route) {
  return vi.fn<typeof fetch>(async (input, init) => route(String(input), init ?? {}));
}

const redirect = (location: string, status = 302) => new Response(null, { status, headers: { location } });

/** A body that produces `total` bytes in 64 KiB chunks, recording how much it produced and whether it was cancelled. */
function countingStream(total: number) {
  const chunk = new Uint8Array(64 * 1024).fill(0x20);
  const state = { produced: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.produced >= total) return controller.close();
      state.produced += chunk.byteLength;
      controller.enqueue(chunk.slice());
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

describe('downloadFlowJson', () => {
  it('downloads the flow JSON without credentials and with manual redirects', async () => {
    const fetch = fakeFetch(() => new Response('{"version":"7.1","screens":[]}', { status: 200 }));
    const result = await downloadFlowJson(MMG, { extraHosts: [], fetch });
    expect(result).toMatchObject({ ok: true, text: '{"version":"7.1","screens":[]}', bytes: 30, finalUrl: MMG });

    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe(MMG);
    expect(init).toMatchObject({ method: 'GET', redirect: 'manual', credentials: 'omit' });
    const headers = new Headers(init?.headers);
    expect([...headers.keys()]).toEqual(['accept']);
  });

  it('decodes UTF-8 leniently and strips a BOM', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0x22, 0xc3, 0xa9, 0xff, 0x22]);
    const result = await downloadFlowJson(MMG, { extraHosts: [], fetch: fakeFetch(() => new Response(bytes)) });
    expect(result).toMatchObject({ ok: true, text: '"é\uFFFD"', bytes: 8 });
  });

  describe('redirects', () => {
    it('refuses a redirect to a disallowed host', async () => {
      const fetch = fakeFetch(() => redirect('https://evil.com/steal'));
      const result = await downloadFlowJson(MMG, { extraHosts: [], fetch });
      expect(result).toMatchObject({ ok: false, kind: 'json_url_refused', status: 403, upstreamStatus: 302 });
      expect(!result.ok && result.message).toMatch(/redirected to a URL that is not allowed.*evil\.com/);
      expect(fetch).toHaveBeenCalledTimes(1);
    });

    it.each([
      'http://169.254.169.254/latest/meta-data/',
      'https://0x7f000001/',
      'http://mmg.whatsapp.net/x',
      '//evil.com/x',
      '\\\\evil.com/x',
      'file:///etc/passwd',
    ])('refuses a redirect to %s', async (location) => {
      const fetch = fakeFetch(() => redirect(location, 307));
      const result = await downloadFlowJson(MMG, { extraHosts: [], fetch });
      expect(result).toMatchObject({ ok: false, kind: 'json_url_refused', status: 403 });
      expect(fetch).toHaveBeenCalledTimes(1);
    });

    it('follows a redirect to an allowed host', async () => {
      const fetch = fakeFetch((url) => (url === MMG ? redirect(SCONTENT, 301) : new Response('{}')));
      const result = await downloadFlowJson(MMG, { extraHosts: [], fetch });
      expect(result).toMatchObject({ ok: true, text: '{}', bytes: 2, finalUrl: SCONTENT });
      expect(fetch.mock.calls.map(([url]) => url)).toEqual([MMG, SCONTENT]);
    });

    it('resolves a relative Location against the current URL', async () => {
      const fetch = fakeFetch((url) => (url === MMG ? redirect('/m1/other?x=1', 308) : new Response('{}')));
      const result = await downloadFlowJson(MMG, { extraHosts: [], fetch });
      expect(result).toMatchObject({ ok: true, finalUrl: 'https://mmg.whatsapp.net/m1/other?x=1' });
    });

    it('gives up after maxRedirects', async () => {
      let n = 0;
      const fetch = fakeFetch(() => redirect(`https://mmg.whatsapp.net/hop${++n}`));
      const result = await downloadFlowJson(MMG, { extraHosts: [], fetch, maxRedirects: 2 });
      expect(result).toMatchObject({ ok: false, kind: 'provider_error', status: 502, upstreamStatus: 302 });
      expect(fetch).toHaveBeenCalledTimes(3);
    });

    it('treats a redirect without Location as a provider error', async () => {
      const fetch = fakeFetch(() => new Response(null, { status: 302 }));
      const result = await downloadFlowJson(MMG, { extraHosts: [], fetch });
      expect(result).toMatchObject({ ok: false, kind: 'provider_error', status: 502 });
    });
  });

  describe('size cap', () => {
    it('refuses a Content-Length over the cap without reading the body', async () => {
      const { stream, state } = countingStream(11 * MB);
      const fetch = fakeFetch(() => new Response(stream, { headers: { 'content-length': String(11 * MB) } }));
      const result = await downloadFlowJson(MMG, { extraHosts: [], fetch });
      expect(result).toEqual({
        ok: false,
        kind: 'json_too_large',
        status: 413,
        message: "The flow JSON is larger than 10 MB, Meta's limit for flow JSON.",
        upstreamStatus: 200,
      });
      expect(state.produced).toBeLessThanOrEqual(128 * 1024);
    });

    it('enforces the cap while streaming and cancels the body early', async () => {
      const { stream, state } = countingStream(11 * MB);
      const fetch = fakeFetch(() => new Response(stream));
      const result = await downloadFlowJson(MMG, { extraHosts: [], fetch });
      expect(result).toMatchObject({ ok: false, kind: 'json_too_large', status: 413 });
      await vi.waitFor(() => expect(state.cancelled).toBe(true));
      expect(state.produced).toBeLessThan(10 * MB + 256 * 1024);
    });

    it('accepts a body exactly at a custom cap', async () => {
      const { stream } = countingStream(128 * 1024);
      const result = await downloadFlowJson(MMG, { extraHosts: [], fetch: fakeFetch(() => new Response(stream)), maxBytes: 128 * 1024 });
      expect(result).toMatchObject({ ok: true, bytes: 128 * 1024 });
    });

    it('names a custom cap in the message', async () => {
      const fetch = fakeFetch(() => new Response('x'.repeat(11)));
      const result = await downloadFlowJson(MMG, { extraHosts: [], fetch, maxBytes: 10 });
      expect(result).toMatchObject({ kind: 'json_too_large', message: 'The flow JSON is larger than the 10-byte limit.' });
    });
  });

  describe('upstream status mapping', () => {
    it.each([403, 404, 410])('maps upstream %i to 410 json_url_expired', async (upstream) => {
      const fetch = fakeFetch(() => new Response('<Error>AccessDenied</Error>', { status: upstream }));
      const result = await downloadFlowJson(MMG, { extraHosts: [], fetch });
      expect(result).toMatchObject({ ok: false, kind: 'json_url_expired', status: 410, upstreamStatus: upstream });
      expect(!result.ok && result.message).toMatch(/expired/);
    });

    it.each([500, 503, 429, 401, 400, 304])('maps upstream %i to 502 provider_error', async (upstream) => {
      const fetch = fakeFetch(() => new Response(null, { status: upstream }));
      const result = await downloadFlowJson(MMG, { extraHosts: [], fetch });
      expect(result).toMatchObject({ ok: false, kind: 'provider_error', status: 502, upstreamStatus: upstream });
    });
  });

  describe('timeouts and network failures', () => {
    it('times out a slow body with 504', async () => {
      const slow = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"version":'));
        },
        pull: () => new Promise(() => {}),
      });
      const fetch = fakeFetch(() => new Response(slow));
      const result = await downloadFlowJson(MMG, { extraHosts: [], fetch, timeoutMs: 50 });
      expect(result).toMatchObject({ ok: false, kind: 'timeout', status: 504, upstreamStatus: 200 });
      expect(!result.ok && result.message).toBe('The flow JSON download from mmg.whatsapp.net took longer than 50 ms.');
    });

    it('times out a fetch that never answers, even if it ignores the signal', async () => {
      const fetch = fakeFetch(() => new Promise<Response>(() => {}));
      const result = await downloadFlowJson(MMG, { extraHosts: [], fetch, timeoutMs: 50 });
      expect(result).toMatchObject({ ok: false, kind: 'timeout', status: 504, upstreamStatus: null });
    });

    it('maps a connection failure to 502 unreachable', async () => {
      const cause = Object.assign(new Error('connect ECONNREFUSED 157.240.1.1:443'), { code: 'ECONNREFUSED' });
      const fetch = fakeFetch(() => Promise.reject(new TypeError('fetch failed', { cause })));
      const result = await downloadFlowJson(MMG, { extraHosts: [], fetch });
      expect(result).toEqual({
        ok: false,
        kind: 'unreachable',
        status: 502,
        message: 'Could not connect to the flow JSON host mmg.whatsapp.net.',
        upstreamStatus: null,
      });
    });

    it('maps a connect-time address refusal to 403 json_url_refused', async () => {
      const cause = new AddressRefusedError('mmg.whatsapp.net', '10.0.0.1');
      const fetch = fakeFetch(() => Promise.reject(new TypeError('fetch failed', { cause })));
      const result = await downloadFlowJson(MMG, { extraHosts: [], fetch });
      expect(result).toMatchObject({ ok: false, kind: 'json_url_refused', status: 403 });
      expect(!result.ok && result.message).not.toContain('10.0.0.1');
    });

    it('rejects with the caller signal reason when the caller aborts', async () => {
      const caller = new AbortController();
      const fetch = fakeFetch(() => new Promise<Response>(() => {}));
      const pending = downloadFlowJson(MMG, { extraHosts: [], fetch, signal: caller.signal });
      caller.abort(new Error('browser went away'));
      await expect(pending).rejects.toThrow('browser went away');
    });
  });
});
