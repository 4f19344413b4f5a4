// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { pagePreloads, withPreloads } from './page-preloads';

const OLD = 'a'.repeat(64);
const NEW = 'b'.repeat(64);
const page = (path: string) => new URL(`http://desk${path}`);

describe('page preloads', () => {
  it("preload the session and the accounts on every page, and a comparison link's changed lines", () => {
    expect(pagePreloads(page('/search?q=x'))).toEqual(['/api/session', '/api/accounts']);
    expect(pagePreloads(page(`/accounts/acc/channels/ch/flows/f1?view=diff&from=${OLD}&to=${NEW}&layout=unified`))).toEqual([
      '/api/session',
      '/api/accounts',
      `/api/accounts/acc/channels/ch/flows/f1/json-changes/${OLD}/${NEW}`,
    ]);
  });

  it('preload no comparison for other pages, other views, the whole documents or a malformed link', () => {
    for (const path of [
      '/',
      '/search?q=x',
      '/accounts/acc/channels/ch/flows/f1',
      '/accounts/acc/channels/ch/flows/f1?view=history',
      `/accounts/acc/channels/ch/flows/f1?view=diff&from=${OLD}&to=${NEW}&whole=1`,
      `/accounts/acc/channels/ch/flows/f1?view=diff&from=${OLD}&to=nothex`,
    ]) {
      expect(pagePreloads(page(path))).toEqual(['/api/session', '/api/accounts']);
    }
  });

  it("preload a channel link's first page of flows (the list page's first request), ids encoded as the app encodes them", () => {
    expect(pagePreloads(page('/accounts/acc/channels/ch'))).toEqual(['/api/session', '/api/accounts', '/api/accounts/acc/channels/ch/flows']);
    // Filters and sort in the query do not change the first page the list asks for.
    expect(pagePreloads(page('/accounts/acc/channels/ch?q=order&status=DRAFT'))).toEqual(['/api/session', '/api/accounts', '/api/accounts/acc/channels/ch/flows']);
    expect(pagePreloads(page('/accounts/retail%20eu/channels/a%2Fb'))).toEqual(['/api/session', '/api/accounts', '/api/accounts/retail%20eu/channels/a%2Fb/flows']);
    for (const path of ['/accounts/%E0%A4%A/channels/ch', '/accounts/acc/channels', '/accounts/acc', '/accounts/acc/channels/ch/flows/f1']) {
      expect(pagePreloads(page(path))).toEqual(['/api/session', '/api/accounts']);
    }
  });

  it('put the preload at the end of the head, its address encoded and quoted', () => {
    const html = '<html><head><title>Flow Desk</title></head><body></body></html>';
    const link = (href: string) => `<link rel="preload" as="fetch" crossorigin="anonymous" href="${href}">`;
    const everyPage = link('/api/session') + link('/api/accounts');
    const out = withPreloads(html, page(`/accounts/a%22%3Cb/channels/ch/flows/f1?view=diff&from=${OLD}&to=${NEW}`));
    expect(out).toBe(`<html><head><title>Flow Desk</title>${everyPage}${link(`/api/accounts/a%22%3Cb/channels/ch/flows/f1/json-changes/${OLD}/${NEW}`)}</head><body></body></html>`);
    expect(withPreloads(html, page('/'))).toBe(`<html><head><title>Flow Desk</title>${everyPage}</head><body></body></html>`);
    expect(withPreloads(html, page(`/accounts/%E0%A4%A/channels/ch/flows/f1?view=diff&from=${OLD}&to=${NEW}`))).toBe(`<html><head><title>Flow Desk</title>${everyPage}</head><body></body></html>`);
  });
});
