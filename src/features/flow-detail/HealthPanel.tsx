import { Paper, Stack, Table, Text, Title } from '@mantine/core';
import { memo } from 'react';
import { HealthBadge } from '../../components/badges';
import type { Health } from '../../model/flow';
import { HealthErrorLine } from './ExternalLink';

/** Every health entity the provider reports, with its errors, solutions and additional information. */
export const HealthPanel = memo(function HealthPanel({ health, providerLabel }: { health: Health | null; providerLabel: string }) {
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="flow-health-title">
      <Stack gap="xs">
        <Title order={3} size="h5" id="flow-health-title">
          Health {health && <HealthBadge level={health.canSendMessage} label="overall" />}
        </Title>
        {!health ? (
          <Text size="sm" c="dimmed">
            {providerLabel} does not report health status for flows, so Flow Desk cannot show whether the flow, its
            endpoint, app or WhatsApp Business Account blocks sending.
          </Text>
        ) : health.entities.length === 0 ? (
          <Text size="sm" c="dimmed">
            The provider reports no health entities.
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={480}>
            <Table verticalSpacing={4} fz="sm" aria-label="Health entities">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Entity</Table.Th>
                  <Table.Th>Can send</Table.Th>
                  <Table.Th>Errors and information</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {health.entities.map((e, i) => (
                  <Table.Tr key={`${e.type}-${e.id}-${i}`}>
                    <Table.Td>
                      <Text size="sm" fw={600} span>
                        {e.type}
                      </Text>
                      {e.id && (
                        <Text size="xs" c="dimmed" ff="monospace">
                          {e.id}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }} miw={120}>
                      <HealthBadge level={e.canSendMessage} />
                    </Table.Td>
                    <Table.Td>
                      {e.errors.length === 0 && e.additionalInfo.length === 0 && (
                        <Text size="sm" c="dimmed">
                          —
                        </Text>
                      )}
                      {e.errors.map((err, k) => (
                        <HealthErrorLine key={`e${k}`} text={err.description} code={err.code} solution={err.possibleSolution} />
                      ))}
                      {e.additionalInfo.map((info, k) => (
                        <Text size="sm" key={`i${k}`} c="dimmed">
                          {info}
                        </Text>
                      ))}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
});
