import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/config';
import { createSimulator } from '../simulator';
import { applyStep, editFlowJson } from './evolution';
import { flowDocument } from './flow-assets';
import type { SimChannel } from './world';

/** Any provider's demo account: the mechanism is the same for all. */
const demo = () => loadConfig({}).accounts[0]!;
const world = (evolution?: { everyMs: number; startedAt: number; now: () => number }) => {
  const account = demo();
  return createSimulator(account.provider, account.settings, { flowsPerChannel: 12, evolution });
};
const state = (channels: SimChannel[]) => channels.flatMap((c) => c.flows.map((f) => `${f.id}:${f.status}:${JSON.stringify(f.health)}:${f.jsonRevision ?? 0}`));

describe('the simulated world over time', () => {
  it('changes one flow per step, the same way every run', () => {
    const a = world().channels;
    const b = world().channels;
    const before = state(a);
    for (let step = 1; step <= 9; step++) {
      applyStep(a, step);
      applyStep(b, step);
    }
    expect(state(a)).toEqual(state(b));
    const changed = state(a).filter((s, i) => s !== before[i]);
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.length).toBeLessThanOrEqual(9);
  });

  it('applies the steps due at the injected time before answering', async () => {
    let now = 1_000_000;
    const sim = world({ everyMs: 180_000, startedAt: now, now: () => now });
    const initial = state(sim.channels);
    // Any request brings the world up to date (this one has no route: the answer does not matter).
    const ask = () => sim.fetch('https://simulator.invalid/');
    await ask();
    expect(state(sim.channels)).toEqual(initial);
    now += 3 * 180_000;
    await ask();
    const reference = world().channels;
    for (let step = 1; step <= 3; step++) applyStep(reference, step);
    expect(state(sim.channels)).toEqual(state(reference));
  });

  it('edits a flow JSON one label at a time: one line differs', () => {
    const flow = world().channels[0]!.flows.find((f) => f.json === 'ok' && !f.verbatimJson && !f.minified)!;
    const before = flowDocument(flow).text.split('\n');
    editFlowJson(flow);
    const after = flowDocument(flow).text.split('\n');
    expect(after).toHaveLength(before.length);
    const changed = after.filter((line, i) => line !== before[i]);
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatch(/"title": ".+ – updated"/);
  });
});
