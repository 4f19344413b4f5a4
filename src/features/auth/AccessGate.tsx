/**
 * Shows the pages only to users who may see at least one account; others get a page saying they
 * have no access yet and whom to ask (never which accounts exist).
 */
import { Alert, Anchor, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { sessionQueryOptions, type SessionInfo } from '../../api/session';

function listOr(items: string[]): ReactNode {
  return items.map((email, i) => (
    <span key={email}>
      {i > 0 && (i === items.length - 1 ? ' or ' : ', ')}
      <Anchor href={`mailto:${email}`}>{email}</Anchor>
    </span>
  ));
}

export function NoAccessPage({ session }: { session: SessionInfo }) {
  const who = session.user?.email ?? session.user?.name;
  return (
    <Stack maw={640} gap="sm" data-testid="no-access">
      <Title order={2}>You have no access yet</Title>
      <Text>
        {who ? `You are signed in as ${who}, ` : 'You are signed in, '}but Flow Desk has not given you access to any account yet.
      </Text>
      <Text>
        {session.askWhom.length > 0 ? <>Ask {listOr(session.askWhom)} to give you access.</> : 'Ask whoever runs Flow Desk in your team to give you access.'}
      </Text>
      <Text size="sm" c="dimmed">
        Access is given per account, by group or by email, in Flow Desk&apos;s configuration. Once it is, reload this page.
      </Text>
    </Stack>
  );
}

export function AccessGate({ children }: { children: ReactNode }) {
  const session = useQuery(sessionQueryOptions());
  if (session.isPending) return <Loader size="sm" aria-label="Loading" />;
  if (session.error) {
    return (
      <Alert color="red" title="Flow Desk could not tell who you are" role="alert">
        {session.error.message}
      </Alert>
    );
  }
  if (session.data.access === 'none') return <NoAccessPage session={session.data} />;
  return <>{children}</>;
}
