import { Anchor, Badge, Breadcrumbs, Code, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { StatusBadge } from '../../components/badges';
import { paths } from '../../config/paths';
import type { ChannelRef, FlowDetail } from '../../model/flow';

interface Props {
  channelRef: ChannelRef;
  flowId: string;
  flow: FlowDetail | undefined;
  providerLabel: string;
  channelLabel: string | null;
  actions: ReactNode;
}

/** Where the flow lives, its name, id and status, and the page's actions. */
export function FlowHeader({ channelRef, flowId, flow, providerLabel, channelLabel, actions }: Props) {
  return (
    <Stack gap={6}>
      <Breadcrumbs separator="›" aria-label="Breadcrumb">
        <Anchor component={Link} to={paths.home.getHref()} size="sm">
          Accounts
        </Anchor>
        <Anchor component={Link} to={paths.channelFlows.getHref(channelRef)} size="sm">
          {providerLabel} · {channelLabel ?? channelRef.channelId}
        </Anchor>
        <Text size="sm" c="dimmed" component="span" aria-current="page">
          Flow {flowId}
        </Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Stack gap={4} style={{ minWidth: 0, flex: '1 1 320px' }}>
          <Title order={2} style={{ overflowWrap: 'anywhere' }} data-testid="flow-name">
            {flow ? flow.name || '(no name)' : `Flow ${flowId}`}
          </Title>
          <Group gap="xs" wrap="wrap">
            <Text size="sm" c="dimmed" component="span">
              Flow id <Code>{flowId}</Code>
            </Text>
            {flow && <StatusBadge status={flow.status} />}
            {flow?.categories.map((c) => (
              <Badge key={c} variant="default" size="sm" tt="none">
                {c}
              </Badge>
            ))}
          </Group>
        </Stack>
        <Group gap="xs">{actions}</Group>
      </Group>
    </Stack>
  );
}
