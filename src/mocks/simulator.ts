/**
 * The built-in simulator: msw handlers on the providers' real hostnames, in their documented
 * wire formats. The proxy calls it through `simulator.fetch` (no global patching, so a provider
 * with a real key is never intercepted); unit tests can also mount the same handlers with
 * msw's setupServer.
 */
import { getResponse, HttpResponse, type RequestHandler } from 'msw';
import { createWorld, type SimWorld, type WorldOptions } from './data/world';
import { cdnHandlers } from './handlers/cdn';
import { eightByEightHandlers } from './handlers/eight-by-eight';
import { parseFaults, type Faults } from './handlers/faults';
import { kaleyraHandlers } from './handlers/kaleyra';

export interface SimulatorOptions extends WorldOptions {
  faults?: Faults | string;
}

export interface Simulator {
  world: SimWorld;
  handlers: RequestHandler[];
  fetch: typeof fetch;
}

export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const world = createWorld(options);
  const faults = typeof options.faults === 'string' ? parseFaults(options.faults) : (options.faults ?? {});
  const handlers = [...eightByEightHandlers(world, faults), ...kaleyraHandlers(world, faults), ...cdnHandlers(world, faults)];

  const simulatedFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const aborted = new Promise<never>((_, reject) => {
      const fail = () => reject(request.signal.reason ?? new DOMException('Aborted', 'AbortError'));
      if (request.signal.aborted) fail();
      request.signal.addEventListener('abort', fail, { once: true });
    });
    const response = await Promise.race([getResponse(handlers, request), aborted]);
    if (!response) return HttpResponse.json({ message: `The simulator has no route for ${request.method} ${request.url}` }, { status: 404 });
    // msw's network error (a refused connection) arrives as a Response of type "error".
    if (response.type === 'error') throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    return response;
  };
  return { world, handlers, fetch: simulatedFetch as typeof fetch };
}
