import { Button, Group, Kbd, Modal, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { channelsQueryOptions } from '../../api/channels';
import { flowKeys } from '../../api/flows';
import { paths } from '../../config/paths';
import type { ChannelInfo, FlowPage } from '../../model/flow';
import { findLoadedFlow } from './findLoadedFlow';

const channelValue = (c: Pick<ChannelInfo, 'provider' | 'accountId' | 'channelId'>) => `${c.provider}|${c.accountId}|${c.channelId}`;

/** The channel defaults to the one in view; a flow already listed anywhere opens in its own channel. */
export default function GoToFlowDialog({ onClose }: { onClose: () => void }) {
  const channels = useQuery(channelsQueryOptions());
  const queryClient = useQueryClient();
  const params = useParams();
  const navigate = useNavigate();
  const [flowId, setFlowId] = useState('');
  const [channel, setChannel] = useState<string | null>(null);

  const current = params.provider ? `${params.provider}|${params.accountId}|${params.channelId}` : null;
  const selected = channel ?? current ?? (channels.data?.[0] ? channelValue(channels.data[0]) : null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const id = flowId.trim();
    if (!id) return;
    const lists = (channels.data ?? []).map((c) => ({ channel: c, pages: queryClient.getQueryData<FlowPage[]>(flowKeys.list(c)) ?? [] }));
    const target = findLoadedFlow(lists, id) ?? channels.data?.find((c) => channelValue(c) === selected);
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
            data={(channels.data ?? []).map((c) => ({ value: channelValue(c), label: `${c.providerLabel} · ${c.label ?? c.channelId}` }))}
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
