import { Anchor, Badge, Box, Group, Loader, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { memo } from 'react';
import { Link, NavLink, Outlet, useNavigation } from 'react-router';
import { accountsQueryOptions } from '../api/accounts';
import { paths } from '../config/paths';
import { AccessGate } from '../features/auth/AccessGate';
import { AdminLink } from '../features/auth/AdminLink';
import { SessionBanner } from '../features/auth/SessionBanner';
import { UserMenu } from '../features/auth/UserMenu';
import { GoToFlow } from '../features/go-to-flow/GoToFlow';
import classes from './Layout.module.css';

function DemoBadge() {
  const { data } = useQuery(accountsQueryOptions());
  const simulated = (data ?? []).filter((a) => a.simulated).map((a) => a.name);
  if (simulated.length === 0) return null;
  return (
    <Badge
      color="yellow"
      variant="filled"
      data-testid="demo-badge"
      title={`No credentials are configured for ${simulated.join(', ')}: their flows come from Flow Desk's built-in simulator.`}
    >
      Demo data: {simulated.length === data!.length ? 'all accounts' : `${simulated.length} of ${data!.length} accounts`} simulated
    </Badge>
  );
}

/** The header, memoised: a change of the URL's query alone (a keystroke in the search box) does not draw it again. */
const Header = memo(function Header({ loading }: { loading: boolean }) {
  return (
    <header className={classes.header}>
      <Group h="100%" px="md" justify="space-between" wrap="nowrap">
        <Group gap="lg" wrap="nowrap">
          <Anchor component={Link} to={paths.home.getHref()} underline="never" c="inherit">
            <Title order={1} size="h3">
              Flow Desk
            </Title>
          </Anchor>
          <nav aria-label="Main">
            <Group gap="md">
              <NavLink to={paths.home.getHref()} end className={classes.navLink}>
                Accounts
              </NavLink>
              <NavLink to={paths.allFlows.getHref()} end className={classes.navLink}>
                All flows
              </NavLink>
              <NavLink to={paths.search.getHref()} end className={classes.navLink}>
                Search
              </NavLink>
              <NavLink to={paths.changes.getHref()} end className={classes.navLink}>
                Changes
              </NavLink>
              <AdminLink className={classes.navLink} />
            </Group>
          </nav>
          {loading && <Loader size="xs" aria-label="Loading page" />}
        </Group>
        <Group gap="sm" wrap="nowrap">
          <DemoBadge />
          <GoToFlow />
          <UserMenu />
        </Group>
      </Group>
    </header>
  );
});

export function Layout() {
  const loading = useNavigation().state === 'loading';
  return (
    <>
      <SessionBanner />
      <Header loading={loading} />
      <Box component="main" p="md">
        <AccessGate>
          <Outlet />
        </AccessGate>
      </Box>
    </>
  );
}
