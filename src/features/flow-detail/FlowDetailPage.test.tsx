import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { paths } from '../../config/paths';
import { jsonChanges } from '../../lib/flow-history/hunks';
import { makeFlowDetail, type AccountInfo, type FlowDetail, type Problem, type ValidationError } from '../../model/flow';
import { FlowDetailPage } from './FlowDetailPage';

// jsdom has no layout: CodeMirror measures ranges while rendering, and the virtualized list
// draws only the rows that fit its measured height, so give the list a size.
const sizes = ['clientHeight', 'clientWidth'] as const;
const native = sizes.map((key) => Object.getOwnPropertyDescriptor(Element.prototype, key));
beforeAll(() => {
  const rect = { x: 0, y: 0, top: 0, left: 0, bottom: 0, right: 0, width: 0, height: 0, toJSON: () => ({}) };
  Range.prototype.getClientRects = () => Object.assign([], { item: () => null }) as unknown as DOMRectList;
  Range.prototype.getBoundingClientRect = () => rect as DOMRect;
  for (const key of sizes) {
    Object.defineProperty(Element.prototype, key, {
      configurable: true,
      get(this: Element) {
        return this.getAttribute("data-testid") === "problems-list" ? 800 : 0;
      },
    });
  }
});
afterAll(() => {
  sizes.forEach((key, i) => Object.defineProperty(Element.prototype, key, native[i]!));
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const REF = { accountId: 'retail-eu', channelId: 'ec36a867-3dd4-e911-814a-02d85f55fce8' } as const;
const FLOW_ID = '822625023859371';
const BASE = `/api/accounts/${REF.accountId}/channels/${REF.channelId}/flows/${FLOW_ID}`;
/** The seed's minified flow: "Header" at line 1, column 84; "Form" at column 118. */
const FLOW_JSON =
  '{"version":"5.0","screens":[{"id":"ONE","layout":{"children":[{"children":[{"type":"Header","text":"Hello"}],"type":"Form","name":"form"}],"type":"SingleColumnLayout"},"title":"Welcome","terminal":true,"success":true,"data":{}}]}';

const error = (column: number, length: number, path: string, message: string): ValidationError => {
  const position = { lineStart: 1, lineEnd: 1, columnStart: column, columnEnd: column + length };
  return { code: 'INVALID_PROPERTY_VALUE', type: 'FLOW_JSON_ERROR', message, ...position, pointers: [{ ...position, path }] };
};
const ERRORS = [
  error(84, 8, 'screens[0].layout.children[0].children[0].type', "Invalid value found for property 'type'."),
  error(FLOW_JSON.indexOf('"Form"') + 1, 6, 'screens[0].layout.children[0].type', 'Form is not allowed here.'),
];

const detail = (overrides: Partial<FlowDetail> = {}): FlowDetail =>
  makeFlowDetail({ id: FLOW_ID, name: 'Example flow', status: 'DRAFT', categories: ['OTHER'], validationErrors: ERRORS, hasFlowJson: true, ...overrides });

const accounts: AccountInfo[] = [
  {
    id: REF.accountId,
    name: 'Retail EU',
    provider: 'details-later',
    providerLabel: 'Provider Without Health',
    providerAccountId: '5f3e2a1b-9c8d-4e7f-a6b5-c4d3e2f1a0b9',
    accountLabel: 'Account ID',
    channelLabel: 'Channel',
    simulated: true,
    capabilities: { health: false, listCarriesDetails: false, previewCall: false, validationErrors: true },
    wording: { notExposed: [], listNote: null },
    rateLimit: { requests: 100, perMs: 60_000, note: 'test' },
    channels: [{ channelId: REF.channelId, label: 'Retail support' }],
    problem: null,
  },
];

const problem = (kind: Problem['kind'], message: string, extra: Partial<Problem> = {}): Problem => ({
  kind,
  message,
  provider: '8x8',
  upstreamStatus: null,
  code: null,
  providerMessage: null,
  errorId: null,
  retryAfterSeconds: null,
  ...extra,
});

type Answer = () => Response;
const json = (body: unknown, status = 200) => () => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const text = (body: string) => () => new Response(body, { status: 200, headers: { 'Content-Type': 'text/plain' } });

/** Answers the page's calls at the network boundary (fetch), and counts them. */
function fakeApi(answers: Record<string, Answer>) {
  const calls: string[] = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL) => {
    const path = String(input);
    calls.push(path);
    const answer = answers[path];
    return answer ? answer() : new Response(JSON.stringify({ problem: problem('not_found', `No route ${path}`) }), { status: 404 });
  });
  return calls;
}

function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location">{location.search}</output>;
}

function renderPage(query = '') {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <MantineProvider>
      <QueryClientProvider client={client}>
        <MemoryRouter initialEntries={[paths.flow.getHref(REF, FLOW_ID, query)]}>
          <Routes>
            <Route
              path={paths.flow.path}
              element={
                <>
                  <FlowDetailPage />
                  <LocationProbe />
                </>
              }
            />
          </Routes>
        </MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>,
  );
}

const marked = (container: HTMLElement, index: number) =>
  [...container.querySelectorAll(`.cm-content [data-flow-error="${index}"]`)].map((el) => el.textContent).join('');
const search = () => new URLSearchParams(screen.getByTestId('location').textContent ?? '');

describe('FlowDetailPage', () => {
  it('paints a linked comparison first, alone, and the rest of the page (and its requests) after that frame', async () => {
    const [older, newer] = ['a'.repeat(64), 'b'.repeat(64)];
    const calls = fakeApi({
      '/api/accounts': json(accounts),
      [BASE]: json(detail()),
      [`${BASE}/json`]: text(FLOW_JSON),
      [`${BASE}/history`]: json({ entries: [], more: false }),
      [`${BASE}/json-versions`]: json({ versions: [] }),
      [`${BASE}/json-changes/${older}/${newer}`]: json(jsonChanges(FLOW_JSON, FLOW_JSON.replace('Hello', 'Hello there'))),
    });
    let frame: FrameRequestCallback | null = null;
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => ((frame = callback), 1));
    vi.stubGlobal('cancelAnimationFrame', () => (frame = null));
    renderPage(`view=diff&from=${older}&to=${newer}`);

    const region = await screen.findByRole('region', { name: 'Changed lines of the flow JSON' });
    const added = region.querySelector('[data-diff="added"]');
    expect(added).toHaveTextContent('Hello there');
    expect(screen.queryByRole('heading', { name: 'Example flow' })).toBeNull();
    expect(calls).not.toContain(BASE);
    expect(calls).not.toContain(`${BASE}/json`);

    // The frame is painted: the rest of the page follows in a task of its own.
    act(() => frame?.(performance.now()));
    expect(await screen.findByRole('heading', { name: 'Example flow' })).toBeInTheDocument();
    expect(calls).toContain(BASE);
    expect(screen.getByRole('region', { name: 'Changed lines of the flow JSON' })).toBeInTheDocument();
  });

  it('renders the whole page at once when the link does not point into the History section', async () => {
    const requested = vi.fn(() => 1);
    vi.stubGlobal('requestAnimationFrame', requested);
    const calls = fakeApi({ '/api/accounts': json(accounts), [BASE]: json(detail()), [`${BASE}/json`]: text(FLOW_JSON) });
    renderPage();
    expect(calls).toContain(BASE);
    expect(await screen.findByRole('heading', { name: 'Example flow' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'History' })).toBeInTheDocument();
  });

  it('highlights each error at its token, and selects errors from the list into the URL', async () => {
    fakeApi({ '/api/accounts': json(accounts), [BASE]: json(detail()), [`${BASE}/json`]: text(FLOW_JSON) });
    const { container } = renderPage();

    expect(await screen.findByRole('heading', { name: 'Example flow' })).toBeInTheDocument();
    expect(screen.getByTestId('verdict-headline')).toHaveTextContent('Only in draft mode');
    expect(screen.getByText(/Provider Without Health does not report health status/)).toBeInTheDocument();
    await waitFor(() => expect(marked(container, 0)).toBe('"Header"'));
    expect(marked(container, 1)).toBe('"Form"');
    expect(screen.getByRole('button', { name: /screens\[0\] · ONE/ })).toBeInTheDocument();

    const list = screen.getByTestId('problems-list');
    fireEvent.click(within(list).getByText('Form is not allowed here.'));
    expect(search().get('error')).toBe('1');
    await waitFor(() => expect(container.querySelector('.cm-flow-error-selected')?.textContent).toBe('"Form"'));
    expect(within(list).getByText('Form is not allowed here.').closest('button')).toHaveAttribute('aria-current', 'true');
  });

  it('opens a shared link with its error selected, and steps with F8', async () => {
    fakeApi({ '/api/accounts': json(accounts), [BASE]: json(detail()), [`${BASE}/json`]: text(FLOW_JSON) });
    const { container } = renderPage('error=1');
    await waitFor(() => expect(container.querySelector('.cm-flow-error-selected')?.textContent).toBe('"Form"'));
    // F8 steps in the list's order: the list comes in the task after the details.
    await screen.findByTestId('problems-list');
    fireEvent.keyDown(window, { key: 'F8' });
    expect(search().get('error')).toBe('0');
    fireEvent.keyDown(window, { key: 'F8', shiftKey: true });
    expect(search().get('error')).toBe('1');
  });

  it('draws the list where it is, without a scroll (which lays out the whole page), and scrolls it to a selected error', async () => {
    const scrolls: { element: Element; top: number | undefined }[] = [];
    const native = Object.getOwnPropertyDescriptor(Element.prototype, 'scrollTo');
    Object.defineProperty(Element.prototype, 'scrollTo', {
      configurable: true,
      value(this: Element, options?: ScrollToOptions) {
        scrolls.push({ element: this, top: options?.top });
      },
    });
    try {
      const many = Array.from({ length: 60 }, (_, i) => ({ ...ERRORS[0]!, message: `Error number ${i + 1}` }));
      fakeApi({ '/api/accounts': json(accounts), [BASE]: json(detail({ validationErrors: many })), [`${BASE}/json`]: text(FLOW_JSON) });
      renderPage();
      const list = await screen.findByTestId('problems-list', {}, { timeout: 5000 });
      await within(list).findByText('Error number 1', {}, { timeout: 5000 });
      expect(scrolls.filter((s) => s.element === list)).toEqual([]);
      // Shift-F8 from nothing selected selects the last error.
      fireEvent.keyDown(window, { key: 'F8', shiftKey: true });
      expect(search().get('error')).toBe('59');
      // Later scrolls are the list's own (jsdom has no layout, so the offset it asks for is clamped to 0).
      await waitFor(() => expect(scrolls.filter((s) => s.element === list)).not.toEqual([]));
    } finally {
      if (native) Object.defineProperty(Element.prototype, 'scrollTo', native);
      else delete (Element.prototype as { scrollTo?: unknown }).scrollTo;
    }
  });

  it('re-locates the errors by path in the formatted view', async () => {
    fakeApi({ '/api/accounts': json(accounts), [BASE]: json(detail()), [`${BASE}/json`]: text(FLOW_JSON) });
    const { container } = renderPage('view=formatted');
    // Formatting waits for the worker's inspection: allow for a busy machine.
    expect(await screen.findAllByText('found by path', {}, { timeout: 5000 })).toHaveLength(2);
    expect(screen.getByText(/formatted: line 11, columns 25–33/)).toBeInTheDocument();
    await waitFor(() => expect(container.querySelectorAll('.cm-line').length).toBeGreaterThan(10));
    expect(marked(container, 0)).toBe('"Header"');
    expect(marked(container, 1)).toBe('"Form"');
  });

  it('renders provider text as text, never as HTML', async () => {
    const name = '<img src=x onerror=alert(1)> (demo)';
    fakeApi({ '/api/accounts': json(accounts), [BASE]: json(detail({ name, validationErrors: [{ ...ERRORS[0]!, message: '<script>alert(1)</script> bad' }] })), [`${BASE}/json`]: text(FLOW_JSON) });
    const { container } = renderPage();
    expect(await screen.findByRole('heading', { name })).toBeInTheDocument();
    expect(await screen.findByText('<script>alert(1)</script> bad')).toBeInTheDocument();
    expect(container.querySelector('img, script')).toBeNull();
  });

  it('explains an expired JSON link, with a retry that downloads again', async () => {
    const calls = fakeApi({
      '/api/accounts': json(accounts),
      [BASE]: json(detail()),
      [`${BASE}/json`]: json({ problem: problem('json_url_expired', 'The flow JSON link had expired, and the fresh link also failed (HTTP 403).', { upstreamStatus: 403 }) }, 410),
    });
    renderPage();
    expect(await screen.findByText('Flow JSON link expired')).toBeInTheDocument();
    expect(screen.getByText(/already asked Provider Without Health for a fresh link once/)).toBeInTheDocument();
    // The errors are still listed, with the positions the provider reported.
    expect(await screen.findByText('Form is not allowed here.')).toBeInTheDocument();
    const before = calls.filter((c) => c.endsWith('/json')).length;
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(calls.filter((c) => c.endsWith('/json')).length).toBe(before + 1));
  });

  it('refuses a JSON over 10 MB clearly, without a retry', async () => {
    fakeApi({
      '/api/accounts': json(accounts),
      [BASE]: json(detail()),
      [`${BASE}/json`]: json({ problem: problem('json_too_large', "The flow JSON is larger than 10 MB, Meta's limit for flow JSON.") }, 413),
    });
    renderPage();
    expect(await screen.findByText('Flow JSON too large')).toBeInTheDocument();
    expect(screen.getByText(/Meta accepts flow JSON of at most 10 MB/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
  });

  it('says the provider does not expose validation errors, never that the flow has none', async () => {
    const blind = [{ ...accounts[0]!, providerLabel: 'Provider Without Errors', capabilities: { ...accounts[0]!.capabilities, validationErrors: false } }];
    fakeApi({ '/api/accounts': json(blind), [BASE]: json(detail({ validationErrors: [] })), [`${BASE}/json`]: text(FLOW_JSON) });
    const { container } = renderPage();
    expect(await screen.findByTestId('errors-not-exposed')).toHaveTextContent('Provider Without Errors does not expose a flow’s current validation errors');
    expect(screen.getByText('Validation errors (not reported)')).toBeInTheDocument();
    expect(container.querySelector('[data-verdict]')).toHaveTextContent(/cannot tell whether this flow’s JSON is valid/);
    expect(screen.queryByText(/reports no validation errors/)).toBeNull();
  });

  it('says the provider reports no validation errors where it does report them', async () => {
    fakeApi({ '/api/accounts': json(accounts), [BASE]: json(detail({ validationErrors: [] })), [`${BASE}/json`]: text(FLOW_JSON) });
    renderPage();
    expect(await screen.findByText('The provider reports no validation errors for this flow.')).toBeInTheDocument();
    expect(screen.queryByTestId('errors-not-exposed')).toBeNull();
  });

  it('says so when there is no flow JSON', async () => {
    fakeApi({ '/api/accounts': json(accounts), [BASE]: json(detail({ hasFlowJson: false, validationErrors: [] })), [`${BASE}/json`]: json({ problem: problem('no_flow_json', 'No link.') }, 404) });
    renderPage();
    expect(await screen.findByText('No flow JSON')).toBeInTheDocument();
    expect(screen.getByText(/gives no flow JSON link for this flow/)).toBeInTheDocument();
  });

  it('shows JSON that does not parse as downloaded, with the parse error highlighted', async () => {
    const broken = '{"version": "5.0", "screens": [ { "id": "BROKEN", "title": "Oops" ';
    fakeApi({ '/api/accounts': json(accounts), [BASE]: json(detail({ validationErrors: [] })), [`${BASE}/json`]: text(broken) });
    const { container } = renderPage();
    expect(await screen.findByText('The flow JSON does not parse')).toBeInTheDocument();
    expect(screen.getByTestId('syntax-error')).toHaveTextContent(`line 1, column ${broken.length + 1}`);
    await waitFor(() => expect(container.querySelector('.cm-content [data-flow-error="-1"]')).not.toBeNull());
    expect(screen.getByRole('radio', { name: 'Formatted' })).toBeDisabled();
    fireEvent.click(screen.getByRole('button', { name: 'Show the position' }));
    expect(search().get('error')).toBe('syntax');
  });

  it("puts the provider's error id of a failed call in the ticket text", async () => {
    const writeText = vi.fn(async () => {});
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const calls = fakeApi({
      '/api/accounts': json(accounts),
      [BASE]: json({ problem: problem('provider_error', '8x8 failed (HTTP 500).', { upstreamStatus: 500, code: 2000, errorId: '1cc1eda1-f5dd-ea11-8288-0263195dd35a' }) }, 502),
      [`${BASE}/json`]: text(FLOW_JSON),
    });
    renderPage();
    expect(await screen.findByText('Could not load the flow details')).toBeInTheDocument();
    expect(screen.getByTestId('problem-error-id')).toHaveTextContent('1cc1eda1-f5dd-ea11-8288-0263195dd35a');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Copy for ticket' })));
    const ticket = (writeText.mock.calls[0] as unknown as [string])[0];
    expect(ticket).toContain(`Flow id: ${FLOW_ID}`);
    expect(ticket).toContain('- Flow details: 8x8 failed (HTTP 500). [provider_error; provider 8x8; HTTP 500; code 2000; error id 1cc1eda1-f5dd-ea11-8288-0263195dd35a]');
    expect(await screen.findByText('✓ Copied')).toBeInTheDocument();
    // The copy is recorded in the audit trail.
    expect(calls).toContain(`${BASE}/ticket-copy`);
  });
});
