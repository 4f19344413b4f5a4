/**
 * The simulated world's building blocks: channels and flows, generated deterministically so
 * every run (dev, unit tests, e2e, benchmarks) sees the same data. Each provider's simulator
 * (src/providers/<id>/simulator.ts) builds its accounts' channels from these, with its seeds.
 */
import { KNOWN_CATEGORIES } from '../../model/flow';
import { ERROR_CATALOGUE, showcaseDocuments, type PlantedError } from './flow-json/documents';
import { flowTemplates } from './flow-json/templates';

export type JsonState = 'ok' | 'expired' | 'not-json' | 'huge' | 'none' | 'slow';
export type HealthLevel = 'AVAILABLE' | 'LIMITED' | 'BLOCKED';

export interface SimFlow {
  id: string;
  name: string;
  status: string;
  categories: string[];
  template: number;
  minified: boolean;
  errors: PlantedError[];
  /** Per-entity health; FLOW first. Only providers with health expose it. */
  health: { flow: HealthLevel; waba: HealthLevel; business: HealthLevel; app: HealthLevel } | null;
  json: JsonState;
  endpointUri: string | null;
  /** Exact payload to answer the details call with (the seeds' examples). */
  verbatimDetails?: unknown;
  /** A showcase flow's own document, instead of template `template`'s (errors are planted in it). */
  document?: object;
  /** Exact flow JSON text (the seed flow, whose error position is fixed by the seed). */
  verbatimJson?: string;
  /** Exact flow JSON link to hand out (a seed's own link, which does not expire). */
  verbatimJsonUrl?: string;
  /** Edits made to the flow JSON since the start (each rewords one screen title): ./evolution.ts. */
  jsonRevision?: number;
}

export interface SimChannel {
  channelId: string;
  label: string;
  flows: SimFlow[];
  byId: Map<string, SimFlow>;
}

const STATUSES = ['PUBLISHED', 'PUBLISHED', 'PUBLISHED', 'DRAFT', 'DRAFT', 'DEPRECATED', 'THROTTLED', 'BLOCKED'];
const SUBJECTS = ['Appointment booking', 'Loan application', 'Customer survey', 'Sign-up', 'Order tracking', 'Support request', 'Lead capture', 'Store locator', 'Feedback', 'Insurance claim', 'Table reservation', 'Newsletter opt-in'];
const PLACES = ['Berlin', 'Mumbai', 'São Paulo', 'Jakarta', 'London', 'Singapore', 'Chennai', 'Madrid', 'Nairobi', 'Manila'];

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rnd: () => number, items: readonly T[]): T {
  return items[Math.floor(rnd() * items.length)]!;
}

function generatedFlow(rnd: () => number, id: string, n: number, withHealth: boolean): SimFlow {
  const template = Math.floor(rnd() * flowTemplates.length);
  const status = pick(rnd, STATUSES);
  const errors: PlantedError[] = [];
  if (status === 'DRAFT' || rnd() < 0.15) {
    for (const make of ERROR_CATALOGUE) {
      const error = rnd() < 0.5 ? make(template) : null;
      if (error) errors.push(error);
    }
  }
  const level = (): HealthLevel => {
    const r = rnd();
    return r < 0.8 ? 'AVAILABLE' : r < 0.92 ? 'LIMITED' : 'BLOCKED';
  };
  const flowLevel: HealthLevel = status === 'BLOCKED' ? 'BLOCKED' : status === 'THROTTLED' ? 'LIMITED' : level();
  return {
    id,
    name: `${pick(rnd, SUBJECTS)} – ${pick(rnd, PLACES)} #${n}`,
    status,
    categories: [pick(rnd, KNOWN_CATEGORIES), ...(rnd() < 0.25 ? [pick(rnd, KNOWN_CATEGORIES)] : [])].filter((c, i, all) => all.indexOf(c) === i),
    template,
    minified: rnd() < 0.4,
    errors,
    health: withHealth ? { flow: flowLevel, waba: level(), business: 'AVAILABLE', app: level() } : null,
    json: 'ok',
    endpointUri: template === 1 ? 'https://flows.example.com/appointments' : null,
  };
}

/** Flows that show each state of the detail page in the demo. */
function showcaseFlows(prefix: string, withHealth: boolean): SimFlow[] {
  const base = { categories: ['OTHER'], template: 1, minified: false, errors: [], endpointUri: null, health: withHealth ? { flow: 'AVAILABLE', waba: 'AVAILABLE', business: 'AVAILABLE', app: 'AVAILABLE' } as const : null };
  return [
    { ...base, id: `${prefix}01`, name: 'Expired JSON link (demo)', status: 'PUBLISHED', json: 'expired' },
    { ...base, id: `${prefix}02`, name: 'Broken flow JSON (demo)', status: 'DRAFT', json: 'not-json' },
    { ...base, id: `${prefix}03`, name: 'Oversized flow JSON (demo)', status: 'DRAFT', json: 'huge' },
    { ...base, id: `${prefix}04`, name: 'No flow JSON (demo)', status: 'DRAFT', json: 'none' },
    { ...base, id: `${prefix}05`, name: '<img src=x onerror=alert(1)> (demo)', status: 'DRAFT', json: 'ok', template: 0, errors: [{ code: 'INVALID_PROPERTY_VALUE', type: 'FLOW_JSON_ERROR', message: '<script>alert("message")</script> is not a valid type', path: ['screens', 0, 'layout', 'children', 0, 'type'], value: '<b>bold</b>' }] },
    {
      ...base,
      id: `${prefix}06`,
      name: 'Non-ASCII labels with errors (demo)',
      status: 'DRAFT',
      json: 'ok',
      template: 2,
      minified: true,
      errors: [ERROR_CATALOGUE[0]!(2)!, ERROR_CATALOGUE[3]!(2)!],
    },
    {
      ...base,
      id: `${prefix}07`,
      name: 'Errors inside screen components (demo)',
      status: 'DRAFT',
      json: 'ok',
      template: 3, // its json version (7.1)
      document: showcaseDocuments.components.document,
      errors: showcaseDocuments.components.errors,
    },
    {
      ...base,
      id: `${prefix}08`,
      name: '100 screens (demo)',
      status: 'DRAFT',
      json: 'ok',
      minified: true,
      template: 3,
      document: showcaseDocuments.hundredScreens.document,
      errors: showcaseDocuments.hundredScreens.errors,
    },
  ];
}

function channel(channelId: string, label: string, flows: SimFlow[]): SimChannel {
  return { channelId, label, flows, byId: new Map(flows.map((f) => [f.id, f])) };
}

function generate(seed: number, count: number, idBase: bigint, withHealth: boolean): SimFlow[] {
  const rnd = random(seed);
  return Array.from({ length: count }, (_, i) => generatedFlow(rnd, String(idBase + BigInt(i * 7919)), i + 1, withHealth));
}

export interface WorldOptions {
  /** Generated flows in each simulated channel, besides the seeds and showcase flows. */
  flowsPerChannel?: number;
}

/** What a provider's simulator builds its world with (deterministic: the same seed gives the same flows). */
export interface WorldTools {
  flowsPerChannel: number;
  channel: typeof channel;
  /** `count` generated flows, ids counting up from `idBase`. */
  generate: typeof generate;
  /** One generated flow (seeds give it their own name, status and ids). */
  flow(seed: number, id: string, withHealth: boolean): SimFlow;
  /** Flows that show each state of the detail page in the demo; ids are `prefix` + 01…08. */
  showcase: typeof showcaseFlows;
  /** A second channel's size: a third of the first, at least 8. */
  smaller(count: number): number;
}

export function worldTools({ flowsPerChannel = 30 }: WorldOptions = {}): WorldTools {
  return {
    flowsPerChannel,
    channel,
    generate,
    flow: (seed, id, withHealth) => generatedFlow(random(seed), id, 0, withHealth),
    showcase: showcaseFlows,
    smaller: (count) => Math.max(8, Math.floor(count / 3)),
  };
}
