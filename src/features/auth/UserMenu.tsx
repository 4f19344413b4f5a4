/** The signed-in user's name (or email) and "Sign out", in the header. */
import { Button, Group, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { sessionQueryOptions, signOut } from '../../api/session';

export function UserMenu() {
  const { data } = useQuery(sessionQueryOptions());
  const out = useMutation({
    mutationFn: signOut,
    onSuccess: (redirect) => window.location.assign(redirect),
  });
  if (!data?.user) return null;
  const who = data.user.name ?? data.user.email ?? 'Signed in';
  return (
    <Group gap="xs" wrap="nowrap">
      <Text size="sm" data-testid="signed-in-user" title={data.user.email ?? undefined}>
        {who}
      </Text>
      <Button size="xs" variant="default" onClick={() => out.mutate()} loading={out.isPending}>
        Sign out
      </Button>
      {out.isError && (
        <Text size="xs" c="red" role="alert">
          {out.error.message}
        </Text>
      )}
    </Group>
  );
}
