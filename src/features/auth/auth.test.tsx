import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SessionInfo } from '../../api/session';
import { REQUEST_HEADER_NAME } from '../../model/request-header';
import { AccessGate } from './AccessGate';
import { SessionBanner } from './SessionBanner';
import { UserMenu } from './UserMenu';

const SIGNED_IN: SessionInfo = { mode: 'oidc', user: { name: 'Alice Adams', email: 'alice@example.com' }, admin: false, access: 'some', askWhom: [] };

function serve(session: SessionInfo, extra: Record<string, () => Response> = {}) {
  const calls: { path: string; init?: RequestInit }[] = [];
  vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = String(input);
    calls.push({ path, init });
    if (path === '/api/session') return new Response(JSON.stringify(session), { headers: { 'Content-Type': 'application/json' } });
    const answer = extra[path];
    return answer ? answer() : new Response('{}', { status: 404 });
  });
  return calls;
}

const renderWith = (ui: React.ReactNode) =>
  render(
    <MantineProvider>
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <MemoryRouter>{ui}</MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>,
  );

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('AccessGate', () => {
  it('shows the pages to a user with access', async () => {
    serve(SIGNED_IN);
    renderWith(<AccessGate>the pages</AccessGate>);
    expect(await screen.findByText('the pages')).toBeInTheDocument();
  });

  it('tells a user without access whom to ask, and nothing about accounts', async () => {
    serve({ ...SIGNED_IN, access: 'none', askWhom: ['carol@example.com', 'erin@example.com'] });
    renderWith(<AccessGate>the pages</AccessGate>);
    expect(await screen.findByRole('heading', { name: 'You have no access yet' })).toBeInTheDocument();
    expect(screen.queryByText('the pages')).toBeNull();
    expect(screen.getByTestId('no-access')).toHaveTextContent('signed in as alice@example.com');
    expect(screen.getByRole('link', { name: 'carol@example.com' })).toHaveAttribute('href', 'mailto:carol@example.com');
    expect(screen.getByTestId('no-access')).toHaveTextContent('Ask carol@example.com or erin@example.com to give you access.');
  });

  it('without admins to name, says to ask whoever runs Flow Desk', async () => {
    serve({ ...SIGNED_IN, access: 'none' });
    renderWith(<AccessGate>the pages</AccessGate>);
    expect(await screen.findByText(/Ask whoever runs Flow Desk/)).toBeInTheDocument();
  });
});

describe('SessionBanner', () => {
  it('says local mode', async () => {
    serve({ ...SIGNED_IN, mode: 'local', user: null });
    renderWith(<SessionBanner />);
    expect(await screen.findByText('Local mode: only this computer can open Flow Desk.')).toBeInTheDocument();
  });

  it('warns in red without sign-in on a network', async () => {
    serve({ ...SIGNED_IN, mode: 'anonymous', user: null });
    renderWith(<SessionBanner />);
    expect(await screen.findByTestId('anonymous-banner')).toHaveTextContent('anyone who can reach this server');
  });

  it('says nothing when signed in', async () => {
    serve(SIGNED_IN);
    renderWith(
      <>
        <SessionBanner />
        <UserMenu />
      </>,
    );
    // The session has arrived (the user menu shows it), and no banner came with it.
    expect(await screen.findByText('Alice Adams')).toBeInTheDocument();
    expect(screen.queryByRole('complementary', { name: 'Mode' })).toBeNull();
  });
});

describe('UserMenu', () => {
  it("shows the user's name and signs out with Flow Desk's request header, then follows the server", async () => {
    const assign = vi.fn();
    vi.stubGlobal('location', { ...window.location, assign });
    const calls = serve(SIGNED_IN, { '/auth/logout': () => new Response(JSON.stringify({ redirect: '/auth/signed-out' }), { headers: { 'Content-Type': 'application/json' } }) });
    renderWith(<UserMenu />);
    expect(await screen.findByText('Alice Adams')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    await vi.waitFor(() => expect(assign).toHaveBeenCalledWith('/auth/signed-out'));
    const logout = calls.find((c) => c.path === '/auth/logout')!;
    expect(logout.init?.method).toBe('POST');
    expect((logout.init?.headers as Record<string, string>)[REQUEST_HEADER_NAME]).toBe('1');
  });
});
