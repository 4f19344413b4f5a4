import { Popover } from '@mantine/core';
import type { ReactNode } from 'react';
import { HealthEntities } from '../HealthEntities';
import type { Health } from '../../model/flow';

export default function HealthPopover({ health, onClose, children }: { health: Health; onClose: () => void; children: ReactNode }) {
  return (
    <Popover opened onChange={(opened) => !opened && onClose()} withArrow shadow="md" width={420} position="bottom-end" trapFocus returnFocus>
      <Popover.Target>{children}</Popover.Target>
      <Popover.Dropdown aria-label="Health entities">
        <HealthEntities health={health} />
      </Popover.Dropdown>
    </Popover>
  );
}
