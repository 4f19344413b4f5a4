// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { pageFilesFrom, pagePreloads, withPreloads, type BuildManifest } from './page-preloads';

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

describe("a page's code", () => {
  // A build manifest in Vite's shape: the entry (index.html) and its imports, two pages, chunks they share.
  const manifest: BuildManifest = {
    'index.html': { file: 'assets/index-1.js', isEntry: true, imports: ['_react.js'], css: ['assets/index-1.css'] },
    '_react.js': { file: 'assets/react-1.js' },
    '_table.js': { file: 'assets/table-1.js', imports: ['_react.js'], css: ['assets/table-1.css'] },
    '_text.js': { file: 'assets/text-1.js', imports: ['index.html', '_table.js'] },
    'src/features/flow-detail/FlowDetailPage.tsx': { file: 'assets/FlowDetailPage-1.js', imports: ['index.html', '_react.js', '_text.js', '_table.js'], css: ['assets/FlowDetailPage-1.css'] },
    'src/features/search/SearchPage.tsx': { file: 'assets/SearchPage-1.js', imports: ['index.html', '_text.js'] },
  };

  it("lists each page's chunk and the chunks it imports that the app's HTML does not load already, each once", () => {
    const files = pageFilesFrom(manifest)!;
    expect(files.get('src/features/flow-detail/FlowDetailPage.tsx')).toEqual({
      scripts: ['/assets/FlowDetailPage-1.js', '/assets/text-1.js', '/assets/table-1.js'],
      styles: ['/assets/FlowDetailPage-1.css', '/assets/table-1.css'],
    });
    expect(files.get('src/features/search/SearchPage.tsx')).toEqual({ scripts: ['/assets/SearchPage-1.js', '/assets/text-1.js', '/assets/table-1.js'], styles: ['/assets/table-1.css'] });
    // A page the manifest does not name (a build without it) preloads nothing.
    expect(files.get('src/features/audit/AuditPage.tsx')).toEqual({ scripts: [], styles: [] });
    expect(pageFilesFrom(null)).toBeNull();
  });

  it('announces the code of the page the address opens, as the app router matches it', () => {
    const files = pageFilesFrom(manifest);
    const html = '<html><head></head></html>';
    const flow = withPreloads(html, page('/accounts/acc/channels/ch/flows/f1?view=history'), files);
    expect(flow).toContain('<link rel="modulepreload" crossorigin href="/assets/FlowDetailPage-1.js"><link rel="modulepreload" crossorigin href="/assets/text-1.js">');
    expect(flow).toContain('<link rel="preload" as="style" crossorigin href="/assets/FlowDetailPage-1.css">');
    expect(withPreloads(html, page('/search?q=x'), files)).toContain('href="/assets/SearchPage-1.js"');
    expect(withPreloads(html, page('/search?q=x'), files)).not.toContain('FlowDetailPage');
    // No page there (the router's "not found"), or no manifest: only the data.
    expect(withPreloads(html, page('/nowhere/at/all'), files)).not.toContain('modulepreload');
    expect(withPreloads(html, page('/search'), null)).not.toContain('modulepreload');
  });
});

describe('the order of the preloads', () => {
  it("puts the data before the app's first script and the page's code after the app's own", () => {
    const html = '<html><head><meta charset="UTF-8" /><script type="module" src="/assets/index-1.js"></script><link rel="modulepreload" href="/assets/react-1.js"></head><body></body></html>';
    const files = pageFilesFrom({ 'index.html': { file: 'assets/index-1.js', isEntry: true }, 'src/features/search/SearchPage.tsx': { file: 'assets/SearchPage-1.js' } });
    const out = withPreloads(html, page('/search'), files);
    const at = (text: string) => out.indexOf(text);
    expect(at('<meta charset')).toBeLessThan(at('href="/api/session"'));
    expect(at('href="/api/accounts"')).toBeLessThan(at('<script type="module"'));
    expect(at('href="/assets/react-1.js"')).toBeLessThan(at('href="/assets/SearchPage-1.js"'));
    expect(at('href="/assets/SearchPage-1.js"')).toBeLessThan(at('</head>'));
  });
});
