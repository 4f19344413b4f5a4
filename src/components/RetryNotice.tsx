/** Says that Flow Desk is waiting to retry, and why, so a rate limit never looks like a hang. */
import { Group, Loader, Text } from '@mantine/core';
import { toProblem } from './ProblemAlert';

export function RetryNotice({ what, reason, failures }: { what: string; reason: unknown; failures: number }) {
  const p = toProblem(reason);
  const wait = p.retryAfterSeconds != null ? ` in ${p.retryAfterSeconds} s` : '';
  return (
    <Group gap="xs" role="status" data-testid="retry-notice" wrap="nowrap">
      <Loader size="xs" color="orange" aria-hidden />
      <Text size="sm">
        {what}: {p.message} Retrying{wait} (attempt {failures + 1})…
      </Text>
    </Group>
  );
}
