/**
 * The built-in simulator of one account: msw handlers on its provider's real hostnames, in the
 * provider's documented wire format, over a deterministic world. The proxy calls it through
 * `simulator.fetch` (no global patching, so an account with real credentials is never
 * intercepted); tests can also mount the same handlers with msw's setupServer.
 */
import { getResponse, HttpResponse, type RequestHandler } from 'msw';
import { withStandInCredentials } from '../providers/credentials';
import type { AccountBase, Provider } from '../providers/types';
import { assetUrl } from './data/flow-assets';
import { evolution, type EvolutionOptions } from './data/evolution';
import { worldTools, type SimChannel, type WorldOptions } from './data/world';
import { cdnHandlers } from './handlers/cdn';
import { faultFor, parseFaults, type Faults, type Operation } from './handlers/faults';

export interface SimulatorOptions extends WorldOptions {
  /** The world changing over time (a demo flow every few minutes); off when absent. */
  evolution?: EvolutionOptions;
  faults?: Faults | string;
  /**
   * The credentials to insist on (the repo's fake upstream for keyed tests): a request signed
   * with anything else is answered 401. Without it, any credentials of the right kind pass.
   */
  expect?: AccountBase;
}

export interface Simulator {
  channels: SimChannel[];
  handlers: RequestHandler[];
  fetch: typeof fetch;
}

function headersOf(request: Request): Record<string, string> {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => (headers[name] = value));
  return headers;
}

export function createSimulator<A extends AccountBase>(provider: Provider<A>, account: A, options: SimulatorOptions = {}): Simulator {
  const { adapter, simulator } = provider;
  const channels = simulator.world(account, worldTools(options));
  const faults = typeof options.faults === 'string' ? parseFaults(options.faults) : (options.faults ?? {});
  // Faults named for the account come first, then those named for its provider.
  const fault = (operation: Operation) => faultFor(faults, [account.id, adapter.id], operation);
  const reference = withStandInCredentials(adapter, (options.expect as A | undefined) ?? account);

  const authorized = async (request: Request) => {
    if (simulator.checkCredentials) return simulator.checkCredentials(request, reference, Boolean(options.expect));
    const url = new URL(request.url);
    const wanted = await adapter.sign({ method: request.method, url, headers: {} }, reference);
    const got = headersOf(request);
    return Object.entries(wanted).every(([name, value]) => {
      const actual = got[name.toLowerCase()];
      return options.expect ? actual === value : Boolean(actual);
    });
  };

  const handlers = [
    ...simulator.handlers({ account, channels, fault, authorized, assetUrl: (channel, flow) => assetUrl(channel.channelId, flow) }),
    ...cdnHandlers(channels, fault('json')),
  ];

  const advance = evolution(channels, options.evolution ?? {});
  const simulatedFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    advance();
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
  return { channels, handlers, fetch: simulatedFetch as typeof fetch };
}
