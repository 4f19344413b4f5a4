import { Alert, List, Stack, Text } from '@mantine/core';
import { memo } from 'react';
import { HealthErrorLine } from './ExternalLink';
import type { Verdict, VerdictAnswer } from './model/verdict';

const LOOK: Record<VerdictAnswer, { color: string; symbol: string }> = {
  yes: { color: 'green', symbol: '✓' },
  limited: { color: 'orange', symbol: '!' },
  'draft-only': { color: 'blue', symbol: '✎' },
  unknown: { color: 'gray', symbol: '?' },
  no: { color: 'red', symbol: '✕' },
};

/** "Can this flow send right now?" at the top of the page. */
export const VerdictPanel = memo(function VerdictPanel({ verdict }: { verdict: Verdict }) {
  const look = verdict.answer === 'yes' && !verdict.healthKnown ? { color: 'yellow', symbol: '?' } : LOOK[verdict.answer];
  return (
    <Alert
      color={look.color}
      variant="light"
      icon={<span aria-hidden style={{ fontWeight: 700 }}>{look.symbol}</span>}
      title={
        <span>
          Can this flow send right now? <span data-testid="verdict-headline">{verdict.headline}</span>
        </span>
      }
      data-verdict={verdict.answer}
      aria-label="Can this flow send right now"
      role="region"
    >
      <Stack gap={6}>
        <List size="sm" spacing={2}>
          {verdict.reasons.map((r) => (
            <List.Item key={r}>{r}</List.Item>
          ))}
        </List>
        {verdict.findings.map((f) => (
          <Stack key={`${f.entity}-${f.id}`} gap={2}>
            <Text size="sm" fw={600}>
              {f.summary}
            </Text>
            {f.details.map((d, i) => (
              <HealthErrorLine key={i} pl="md" text={d.text} code={d.code} solution={d.solution} />
            ))}
          </Stack>
        ))}
      </Stack>
    </Alert>
  );
});
