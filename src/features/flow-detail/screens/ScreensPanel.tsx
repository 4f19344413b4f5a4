/**
 * The screens view of the detail page: the screen map and a preview of the selected screen, with
 * each validation error on its screen and component.
 */
import { Alert, Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { buildScreenGraph, placeErrorsInComponents, type ComponentPath } from '../../../lib/flow-screens';
import type { ValidationError } from '../../../model/flow';
import { screensOfErrors } from '../model/problems';
import type { Selection } from '../model/urlState';
import { ScreenMap } from './ScreenMap';
import { ScreenPreview } from './ScreenPreview';

const NO_ERRORS: ValidationError[] = [];

export interface ScreensPanelProps {
  /** The flow JSON as downloaded. */
  text: string;
  errors: readonly ValidationError[] | undefined;
  selection: Selection;
  /** The screen id in the URL, or null for the selected error's screen (else the first). */
  screenId: string | null;
  onScreen: (screen: number, id: string) => void;
  onSelectComponent: (path: ComponentPath, firstError: number | null) => void;
}

function parseFlow(text: string): { flow: unknown } | null {
  try {
    return { flow: JSON.parse(text) as unknown };
  } catch {
    return null;
  }
}

export function ScreensPanel({ text, errors = NO_ERRORS, selection, screenId, onScreen, onSelectComponent }: ScreensPanelProps) {
  const parsed = useMemo(() => parseFlow(text), [text]);
  const errorScreens = useMemo(() => screensOfErrors(errors), [errors]);
  const graph = useMemo(() => buildScreenGraph(parsed?.flow, errorScreens), [parsed, errorScreens]);
  const places = useMemo(() => placeErrorsInComponents(errors), [errors]);

  if (!parsed) {
    return (
      <Alert color="yellow" title="No screen map" role="status">
        <Text size="sm">The flow JSON does not parse, so its screens cannot be drawn. The parse error is shown in the JSON below.</Text>
      </Alert>
    );
  }
  if (graph.nodes.length === 0) {
    return (
      <Alert color="yellow" title="No screens" role="status">
        <Text size="sm">The flow JSON has no `screens` list to draw.</Text>
      </Alert>
    );
  }
  const byUrl = screenId === null ? -1 : graph.nodes.findIndex((n) => n.id === screenId);
  const bySelection = typeof selection === 'number' ? (errorScreens[selection] ?? null) : null;
  const current = byUrl !== -1 ? byUrl : bySelection !== null && bySelection < graph.nodes.length ? bySelection : 0;
  const node = graph.nodes[current]!;
  const screens = (parsed.flow as { screens: unknown[] }).screens;

  return (
    <Paper withBorder p="sm">
      <Stack gap="sm">
        <Title order={3} size="h4">
          Screens
        </Title>
        {screenId !== null && byUrl === -1 && (
          <Text size="sm" c="orange.9" role="status">
            The link asks for screen “{screenId}”, which this flow does not have; showing {node.id}.
          </Text>
        )}
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
          <ScreenMap graph={graph} selected={current} onSelect={(i) => onScreen(i, graph.nodes[i]!.id)} />
          <Stack gap={6} align="flex-start">
            <Group gap={6}>
              <Text fw={600} size="sm">
                {node.id}
              </Text>
              {node.errorCount > 0 && (
                <Badge color="red" variant="light">
                  {node.errorCount} {node.errorCount === 1 ? 'error' : 'errors'}
                </Badge>
              )}
              {node.terminal && <Badge variant="light">terminal</Badge>}
              {node.unreachable && (
                <Badge color="orange" variant="light">
                  unreachable
                </Badge>
              )}
            </Group>
            <ScreenPreview
              screen={screens[current]}
              screenIndex={current}
              errors={errors}
              places={places}
              selectedError={typeof selection === 'number' ? selection : null}
              onSelectComponent={onSelectComponent}
            />
          </Stack>
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}
