/** Status and health as badges that read without colour: a symbol and the word, colour only as emphasis. */
import { Badge } from '@mantine/core';

const STATUS: Record<string, { color: string; symbol: string; hint: string }> = {
  PUBLISHED: { color: 'green', symbol: '✓', hint: 'Published: can be sent.' },
  DRAFT: { color: 'gray', symbol: '✎', hint: 'Draft: can only be sent in draft mode.' },
  DEPRECATED: { color: 'dark', symbol: '⊘', hint: 'Deprecated: cannot be sent or opened.' },
  THROTTLED: { color: 'orange', symbol: '⚠', hint: 'Throttled by health monitoring: at most 10 sends per hour.' },
  BLOCKED: { color: 'red', symbol: '✕', hint: 'Blocked by health monitoring: cannot be sent or opened.' },
};

export function StatusBadge({ status }: { status: string }) {
  const s = STATUS[status] ?? { color: 'violet', symbol: '?', hint: `Status ${status} is not one Flow Desk knows; shown as the provider sent it.` };
  return (
    // A native title, not a tooltip component: the list renders hundreds of these and its JS budget is tight.
    <Badge color={s.color} variant="light" leftSection={<span aria-hidden>{s.symbol}</span>} data-status={status} title={s.hint}>
      {status}
    </Badge>
  );
}

const HEALTH: Record<string, { color: string; symbol: string }> = {
  AVAILABLE: { color: 'green', symbol: '✓' },
  LIMITED: { color: 'orange', symbol: '!' },
  BLOCKED: { color: 'red', symbol: '✕' },
};

export function HealthBadge({ level, label }: { level: string; label?: string }) {
  const h = HEALTH[level] ?? { color: 'violet', symbol: '?' };
  return (
    <Badge color={h.color} variant="outline" leftSection={<span aria-hidden>{h.symbol}</span>} data-health={level}>
      {label ? `${label} ${level}` : level}
    </Badge>
  );
}
