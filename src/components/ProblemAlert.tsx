/** Explains a failed call: what happened, the provider's own words (to quote to them), and what to do. */
import { Alert, Button, Code, Group, Stack, Text } from '@mantine/core';
import { ApiError } from '../api/client';
import { makeProblem, type Problem } from '../model/flow';

const TITLES: Record<Problem['kind'], string> = {
  invalid_request: 'Invalid request',
  unauthorized: 'API key rejected',
  forbidden: 'Access refused',
  not_found: 'Not found',
  rate_limited: 'Rate limited',
  provider_error: 'Provider error',
  bad_response: 'Unexpected answer from the provider',
  timeout: 'No answer in time',
  unreachable: 'Provider unreachable',
  json_url_expired: 'Flow JSON link expired',
  json_too_large: 'Flow JSON too large',
  json_url_refused: 'Flow JSON link refused',
  no_flow_json: 'No flow JSON',
  internal: 'Something went wrong',
};

const ADVICE: Partial<Record<Problem['kind'], string>> = {
  unauthorized: 'Ask whoever runs Flow Desk to check this provider’s API key.',
  rate_limited: 'Wait a moment: Flow Desk retries by itself.',
  timeout: 'Try again; if it keeps happening, the provider may be having an outage.',
  unreachable: 'Try again; if it keeps happening, check the provider’s status page.',
  provider_error: 'Try again; if it persists, send the provider the error id below.',
  bad_response: 'Try again; if it persists, the provider’s API may have changed.',
  not_found: 'Check the ids in the address.',
};

export function toProblem(error: unknown): Problem {
  if (error instanceof ApiError) return error.problem;
  return makeProblem({ kind: 'internal', message: error instanceof Error ? error.message : 'Unknown error' });
}

export function ProblemAlert({ error, title, onRetry }: { error: unknown; title?: string; onRetry?: () => void }) {
  const p = toProblem(error);
  const quoted = p.code != null || p.providerMessage || p.errorId;
  return (
    <Alert color={p.kind === 'rate_limited' ? 'orange' : 'red'} title={title ?? TITLES[p.kind]} role="alert" data-problem={p.kind}>
      <Stack gap={6}>
        <Text size="sm">{p.message}</Text>
        {quoted && (
          <Text size="sm" component="div">
            {p.provider ? `${p.provider} said` : 'The provider said'}
            {p.upstreamStatus ? ` (HTTP ${p.upstreamStatus})` : ''}:{' '}
            {p.code != null && <Code data-testid="problem-code">{String(p.code)}</Code>} {p.providerMessage}
            {p.errorId && (
              <>
                {' '}
                · error id <Code data-testid="problem-error-id">{p.errorId}</Code>
              </>
            )}
          </Text>
        )}
        {ADVICE[p.kind] && <Text size="sm" c="dimmed">{ADVICE[p.kind]}</Text>}
        {p.requestId && (
          <Text size="xs" c="dimmed">
            Flow Desk request id <Code data-testid="problem-request-id">{p.requestId}</Code>
          </Text>
        )}
        {onRetry && (
          <Group>
            <Button size="xs" variant="light" onClick={onRetry}>
              Retry
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}
