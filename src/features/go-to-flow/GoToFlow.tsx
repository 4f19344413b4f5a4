/** "Go to flow by id" from anywhere: Ctrl/Cmd+K opens it. The dialog itself loads on first use. */
import { Button, Kbd } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { lazy, Suspense } from 'react';

const GoToFlowDialog = lazy(() => import('./GoToFlowDialog'));

export function GoToFlow() {
  const [opened, { open, close, toggle }] = useDisclosure(false);
  useHotkeys([['mod+K', toggle]]);
  return (
    <>
      <Button variant="default" size="xs" onClick={open} rightSection={<Kbd size="xs">Ctrl K</Kbd>}>
        Go to flow
      </Button>
      {opened && (
        <Suspense fallback={null}>
          <GoToFlowDialog onClose={close} />
        </Suspense>
      )}
    </>
  );
}
