import { lazy, Suspense, useState } from 'react';
import { HealthBadge } from '../badges';
import type { Health } from '../../model/flow';
import classes from './FlowTable.module.css';

// The popover (and its positioning library) loads on first use, keeping the list's first load small.
const HealthPopover = lazy(() => import('./HealthPopover'));

/** Overall health, the entities that are not AVAILABLE, and on click every entity with its errors. */
export function HealthSummary({ health }: { health: Health }) {
  const [opened, setOpened] = useState(false);
  const troubled = health.entities.filter((e) => e.canSendMessage !== 'AVAILABLE');
  const trigger = (
    <button type="button" className={classes.sortButton} aria-expanded={opened} aria-label={`Health ${health.canSendMessage}: show entities`} onClick={() => setOpened((o) => !o)}>
      <HealthBadge level={health.canSendMessage} />
      {troubled.map((e) => (
        <span key={e.type} className={classes.entity}>
          {e.type} {e.canSendMessage === 'BLOCKED' ? '✕' : '!'}
        </span>
      ))}
    </button>
  );
  if (!opened) return trigger;
  return (
    <Suspense fallback={trigger}>
      <HealthPopover health={health} onClose={() => setOpened(false)}>
        {trigger}
      </HealthPopover>
    </Suspense>
  );
}
