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
