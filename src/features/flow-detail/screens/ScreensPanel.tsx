/**
 * The screens view of the detail page: the screen map and a preview of the selected screen, with
 * each validation error on its screen and component.
 */
import { Alert, Badge, Box, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { ProblemAlert } from '../../../components/ProblemAlert';
import type { ValidationError } from '../../../model/flow';
import { Waiting } from '../JsonPanel';
import type { FlowDetailModel } from '../useFlowDetailModel';
import { ScreenMap } from './ScreenMap';
import { ScreenPreview } from './ScreenPreview';
import classes from './ScreensPanel.module.css';

const NO_ERRORS: ValidationError[] = [];
/**
 * The body's height while the screens are read, as tall as the preview's phone and its header:
 * the JSON below does not move when they arrive (it may already be scrolled to a linked error).
 */
const BODY_HEIGHT = 680;

/** The panel's frame, the same while reading and once read. */
function Frame({ children }: { children: ReactNode }) {
  return (
    <Paper withBorder p="sm">
      <Stack gap="sm">
        <Title order={3} size="h4">
          Screens
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

/** The screen map and the shown screen's preview; nothing until the JSON is read (the JSON panel says why). */
export function ScreensPanel({ model }: { model: FlowDetailModel }) {
  const { graph, layout, current, missingId, screen, places, selectedError, show, selectComponent } = model.screens;
  const errors = model.errors ?? NO_ERRORS;
  if (!model.json.data) return null;
  if (model.screens.readError) return <ProblemAlert error={model.screens.readError} title="Could not read the screens of the flow JSON" />;
  if (!model.screens.read) {
    return (
      <Frame>
        <Box mih={BODY_HEIGHT}>
          <Waiting>Reading the screens…</Waiting>
        </Box>
      </Frame>
    );
  }
  if (model.viewer.syntaxError) {
    return (
      <Alert color="yellow" title="No screen map" role="status">
        <Text size="sm">The flow JSON does not parse, so its screens cannot be drawn. The parse error is shown in the JSON below.</Text>
      </Alert>
    );
  }
  if (!graph || !layout || graph.nodes.length === 0) return <NoScreens />;
  const node = graph.nodes[current]!;

  return (
    <Frame>
      {/* Plain elements with the classes of ScreensPanel.module.css: this is drawn in the task that shows the screens. */}
      <div className={classes.body} style={{ minHeight: BODY_HEIGHT }}>
        {missingId !== null && (
          <p className={classes.missing} role="status">
            The link asks for screen “{missingId}”, which this flow does not have; showing {node.id}.
          </p>
        )}
        <div className={classes.columns}>
          <ScreenMap graph={graph} layout={layout} selected={current} onSelect={show} />
          <div className={classes.shown}>
            <div className={classes.heading}>
              <p className={classes.screenId}>{node.id}</p>
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
            </div>
            {screen.error ? (
              <ProblemAlert error={screen.error} title="Could not read this screen of the flow JSON" />
            ) : (
              <>
                {!screen.ready && <Waiting>Reading the screen…</Waiting>}
                <ScreenPreview
                  screen={screen.value}
                  screenIndex={current}
                  reading={!screen.ready}
                  errors={errors}
                  places={places}
                  selectedError={selectedError}
                  onSelectComponent={selectComponent}
                />
              </>
            )}
          </div>
        </div>
      </div>
    </Frame>
  );
}

function NoScreens() {
  return (
    <Alert color="yellow" title="No screens" role="status">
      <Text size="sm">The flow JSON has no `screens` list to draw.</Text>
    </Alert>
  );
}
