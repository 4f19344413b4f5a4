/** Counts per status and per health as stacked bars; every segment and legend entry links to the filtered list. */
import { Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { FlowCounts } from '../lib/flow-table/summary';
import classes from './FlowSummaryChart.module.css';

const COLORS: Record<string, string> = {
  PUBLISHED: 'green',
  DRAFT: 'gray',
  DEPRECATED: 'dark',
  THROTTLED: 'orange',
  BLOCKED: 'red',
  AVAILABLE: 'green',
  LIMITED: 'orange',
  UNSUPPORTED: 'gray',
  UNKNOWN: 'gray',
};
const LABELS: Record<string, string> = { UNSUPPORTED: 'not exposed', UNKNOWN: 'not loaded' };

function Bar({ title, counts, param, hrefFor }: { title: string; counts: Map<string, number>; param: string; hrefFor: (param: string, value: string) => string }) {
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const entries = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  // Health that is unknown or not exposed is not something to filter by.
  const linkable = (key: string) => !(param === 'health' && (key === 'UNKNOWN' || key === 'UNSUPPORTED'));
  return (
    <Stack gap={4}>
      <Text size="xs" fw={600} tt="uppercase" c="dimmed">
        {title}
      </Text>
      <div className={classes.bar} role="img" aria-label={`${title}: ${entries.map(([k, n]) => `${n} ${LABELS[k] ?? k}`).join(', ')}`}>
        {entries.map(([key, n]) => (
          linkable(key) ? (
            <Link key={key} to={hrefFor(param, key)} title={`${n} ${key}`} className={classes.segment} style={{ flexGrow: n, background: `var(--mantine-color-${COLORS[key] ?? 'violet'}-5)` }} aria-hidden tabIndex={-1} />
          ) : (
            <span key={key} title={`${n} ${LABELS[key] ?? key}`} className={classes.segment} style={{ flexGrow: n, background: `var(--mantine-color-${COLORS[key] ?? 'violet'}-2)` }} />
          )
        ))}
        {total === 0 && <span className={classes.empty} />}
      </div>
      <Group gap="sm">
        {entries.map(([key, n]) =>
          linkable(key) ? (
            <Link key={key} to={hrefFor(param, key)} className={classes.legend} data-summary={`${param}:${key}`}>
              <span className={classes.swatch} style={{ background: `var(--mantine-color-${COLORS[key] ?? 'violet'}-5)` }} aria-hidden />
              {LABELS[key] ?? key} <strong>{n}</strong>
            </Link>
          ) : (
            <Text key={key} size="sm" c="dimmed" className={classes.legend}>
              {LABELS[key] ?? key} <strong>{n}</strong>
            </Text>
          ),
        )}
      </Group>
    </Stack>
  );
}

export function FlowSummaryChart({ counts, hrefFor, showHealth }: { counts: FlowCounts; hrefFor: (param: string, value: string) => string; showHealth: boolean }) {
  return (
    <Stack gap="sm">
      <Bar title="Status" counts={counts.byStatus} param="status" hrefFor={hrefFor} />
      {showHealth && <Bar title="Health" counts={counts.byHealth} param="health" hrefFor={hrefFor} />}
    </Stack>
  );
}
