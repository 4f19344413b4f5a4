import { Code, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { memo, type ReactNode } from 'react';
import type { ChannelRef, FlowDetail } from '../../model/flow';
import { ExternalLink } from './ExternalLink';
import { FetchedPreview } from './FetchedPreview';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text component="dd" size="sm" m={0} style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  );
}

/** The details' remaining fields; missing ones say whether the provider gives them at all. */
export const FlowFacts = memo(function FlowFacts({
  flow,
  providerLabel,
  providerHasHealth,
  previewCall,
}: {
  flow: FlowDetail;
  providerLabel: string;
  providerHasHealth: boolean;
  /** Set when the provider hands out preview links by a call of its own. */
  previewCall?: { channelRef: ChannelRef; flowId: string };
}) {
  // Some providers' flow APIs carry none of these fields; those passing Graph's through carry them.
  const missing = providerHasHealth ? 'Not set' : `Not provided by ${providerLabel}`;
  const none = (
    <Text span c="dimmed" size="sm">
      {missing}
    </Text>
  );
  const { preview, whatsappBusinessAccount: waba, application: app } = flow;
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="flow-facts-title">
      <Stack gap="xs">
        <Title order={3} size="h5" id="flow-facts-title">
          Flow details
        </Title>
        <SimpleGrid component="dl" cols={{ base: 1, xs: 2, md: 3 }} spacing="sm" verticalSpacing="xs" m={0}>
          <Fact label="Flow JSON version">{flow.jsonVersion ? <Code>{flow.jsonVersion}</Code> : none}</Fact>
          <Fact label="Data API version">{flow.dataApiVersion ? <Code>{flow.dataApiVersion}</Code> : none}</Fact>
          <Fact label="Endpoint URI">{flow.endpointUri ? <Code>{flow.endpointUri}</Code> : none}</Fact>
          <Fact label="Preview">
            {preview ? (
              <>
                <ExternalLink href={preview.url}>Open preview</ExternalLink>
                {preview.expiresAt && (
                  <Text span size="xs" c="dimmed">
                    {' '}
                    (expires {preview.expiresAt})
                  </Text>
                )}
              </>
            ) : previewCall ? (
              <FetchedPreview channelRef={previewCall.channelRef} flowId={previewCall.flowId} />
            ) : (
              <Text span c="dimmed" size="sm">
                {providerHasHealth ? 'No preview link given' : `Not provided by ${providerLabel}`}
              </Text>
            )}
          </Fact>
          <Fact label="WhatsApp Business Account">
            {waba ? [waba.name, waba.id].filter(Boolean).join(' · ') || '—' : none}
          </Fact>
          <Fact label="Application">
            {app ? (
              <>
                {[app.name, app.id].filter(Boolean).join(' · ') || '—'}
                {app.link && (
                  <>
                    {' '}
                    <ExternalLink href={app.link}>link</ExternalLink>
                  </>
                )}
              </>
            ) : (
              none
            )}
          </Fact>
        </SimpleGrid>
      </Stack>
    </Paper>
  );
});
