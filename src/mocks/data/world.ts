/**
 * The simulated world behind the built-in simulator: accounts, channels and flows for each
 * provider, generated deterministically so every run (dev, unit tests, e2e, benchmarks) sees
 * the same data. The seeds' own examples are included verbatim.
 */
import { KNOWN_CATEGORIES } from '../../model/flow';
import { ERROR_CATALOGUE, type PlantedError } from './flow-json/documents';
import { flowTemplates } from './flow-json/templates';
import seedDetails from './seeds/8x8-flow-with-validation-errors.json';

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
  /** Exact flow JSON text (the seed flow, whose error position is fixed by the seed). */
  verbatimJson?: string;
}

export interface SimChannel {
  accountId: string;
  channelId: string;
  label: string;
  flows: SimFlow[];
  byId: Map<string, SimFlow>;
}

export interface SimWorld {
  eightByEight: SimChannel[];
  kaleyra: SimChannel[];
}

export const SIM_8X8_ACCOUNT = '5f3e2a1b-9c8d-4e7f-a6b5-c4d3e2f1a0b9';
export const SIM_KALEYRA_SID = 'HXAP16XXXXXX97IN';

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
  ];
}

/** The seed flow JSON: minified, with the value at line 1, columns 84–92, as in 8x8's example. */
export const SEED_8X8_FLOW_JSON =
  '{"version":"5.0","screens":[{"id":"ONE","layout":{"children":[{"children":[{"type":"Header","text":"Hello"}],"type":"Form","name":"form"}],"type":"SingleColumnLayout"},"title":"Welcome","terminal":true,"success":true,"data":{}}]}';

function channel(accountId: string, channelId: string, label: string, flows: SimFlow[]): SimChannel {
  return { accountId, channelId, label, flows, byId: new Map(flows.map((f) => [f.id, f])) };
}

function generate(seed: number, count: number, idBase: bigint, withHealth: boolean): SimFlow[] {
  const rnd = random(seed);
  return Array.from({ length: count }, (_, i) => generatedFlow(rnd, String(idBase + BigInt(i * 7919)), i + 1, withHealth));
}

export interface WorldOptions {
  /** Generated flows in each simulated channel, besides the seeds and showcase flows. */
  flowsPerChannel?: number;
}

export function createWorld({ flowsPerChannel = 30 }: WorldOptions = {}): SimWorld {
  const seedFlows: SimFlow[] = [
    {
      id: '822625023859371',
      name: 'Example flow',
      status: 'DRAFT',
      categories: ['OTHER'],
      template: 0,
      minified: true,
      errors: [],
      health: null,
      json: 'ok',
      endpointUri: null,
      verbatimJson: SEED_8X8_FLOW_JSON,
      verbatimDetails: seedDetails,
    },
    { ...generatedFlow(random(1), '1145805540595505', 0, false), name: 'Loan Collection', status: 'DRAFT' },
    { ...generatedFlow(random(2), '802610292468882', 0, false), name: '2025-10-08T15:17:51.241+08:00', status: 'PUBLISHED' },
  ];
  const kaleyraSeeds: SimFlow[] = [
    { ...generatedFlow(random(3), '1789XXXXXXXXXXXX', 0, true), name: 'Demo Flow Stage 6', status: 'DRAFT', categories: ['APPOINTMENT_BOOKING'], errors: [] },
    { ...generatedFlow(random(4), '612XXXXXXXXXXXX', 0, true), name: 'WA Business APP flow', status: 'PUBLISHED', errors: [], health: { flow: 'AVAILABLE', waba: 'AVAILABLE', business: 'AVAILABLE', app: 'AVAILABLE' } },
    { ...generatedFlow(random(5), '5500000000000001', 0, true), name: 'Lead capture', status: 'DRAFT', categories: ['LEAD_GENERATION'], errors: [], endpointUri: 'https://example.com', health: { flow: 'BLOCKED', waba: 'AVAILABLE', business: 'AVAILABLE', app: 'LIMITED' } },
  ];
  return {
    eightByEight: [
      channel(SIM_8X8_ACCOUNT, 'ec36a867-3dd4-e911-814a-02d85f55fce8', 'Retail support', [...seedFlows, ...showcaseFlows('90000000000', false), ...generate(11, flowsPerChannel, 1000000000000001n, false)]),
      channel(SIM_8X8_ACCOUNT, '4b1d9a0c-77e2-4c3b-9f61-2a5e8d0c1f7a', 'Collections', generate(12, Math.max(8, Math.floor(flowsPerChannel / 3)), 1100000000000001n, false)),
    ],
    kaleyra: [
      channel(SIM_KALEYRA_SID, '295XXXXXXXXXXXX', 'Kaleyra_ATU_STG', [...kaleyraSeeds, ...showcaseFlows('91000000000', true), ...generate(21, flowsPerChannel, 2000000000000001n, true)]),
      channel(SIM_KALEYRA_SID, '121289000000655', 'Kaleyra host', generate(22, Math.max(8, Math.floor(flowsPerChannel / 3)), 2100000000000001n, true)),
    ],
  };
}
