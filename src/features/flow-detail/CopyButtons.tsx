import { Button, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import { copyText } from './copyText';

/**
 * A button that copies text made on click. If the browser refuses the clipboard, the text is
 * shown in a dialog to copy by hand, so the agent is never left without it.
 */
export function CopyButton({ label, make, title }: { label: string; make: () => string; title: string }) {
  const [state, setState] = useState<'idle' | 'copied'>('idle');
  const [fallback, setFallback] = useState<string | null>(null);

  useEffect(() => {
    if (state !== 'copied') return;
    const timer = setTimeout(() => setState('idle'), 2000);
    return () => clearTimeout(timer);
  }, [state]);

  const onClick = async () => {
    const text = make();
    if (await copyText(text)) setState('copied');
    else setFallback(text);
  };

  return (
    <>
      <Button size="xs" variant={state === 'copied' ? 'light' : 'default'} color={state === 'copied' ? 'teal' : undefined} onClick={onClick}>
        <span aria-live="polite">{state === 'copied' ? `✓ Copied` : label}</span>
      </Button>
      <Modal opened={fallback !== null} onClose={() => setFallback(null)} title={title} size="lg">
        <Stack gap="xs">
          <Text size="sm">The browser did not allow copying. Select the text below and copy it (Ctrl+C).</Text>
          <Textarea value={fallback ?? ''} readOnly autosize minRows={6} maxRows={20} aria-label={title} onFocus={(e) => e.currentTarget.select()} data-autofocus />
        </Stack>
      </Modal>
    </>
  );
}
