/** A flow's health entities with their errors, solutions and additional info, as text. */
import { Group, List, Stack, Text } from '@mantine/core';
import type { Health } from '../model/flow';
import { HealthBadge } from './badges';
import { SafeLink } from './SafeLink';

export function HealthEntities({ health }: { health: Health }) {
  return (
    <Stack gap="xs">
      {health.entities.map((entity) => (
        <Stack key={`${entity.type}-${entity.id}`} gap={2}>
          <Group gap="xs">
            <HealthBadge level={entity.canSendMessage} label={entity.type} />
            {entity.id && <Text size="xs" c="dimmed" ff="monospace">{entity.id}</Text>}
          </Group>
          {(entity.errors.length > 0 || entity.additionalInfo.length > 0) && (
            <List size="sm" spacing={2} ml="md">
              {entity.errors.map((error, i) => (
                <List.Item key={`e${i}`}>
                  {error.code != null && <Text span fw={600}>{String(error.code)}: </Text>}
                  {error.description}
                  {error.possibleSolution && (
                    <>
                      {' '}
                      <SafeLink href={error.possibleSolution} size="sm">
                        Possible solution
                      </SafeLink>
                    </>
                  )}
                </List.Item>
              ))}
              {entity.additionalInfo.map((info, i) => (
                <List.Item key={`i${i}`}>{info}</List.Item>
              ))}
            </List>
          )}
        </Stack>
      ))}
    </Stack>
  );
}
