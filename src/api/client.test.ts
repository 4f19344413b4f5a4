// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lineStartOffsets } from '../lib/json-positions';
import { ApiError, getJson, getText } from './client';
import { flowJsonQueryOptions } from './flows';

const encoder = new TextEncoder();

/** A fetch whose answer body arrives as these byte chunks, then ends (or fails, with `failAtEnd`). */
function serveChunks(chunks: Uint8Array[], failAtEnd = false) {
  const fetchMock = vi.fn(async () => {
    let next = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (next < chunks.length) controller.enqueue(chunks[next++]!);
        else if (failAtEnd) controller.error(new TypeError('network error'));
        else controller.close();
      },
    });
    return new Response(body, { status: 200, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

/** The bytes of `text`, cut at the given byte offsets (which may fall inside a character). */
function cut(text: string, ...at: number[]): Uint8Array[] {
  const bytes = encoder.encode(text);
  const bounds = [0, ...at, bytes.length];
  return bounds.slice(1).map((end, i) => bytes.slice(bounds[i], end));
}

/** The page's turns (`scheduler.yield`), counted, and a clock that moves `msPerRead` each time it is read. */
function stubPageTurns(msPerRead: number) {
  const pageTurn = vi.fn(() => Promise.resolve());
  vi.stubGlobal('scheduler', { yield: pageTurn });
  let now = 0;
  vi.spyOn(performance, 'now').mockImplementation(() => (now += msPerRead));
  return pageTurn;
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('getText', () => {
  it('hands over the body decoded piece by piece, in order, even when a character is cut between chunks', async () => {
    const text = '{"label":"Café 📦","x":1}';
    // Byte 15 is inside "é" (2 bytes), byte 19 inside "📦" (4 bytes).
    serveChunks(cut(text, 15, 19));
    const pieces: string[] = [];
    const result = await getText('/api/x', undefined, (piece) => pieces.push(piece));
    expect(result).toBe(text);
    expect(pieces.join('')).toBe(text);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.every((p) => !p.includes('\uFFFD'))).toBe(true);
  });

  it('lets the page have its turn while it reads chunks already received, not only between downloads', async () => {
    const text = '{"screens":[' + '{"id":"A"},'.repeat(20) + '{}]}';
    serveChunks(cut(text, ...Array.from({ length: 20 }, (_, i) => 12 + i * 11)));
    // The clock moves 4 ms each time it is read (once a chunk): the page gets its turn every 20 ms, about every fifth chunk.
    const pageTurn = stubPageTurns(4);
    const pieces: string[] = [];
    expect(await getText('/api/x', undefined, (piece) => pieces.push(piece))).toBe(text);
    expect(pieces.length).toBe(21);
    expect(pageTurn.mock.calls.length).toBeGreaterThanOrEqual(3);
    expect(pageTurn.mock.calls.length).toBeLessThanOrEqual(5);
  });

  it('decodes a big chunk a piece at a time, the page having its turn between pieces and before the join', async () => {
    // 600 KB in one chunk, with a two-byte character across each 256 KB boundary.
    const text = `${'a'.repeat(256 * 1024 - 1)}é${'b'.repeat(256 * 1024 - 2)}é${'c'.repeat(80_000)}`;
    serveChunks([encoder.encode(text)]);
    const pageTurn = stubPageTurns(25);
    const pieces: string[] = [];
    expect(await getText('/api/x', undefined, (piece) => pieces.push(piece))).toBe(text);
    expect(pieces).toHaveLength(3);
    expect(pieces.every((p) => !p.includes('\uFFFD'))).toBe(true);
    // After each of the three pieces (the clock moves 25 ms a read), then before the pieces are joined.
    expect(pageTurn).toHaveBeenCalledTimes(4);
  });

  it('drops a UTF-8 byte order mark, as Response.text() does', async () => {
    serveChunks([new Uint8Array([0xef, 0xbb]), new Uint8Array([0xbf]), encoder.encode('{}')]);
    expect(await getText('/api/x', undefined, () => {})).toBe('{}');
  });

  it('turns a body that breaks off into an "unreachable" problem', async () => {
    serveChunks(cut('{"screens":[', 5), true);
    const failure = await getText('/api/x', undefined, () => {}).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).problem.kind).toBe('unreachable');
    expect((failure as ApiError).problem.message).toMatch(/broke off/);
  });
});

describe('getJson', () => {
  it('reads a big answer in slices, the page having its turn, then parses it', async () => {
    // A flow's details with many errors: megabytes in one chunk, as the browser hands them over.
    const errors = Array.from({ length: 20_000 }, (_, i) => ({ code: 'INVALID_PROPERTY_VALUE', message: `Invalid value (${i}) – « é »` }));
    const text = JSON.stringify({ errors });
    serveChunks(cut(text, 100_000));
    const pageTurn = stubPageTurns(25);
    const parsed = await getJson('/api/x', (body) => (body as { errors: unknown[] }).errors);
    expect(parsed).toEqual(errors);
    // 1.2 MB: the first chunk in one piece, the rest in 256 KB pieces, the page's turn after each.
    expect(pageTurn.mock.calls.length).toBeGreaterThanOrEqual(Math.ceil((text.length - 100_000) / (256 * 1024)));
  });

  it('turns an answer that breaks off into an "unreachable" problem', async () => {
    serveChunks(cut('{"errors":[', 5), true);
    const failure = await getJson('/api/x', (body) => body).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).problem.kind).toBe('unreachable');
  });
});

describe('flowJsonQueryOptions', () => {
  it('finds the line starts while the text downloads, the same as in the whole text', async () => {
    const text = '{\r\n  "version": "7.0",\r\n  "screens": []\n}\r\n';
    // Cut inside each "\r\n" (the text is ASCII: one byte a character), so a line break spans two chunks.
    const insideCrlf = [...text.matchAll(/\r\n/g)].map((m) => m.index + 1);
    expect(insideCrlf).toHaveLength(3);
    serveChunks(cut(text, ...insideCrlf));
    const options = flowJsonQueryOptions({ accountId: 'a', channelId: 'c' }, '1');
    const result = await options.queryFn!({ signal: new AbortController().signal } as never);
    expect(result.text).toBe(text);
    expect([...result.lineStarts]).toEqual([...lineStartOffsets(text)]);
  });
});
