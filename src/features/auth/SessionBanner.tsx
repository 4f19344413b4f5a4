/** Says on every page how Flow Desk is reached when nobody signs in: this computer only, or (red) anyone on the network. */
import { Box, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { sessionQueryOptions } from '../../api/session';

export function SessionBanner() {
  const { data } = useQuery(sessionQueryOptions());
  if (data?.mode === 'local') {
    return (
      <Box component="aside" aria-label="Mode" bg="blue.0" px="md" py={4} data-testid="local-mode-banner">
        <Text size="sm">Local mode: only this computer can open Flow Desk.</Text>
      </Box>
    );
  }
  if (data?.mode === 'anonymous') {
    return (
      <Box component="aside" aria-label="Mode" bg="red.8" c="white" px="md" py={6} data-testid="anonymous-banner">
        <Text size="sm" fw={600}>
          No sign-in: anyone who can reach this server can open Flow Desk and read the flows of every account (FLOWDESK_ALLOW_ANONYMOUS=true).
        </Text>
      </Box>
    );
  }
  return null;
}
