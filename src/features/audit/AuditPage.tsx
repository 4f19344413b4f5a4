/** The audit trail for admins: newest first, filtered by user, account, flow and days (in the URL), in pages, exportable as CSV. */
import { Alert, Anchor, Button, Group, Loader, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { AUDIT_PAGE_SIZE, auditCsvHref, auditKeys, auditQueryOptions, revokeSessions, type AuditEntry } from '../../api/audit';
import { ApiError } from '../../api/client';
import { sessionQueryOptions } from '../../api/session';
import { ProblemAlert } from '../../components/ProblemAlert';
import { paths } from '../../config/paths';
import { filtersFromUrl, urlFromForm, type FilterForm } from './urlFilters';

const ACTIONS: Record<string, string> = {
  sign_in: 'Signed in',
  sign_out: 'Signed out',
  flow_opened: 'Opened flow',
  flow_json_downloaded: 'Downloaded flow JSON',
  flow_copied_for_ticket: 'Copied for ticket',
  sync_started: 'Started a sync',
  sessions_revoked: 'Signed a user out everywhere',
  access_refused: 'Refused',
};

function NotAdmin() {
  return (
    <Stack maw={640} data-testid="audit-forbidden">
      <Title order={2}>Audit trail</Title>
      <Alert color="red" title="Only Flow Desk admins can read the audit trail" role="alert">
        Your account is not one of Flow Desk&apos;s admins. Ask an admin if you need an entry from it.
      </Alert>
    </Stack>
  );
}

function Target({ entry }: { entry: AuditEntry }) {
  if (entry.account && entry.channel && entry.flow && entry.action !== 'access_refused') {
    return (
      <Anchor component={Link} to={paths.flow.getHref({ accountId: entry.account, channelId: entry.channel }, entry.flow)} ff="monospace" size="sm">
        {entry.flow}
      </Anchor>
    );
  }
  return (
    <Text ff="monospace" size="sm">
      {entry.flow ?? ''}
    </Text>
  );
}

function FilterBar({ initial, onApply }: { initial: FilterForm; onApply: (form: FilterForm) => void }) {
  const [form, setForm] = useState(initial);
  const field = (key: keyof FilterForm) => ({
    value: form[key],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => setForm({ ...form, [key]: e.currentTarget.value }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(form);
  };
  return (
    <form onSubmit={submit} aria-label="Audit filters">
      <Group align="end" gap="sm">
        <TextInput label="User (email)" {...field('user')} w={220} />
        <TextInput label="Account id" {...field('account')} w={160} />
        <TextInput label="Flow id" {...field('flow')} w={180} />
        <TextInput label="From (day)" type="date" {...field('from')} />
        <TextInput label="To (day, included)" type="date" {...field('to')} />
        <Button type="submit">Apply</Button>
        <Button
          variant="subtle"
          onClick={() => {
            const empty = { user: '', account: '', flow: '', from: '', to: '' };
            setForm(empty);
            onApply(empty);
          }}
        >
          Clear
        </Button>
      </Group>
    </form>
  );
}

/** For the user the trail is filtered by: end every session of theirs (they must sign in again). */
function SignOutEverywhere({ user }: { user: string }) {
  const queryClient = useQueryClient();
  const revoke = useMutation({
    mutationFn: () => revokeSessions(user),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: auditKeys.all }),
  });
  return (
    <Group gap="sm">
      <Button variant="outline" color="red" size="xs" loading={revoke.isPending} onClick={() => revoke.mutate()}>
        Sign {user} out everywhere
      </Button>
      {revoke.isSuccess && (
        <Text size="sm" role="status">
          {revoke.data === 1 ? '1 session ended.' : `${revoke.data} sessions ended.`}
        </Text>
      )}
      {revoke.error && <ProblemAlert error={revoke.error} />}
    </Group>
  );
}

export function AuditPage() {
  const [params, setParams] = useSearchParams();
  const session = useQuery(sessionQueryOptions());
  const { fromDay, toDay, ...filters } = filtersFromUrl(params);
  const admin = session.data?.admin === true;
  const audit = useQuery({ ...auditQueryOptions(filters), enabled: admin });

  if (session.isPending) return <Loader size="sm" aria-label="Loading" />;
  if (!admin || (audit.error instanceof ApiError && audit.error.status === 403)) return <NotAdmin />;

  const initial: FilterForm = { user: filters.user ?? '', account: filters.account ?? '', flow: filters.flow ?? '', from: fromDay ?? '', to: toDay ?? '' };
  const page = filters.page ?? 0;
  const goTo = (next: number) => {
    const query = new URLSearchParams(params);
    if (next > 0) query.set('page', String(next));
    else query.delete('page');
    setParams(query);
  };
  const total = audit.data?.total ?? 0;
  const first = page * AUDIT_PAGE_SIZE;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="end">
        <Stack gap={2}>
          <Title order={2}>Audit trail</Title>
          <Text size="sm" c="dimmed">
            Sign-ins and sign-outs, flows opened, flow JSON downloaded, summaries copied for tickets, syncs started, and every refused access. Newest first.
          </Text>
        </Stack>
        <Anchor href={auditCsvHref(filters)} download>
          Export CSV
        </Anchor>
      </Group>
      {/* Re-mounted when the URL changes (back/forward), so the fields show the filters in force. */}
      <FilterBar key={params.toString()} initial={initial} onApply={(form) => setParams(urlFromForm(form))} />
      {session.data?.mode === 'oidc' && filters.user && <SignOutEverywhere key={filters.user} user={filters.user} />}
      {audit.error && <ProblemAlert error={audit.error} onRetry={() => void audit.refetch()} />}
      {audit.isPending && <Loader size="sm" aria-label="Loading the audit trail" />}
      {audit.data && (
        <>
          <Text size="sm" aria-live="polite">
            {total === 0 ? 'No entries match these filters.' : `Entries ${first + 1}–${Math.min(first + AUDIT_PAGE_SIZE, total)} of ${total}`}
          </Text>
          {audit.data.entries.length > 0 && (
            <Table striped withTableBorder data-testid="audit-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Time</Table.Th>
                  <Table.Th>Action</Table.Th>
                  <Table.Th>User</Table.Th>
                  <Table.Th>Account</Table.Th>
                  <Table.Th>Flow</Table.Th>
                  <Table.Th>Address</Table.Th>
                  <Table.Th>Detail</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {audit.data.entries.map((entry) => (
                  <Table.Tr key={entry.id} data-testid="audit-row" data-action={entry.action}>
                    <Table.Td>
                      <time dateTime={entry.at} title={entry.at}>
                        {new Date(entry.at).toLocaleString()}
                      </time>
                    </Table.Td>
                    <Table.Td>{ACTIONS[entry.action] ?? entry.action}</Table.Td>
                    <Table.Td>{entry.user}</Table.Td>
                    <Table.Td ff="monospace">{entry.account ?? ''}</Table.Td>
                    <Table.Td>
                      <Target entry={entry} />
                    </Table.Td>
                    <Table.Td ff="monospace">{entry.address ?? ''}</Table.Td>
                    <Table.Td>
                      <Text size="xs" c="dimmed">
                        {entry.detail ?? ''}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <Group gap="sm">
            <Button variant="default" size="xs" disabled={page === 0} onClick={() => goTo(page - 1)}>
              Newer
            </Button>
            <Button variant="default" size="xs" disabled={first + AUDIT_PAGE_SIZE >= total} onClick={() => goTo(page + 1)}>
              Older
            </Button>
          </Group>
        </>
      )}
    </Stack>
  );
}
