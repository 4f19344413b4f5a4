/** The one way a provider-supplied URL becomes a link: http(s) only, opened in a new tab; anything else is plain text. */
import { Anchor, Text, type AnchorProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { safeHttpUrl } from '../lib/safe-url';

export function SafeLink({ href, children, size }: { href: string | null | undefined; children?: ReactNode; size?: AnchorProps['size'] }) {
  const safe = safeHttpUrl(href);
  if (!safe) return <Text span size={size} data-unsafe-link>{children ?? href}</Text>;
  return (
    <Anchor href={safe} target="_blank" rel="noopener noreferrer" size={size} style={{ overflowWrap: 'anywhere' }}>
      {children ?? safe}
      <span aria-hidden> ↗</span>
    </Anchor>
  );
}
