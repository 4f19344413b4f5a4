/**
 * The simulated world changes over time, the same way for every provider: every `everyMs` one
 * demo flow changes its status, its health, or has its flow JSON edited (a screen title reworded),
 * so Flow Desk's history has something to show on a fresh start. Deterministic: the world at a
 * time is the initial world plus the changes of every step since `startedAt`; tests inject the
 * clock (or call `applyStep` themselves).
 */
import type { HealthLevel, SimChannel, SimFlow } from './world';

export interface EvolutionOptions {
  /** Milliseconds between two changes; 0 or absent: the world never changes by itself. */
  everyMs?: number;
  startedAt?: number;
  now?: () => number;
}

const STATUS_CYCLE = ['PUBLISHED', 'THROTTLED', 'BLOCKED', 'PUBLISHED', 'DEPRECATED', 'DRAFT'];
const HEALTH_CYCLE: HealthLevel[] = ['AVAILABLE', 'LIMITED', 'BLOCKED', 'AVAILABLE'];
/** Rewordings of a screen title, as an author would edit it. */
const TITLE_EDITS = [(t: string) => `${t} – updated`, (t: string) => `Your ${t.charAt(0).toLowerCase()}${t.slice(1)}`, (t: string) => `${t} (new)`];

/** A flow the demo may change: generated, with a served JSON (seeds answer verbatim and stay fixed). */
const changeable = (f: SimFlow) => !f.verbatimDetails && !f.verbatimJson && f.json === 'ok';

/** The title a flow JSON's screen gets at its `revision`-th edit (1-based), from the template's title. */
export function editedTitle(title: string, revision: number): string {
  return TITLE_EDITS[(revision - 1) % TITLE_EDITS.length]!(title);
}

/** An edit of one label: the flow's JSON changes one screen title (see documents.ts). */
export function editFlowJson(flow: SimFlow): void {
  flow.jsonRevision = (flow.jsonRevision ?? 0) + 1;
}

/** FNV-1a of the step, for a spread-out, repeatable choice of flow. */
function hash(n: number): number {
  let h = 0x811c9dc5;
  for (const c of String(n)) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193);
  return h >>> 0;
}

/** Applies change number `step` (1-based) to the world. */
export function applyStep(channels: readonly SimChannel[], step: number): void {
  const flows = channels.flatMap((c) => c.flows.filter(changeable));
  if (flows.length === 0) return;
  const h = hash(step);
  const flow = flows[h % flows.length]!;
  switch (step % 3) {
    case 1: {
      const at = STATUS_CYCLE.indexOf(flow.status);
      flow.status = STATUS_CYCLE[(at + 1) % STATUS_CYCLE.length]!;
      if (flow.health) flow.health = { ...flow.health, flow: flow.status === 'BLOCKED' ? 'BLOCKED' : flow.status === 'THROTTLED' ? 'LIMITED' : 'AVAILABLE' };
      break;
    }
    case 2:
      if (flow.health) {
        const at = HEALTH_CYCLE.indexOf(flow.health.waba);
        flow.health = { ...flow.health, waba: HEALTH_CYCLE[(at + 1) % HEALTH_CYCLE.length]! };
        break;
      }
      editFlowJson(flow);
      break;
    default:
      editFlowJson(flow);
  }
}

/** A function to call before answering: it brings the world up to the clock's time. */
export function evolution(channels: readonly SimChannel[], options: EvolutionOptions): () => void {
  const everyMs = options.everyMs ?? 0;
  if (everyMs <= 0) return () => {};
  const now = options.now ?? Date.now;
  const startedAt = options.startedAt ?? now();
  let applied = 0;
  return () => {
    const due = Math.floor((now() - startedAt) / everyMs);
    while (applied < due) applyStep(channels, ++applied);
  };
}
