/**
 * Links from before accounts were configurable (`/flows/<provider>/<provider's account id>/
 * <channel>[/<flow>]`) open the same channel or flow under its account today.
 */
import { Alert, Anchor, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, Navigate, useLocation, useParams } from 'react-router';
import { accountsQueryOptions, resolveLegacyChannel } from '../api/accounts';
import { ProblemAlert } from '../components/ProblemAlert';
import { paths } from '../config/paths';

export function LegacyRedirect() {
  const { provider = '', providerAccountId = '', channelId = '', flowId } = useParams();
  const { search } = useLocation();
  const accounts = useQuery(accountsQueryOptions());
  if (accounts.error) return <ProblemAlert error={accounts.error} onRetry={() => void accounts.refetch()} />;
  if (!accounts.data) return <Text c="dimmed">Finding the account of this link…</Text>;
  const channel = resolveLegacyChannel(accounts.data, provider, providerAccountId, channelId);
  if (!channel) {
    return (
      <Stack maw={640}>
        <Alert color="red" title="No account matches this link" role="alert">
          This is an older Flow Desk link to a {provider} account with id “{providerAccountId}”, and no configured account matches it.
        </Alert>
        <Anchor component={Link} to={paths.home.getHref()}>
          Go to accounts
        </Anchor>
      </Stack>
    );
  }
  const query = search.replace(/^\?/, '');
  return <Navigate replace to={flowId ? paths.flow.getHref(channel, flowId, query) : paths.channelFlows.getHref(channel, query)} />;
}
