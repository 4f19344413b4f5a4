/**
 * A flow the worker inspects as it starts, while the page is still downloading the real JSON. The
 * worker's code for building the screen map, laying it out and packing it is then compiled, and
 * its heap sized for a parse of many objects, by the time a big text comes: on the 10 MB flow the
 * inspection after its `JSON.parse` took 38-109 ms in a fresh worker (see the screens benchmark).
 */
import { packResult, runOperation } from './operations';

/** Screens in the sample: smaller samples (under a hundred screens) left the worker as slow as a fresh one. */
export const WARM_UP_SCREENS = 150;

/** A flow JSON text of `count` screens, each a form of eight fields and a footer that leads to the next screen. */
export function warmUpFlowText(count = WARM_UP_SCREENS): string {
  const id = (i: number) => `SCREEN_${i}`;
  return JSON.stringify(
    {
      version: '7.0',
      screens: Array.from({ length: count }, (_, i) => ({
        id: id(i),
        title: `Screen ${i}`,
        ...(i === count - 1 ? { terminal: true } : {}),
        data: {},
        layout: {
          type: 'SingleColumnLayout',
          children: [
            {
              type: 'Form',
              name: `form_${i}`,
              children: Array.from({ length: 8 }, (_, k) => ({ type: k % 2 ? 'TextInput' : 'Dropdown', name: `field_${k}`, label: `Field ${k}`, required: k % 3 === 0 })),
            },
            {
              type: 'Footer',
              label: 'Next',
              'on-click-action': i === count - 1 ? { name: 'complete', payload: {} } : { name: 'navigate', next: { type: 'screen', name: id(i + 1) }, payload: {} },
            },
          ],
        },
      })),
    },
    null,
    2,
  );
}

/** Inspects the sample as a real document is inspected (parse, map, layout, the first screen, packing). */
export function warmUpWorker(): void {
  packResult('inspect', runOperation('inspect', warmUpFlowText(), { id: null, index: 0 }));
}
