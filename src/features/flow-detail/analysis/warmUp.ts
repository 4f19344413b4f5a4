/**
 * A flow the worker inspects as it starts, while the page is still downloading the real JSON. The
 * worker's code for building the screen map, laying it out and packing it is then compiled by the
 * time the real text comes: on the 100-screen flow the map went out 2-18 ms after the parse
 * instead of 8-21 ms (see the screens benchmark).
 */
import { sampleFlow } from '../../../lib/flow-screens/sample';
import { packResult, runOperation } from './operations';

/** Screens in the sample: samples of 12 and 35 screens left the map's code as slow as none did (timed in Node), 110 did not. */
const WARM_UP_SCREENS = 150;

/** Inspects the sample as a real document is inspected (parse, map, layout, the first screen, packing). */
export function warmUpWorker(): void {
  packResult('inspect', runOperation('inspect', JSON.stringify(sampleFlow(WARM_UP_SCREENS), null, 2), { id: null, index: 0 }));
}
