import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client';
import { makeProblem, type Problem } from '../model/flow';
import { ProblemAlert } from './ProblemAlert';
import { RetryNotice } from './RetryNotice';

const renderWith = (ui: React.ReactNode) => render(<MantineProvider>{ui}</MantineProvider>);
const failure = (status: number, fields: Partial<Problem> & Pick<Problem, 'kind' | 'message'>) => new ApiError(status, makeProblem(fields));

describe('ProblemAlert', () => {
  it('names a rejected key and says what to do', () => {
    renderWith(<ProblemAlert error={failure(401, { kind: 'unauthorized', provider: '8x8', upstreamStatus: 401, message: '8x8 Chat Apps rejected the API key (HTTP 401).', code: 1200, providerMessage: 'Request was not authenticated properly' })} />);
    expect(screen.getByRole('alert')).toHaveTextContent('API key rejected');
    expect(screen.getByRole('alert')).toHaveTextContent('8x8 Chat Apps rejected the API key (HTTP 401).');
    expect(screen.getByRole('alert')).toHaveTextContent('check this provider’s API key');
  });

  it("quotes the provider's code, message and errorId for a ticket", () => {
    renderWith(
      <ProblemAlert
        error={failure(400, { kind: 'invalid_request', provider: '8x8', upstreamStatus: 400, message: '8x8 Chat Apps rejected the request as invalid (HTTP 400).', code: 1001, providerMessage: "Provided subAccountId doesn't belongs to your account", errorId: '91b106f0-c0da-4aba-a43a-7af9c5893a80' })}
      />,
    );
    expect(screen.getByTestId('problem-code')).toHaveTextContent('1001');
    expect(screen.getByTestId('problem-error-id')).toHaveTextContent('91b106f0-c0da-4aba-a43a-7af9c5893a80');
    expect(screen.getByRole('alert')).toHaveTextContent("Provided subAccountId doesn't belongs to your account");
  });

  it('renders provider text as text, never as markup', () => {
    const { container } = renderWith(<ProblemAlert error={failure(502, { kind: 'provider_error', message: 'failed', providerMessage: '<img src=x onerror=alert(1)>' })} />);
    expect(screen.getByRole('alert')).toHaveTextContent('<img src=x onerror=alert(1)>');
    expect(container.querySelector('img')).toBeNull();
  });

  it('offers a retry that calls back', async () => {
    const onRetry = vi.fn();
    renderWith(<ProblemAlert error={failure(504, { kind: 'timeout', message: 'Kaleyra did not answer within 10 s.' })} onRetry={onRetry} />);
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalledOnce();
  });

  it('explains an error that is not from the proxy', () => {
    renderWith(<ProblemAlert error={new Error('boom')} />);
    expect(screen.getByRole('alert')).toHaveTextContent('Something went wrong');
    expect(screen.getByRole('alert')).toHaveTextContent('boom');
  });
});

describe('RetryNotice', () => {
  it('says it is waiting out a rate limit, for how long, and which attempt comes next', () => {
    renderWith(<RetryNotice what="Listing Kaleyra · Main" reason={failure(429, { kind: 'rate_limited', message: 'Kaleyra is rate limiting Flow Desk (HTTP 429).', retryAfterSeconds: 2 })} failures={1} />);
    expect(screen.getByTestId('retry-notice')).toHaveTextContent('Listing Kaleyra · Main: Kaleyra is rate limiting Flow Desk (HTTP 429). Retrying in 2 s (attempt 2)…');
  });
});
