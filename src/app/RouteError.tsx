import { Alert, Anchor, Stack, Text, Title } from '@mantine/core';
import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { paths } from '../config/paths';

export function NotFound() {
  return (
    <Stack maw={640}>
      <Title order={2}>Page not found</Title>
      <Text>This address does not match any Flow Desk page. Check the link, or start from the list of channels.</Text>
      <Anchor component={Link} to={paths.home.getHref()}>
        Go to channels
      </Anchor>
    </Stack>
  );
}

export function RouteError() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : error instanceof Error ? error.message : 'Unknown error';
  return (
    <Stack p="lg" maw={720}>
      <Alert color="red" title="This page failed to load" role="alert">
        <Text size="sm">{message}</Text>
        <Text size="sm">Reload the page; if the app was just updated, a reload fetches the new version.</Text>
      </Alert>
      <Anchor href={paths.home.getHref()}>Go to channels</Anchor>
    </Stack>
  );
}
