import { Anchor, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { safeHttpUrl } from './model/links';

/** A provider-given link, opened in a new tab; shown as plain text if it is not http(s). */
export function ExternalLink({ href, children }: { href: string | null; children?: ReactNode }) {
  const safe = safeHttpUrl(href);
  if (!safe) return <Text span>{children ?? href}</Text>;
  return (
    <Anchor href={safe} target="_blank" rel="noopener noreferrer" style={{ overflowWrap: 'anywhere' }}>
      {children ?? safe}
      <span aria-hidden> ↗</span>
    </Anchor>
  );
}

/** A provider's health error as one line: its text, its code, and its possible-solution link. */
export function HealthErrorLine({ text, code, solution, pl }: { text: string; code: string | number | null; solution: string | null; pl?: string }) {
  return (
    <Text size="sm" pl={pl}>
      {text}
      {code != null && <Text span c="dimmed"> (code {String(code)})</Text>}
      {solution && (
        <>
          {' '}
          <ExternalLink href={solution}>Possible solution</ExternalLink>
        </>
      )}
    </Text>
  );
}
