import { describe, expect, it } from 'vitest';
import { createRedactor, REDACTED } from './redact';

const KEY = 'sk_live-Abc123/xyz+Q';

describe('createRedactor', () => {
  const redact = createRedactor([KEY, null, 'short']);

  it.each([
    ['verbatim', KEY],
    ['another case', KEY.toLowerCase()],
    ['URL-encoded', encodeURIComponent(KEY)],
    ['URL-encoded with lower-case hex', encodeURIComponent(KEY).toLowerCase()],
    ['base64', Buffer.from(KEY).toString('base64')],
    ['base64url', Buffer.from(KEY).toString('base64url')],
    ['base64 inside a longer value (Basic auth)', Buffer.from(`account:${KEY}`).toString('base64')],
    ['base64 at another alignment', Buffer.from(`ab${KEY}`).toString('base64')],
  ])('redacts the key %s', (_, variant) => {
    const out = redact(`before ${variant} after`);
    expect(out).toContain(REDACTED);
    expect(out).not.toContain(variant);
    expect(out.startsWith('before ')).toBe(true);
  });

  it('leaves other text alone, and ignores secrets too short to match safely', () => {
    expect(redact('a short text with no key')).toBe('a short text with no key');
    expect(createRedactor([])('x')).toBe('x');
  });
});
