/**
 * The clock a provider client's retries, pacing and deadlines run on. Kept beside the client
 * (not in it) so the client's shape stays the provider layer's own; tests set a ManualClock.
 */
import { systemClock, type Clock } from '../../src/lib/clock';

export { ManualClock, sleep, systemClock, timeoutSignal, type Clock } from '../../src/lib/clock';

const clocks = new WeakMap<object, Clock>();

export function clockOf(owner: object): Clock {
  return clocks.get(owner) ?? systemClock;
}

export function setClock(owner: object, clock: Clock): void {
  clocks.set(owner, clock);
}
