import { Button, Group, Kbd, Modal, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { accountsQueryOptions, channelsOf } from '../../api/accounts';
import { flowKeys } from '../../api/flows';
import { paths } from '../../config/paths';
import type { ChannelInfo, FlowPage } from '../../model/flow';
import { findLoadedFlow } from './findLoadedFlow';

const channelValue = (c: Pick<ChannelInfo, 'accountId' | 'channelId'>) => `${c.accountId}|${c.channelId}`;

/** The channel defaults to the one in view; a flow already listed anywhere opens in its own channel. */
export default function GoToFlowDialog({ onClose }: { onClose: () => void }) {
  const accounts = useQuery(accountsQueryOptions());
  const channels = useMemo(() => channelsOf(accounts.data ?? []), [accounts.data]);
  const queryClient = useQueryClient();
  const params = useParams();
  const navigate = useNavigate();
  const [flowId, setFlowId] = useState('');
  const [channel, setChannel] = useState<string | null>(null);

  const current = params.accountId && params.channelId ? `${params.accountId}|${params.channelId}` : null;
  const selected = channel ?? current ?? (channels[0] ? channelValue(channels[0]) : null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const id = flowId.trim();
    if (!id) return;
    const lists = channels.map((c) => ({ channel: c, pages: queryClient.getQueryData<FlowPage[]>(flowKeys.list(c)) ?? [] }));
    const target = findLoadedFlow(lists, id) ?? channels.find((c) => channelValue(c) === selected);
    if (!target) return;
    onClose();
    void navigate(paths.flow.getHref(target, id));
  };

  return (
    <Modal opened onClose={onClose} title="Go to flow by id">
      <form onSubmit={submit}>
        <Stack>
          <TextInput label="Flow id" placeholder="e.g. 822625023859371" value={flowId} onChange={(e) => setFlowId(e.currentTarget.value)} data-autofocus required />
          <NativeSelect
            label="Channel"
            description="Used when the flow is not in a list loaded already."
            data={channels.map((c) => ({ value: channelValue(c), label: `${c.account.name} (${c.account.providerLabel}) · ${c.label ?? c.channelId}` }))}
            value={selected ?? ''}
            onChange={(e) => setChannel(e.currentTarget.value)}
          />
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              Opens with <Kbd size="xs">Ctrl</Kbd>+<Kbd size="xs">K</Kbd> anywhere.
            </Text>
            <Button type="submit">Open flow</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
