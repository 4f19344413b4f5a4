import { ActionIcon, Anchor, Badge, Group, Loader, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { memo, type ReactNode } from 'react';
import { Link } from 'react-router';
import { flowDetailQueryOptions } from '../../api/flows';
import { StatusBadge } from '../badges';
import { toProblem } from '../ProblemAlert';
import { paths } from '../../config/paths';
import { needsDetails, type FlowRow } from '../../lib/flow-table/rows';
import classes from './FlowTable.module.css';
import { HealthSummary } from './HealthSummary';
import { useSettled } from './useSettled';

/** How a row's request for its details goes. */
type Details = { status: 'loading' | 'failed'; error: unknown; onRetry: () => void };
const NOT_ASKED: Details = { status: 'loading', error: null, onRetry: () => {} };

function Pending({ status, error, onRetry }: Details) {
  if (status === 'failed') {
    return (
      <Group gap={4} wrap="nowrap" data-details="failed">
        <Text size="xs" c="red" title={toProblem(error).message}>
          ✕ details failed
        </Text>
        <ActionIcon size="xs" variant="subtle" onClick={onRetry} aria-label="Retry loading details">
          ↻
        </ActionIcon>
      </Group>
    );
  }
  return (
    <Group gap={4} wrap="nowrap" data-details="loading">
      <Loader size={10} aria-hidden />
      <Text size="xs" c="dimmed">
        loading…
      </Text>
    </Group>
  );
}

function HealthCell({ row }: { row: FlowRow }) {
  if (row.health === null) {
    return (
      <Text size="xs" c="dimmed" data-details="unavailable">
        {row.channel.account.providerLabel} does not expose health
      </Text>
    );
  }
  return row.health ? <HealthSummary health={row.health} /> : null;
}

/** `start`: the row's offset from the top of the table's body, in pixels. */
type RowProps = { row: FlowRow; index: number; start: number; showChannel: boolean };

/**
 * A row of the flow table. Only a row still missing details asks for them (once it has stayed on
 * screen a moment): rows with their details, as every indexed row has, are drawn without a timer
 * or a query of their own. Memoized: a row whose flow and place are unchanged is not drawn again.
 */
export const FlowTableRow = memo(function FlowTableRow(props: RowProps) {
  return needsDetails(props.row) ? <RowAwaitingDetails {...props} /> : <RowCells {...props} details={null} />;
});

function RowAwaitingDetails(props: RowProps) {
  const { row } = props;
  const settled = useSettled(250);
  const detail = useQuery({ ...flowDetailQueryOptions(row.channel, row.id, row.channel.account.rateLimit), enabled: settled });
  return <RowCells {...props} details={{ status: detail.isError ? 'failed' : 'loading', error: detail.error, onRetry: () => void detail.refetch() }} />;
}

/** The row's cells; `details`, when the row is waiting for its details, says how that goes. */
function RowCells({ row, index, start, showChannel, details }: RowProps & { details: Details | null }) {
  const lazy = (value: ReactNode, known: boolean) => (known ? value : <Pending {...(details ?? NOT_ASKED)} />);

  return (
    <div role="row" aria-rowindex={index + 2} className={`${classes.row} ${classes.bodyRow}`} style={{ transform: `translateY(${start}px)` }} data-flow-id={row.id}>
      <div role="cell" className={classes.cell}>
        <Anchor component={Link} to={paths.flow.getHref(row.channel, row.id)} size="sm">
          {row.name || <em>(no name)</em>}
        </Anchor>
      </div>
      <div role="cell" className={classes.cell}>
        <Text size="xs" ff="monospace">
          {row.id}
        </Text>
      </div>
      <div role="cell" className={classes.cell}>
        <StatusBadge status={row.status} />
      </div>
      <div role="cell" className={classes.cell}>
        {lazy(
          <Group gap={4} wrap="nowrap">
            {row.categories?.map((c) => (
              <Badge key={c} size="xs" variant="default">
                {c}
              </Badge>
            ))}
          </Group>,
          row.categories !== undefined,
        )}
      </div>
      <div role="cell" className={classes.cell}>
        {lazy(
          row.errorCount === null ? (
            <Text size="xs" c="dimmed" data-details="unavailable">
              {row.channel.account.providerLabel} does not expose them
            </Text>
          ) : row.errorCount ? (
            <Text size="sm" c="red" fw={600}>
              ✕ {row.errorCount}
            </Text>
          ) : (
            <Text size="sm" c="dimmed">
              0
            </Text>
          ),
          row.errorCount !== undefined,
        )}
      </div>
      <div role="cell" className={classes.cell}>
        {lazy(<HealthCell row={row} />, row.health !== undefined)}
      </div>
      {showChannel && (
        <div role="cell" className={classes.cell}>
          <Text size="xs" c="dimmed">
            {row.channel.account.name} · {row.channel.label ?? row.channel.channelId}
          </Text>
        </div>
      )}
    </div>
  );
}
