/**
 * Faults the simulator can inject, per provider or account and per operation, e.g.
 * `SIMULATOR_FAULTS="<provider>=503,<account>.detail=401,<provider>.json=slow"`.
 */
import { delay, HttpResponse } from 'msw';

export const FAULT_KINDS = ['400', '401', '404', '429', '429-no-retry-after', '500', '502', '503', 'timeout', 'refused', 'not-json', 'truncated', 'wrong-shape', 'slow'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
export type Operation = 'list' | 'detail' | 'assets' | 'json';
export type Faults = Record<string, FaultKind>;

export function parseFaults(spec: string | undefined): Faults {
  const faults: Faults = {};
  for (const part of (spec ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const [target, kind] = part.split('=');
    if (!target || !(FAULT_KINDS as readonly string[]).includes(kind ?? '')) {
      throw new Error(`SIMULATOR_FAULTS: "${part}" is not <provider or account>[.<operation>]=<${FAULT_KINDS.join('|')}>`);
    }
    faults[target] = kind as FaultKind;
  }
  return faults;
}

/** The fault for this operation: the account's own first, then its provider's. */
export function faultFor(faults: Faults, targets: readonly string[], operation: Operation): FaultKind | undefined {
  for (const target of targets) {
    const fault = faults[`${target}.${operation}`] ?? faults[target];
    if (fault) return fault;
  }
  return undefined;
}

/**
 * The response for an injected fault, or undefined for faults that shape a normal answer
 * (`slow` delays it, `wrong-shape` is answered by the caller).
 */
export async function faultResponse(kind: FaultKind, errorBody: (status: number) => unknown): Promise<Response | undefined> {
  switch (kind) {
    case 'timeout':
      await delay('infinite');
      return undefined;
    case 'slow':
      await delay(3000);
      return undefined;
    case 'refused':
      return HttpResponse.error();
    case 'not-json':
      return new HttpResponse('<html><body><h1>502 Bad Gateway</h1></body></html>', { status: 200, headers: { 'Content-Type': 'text/html' } });
    case 'truncated':
      return new HttpResponse('{"flows":[{"id":"1","name":"Trunc', { status: 200, headers: { 'Content-Type': 'application/json' } });
    case 'wrong-shape':
      return HttpResponse.json({ items: 'not what you expected' });
    case '429':
      return HttpResponse.json(errorBody(429) as object, { status: 429, headers: { 'Retry-After': '2' } });
    case '429-no-retry-after':
      return HttpResponse.json(errorBody(429) as object, { status: 429 });
    default: {
      const status = Number(kind);
      return HttpResponse.json(errorBody(status) as object, { status });
    }
  }
}
