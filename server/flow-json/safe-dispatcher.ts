/**
 * The connection pool flow JSON downloads go through (undici's Agent): it connects only to public
 * addresses (public-address.ts), checked on the address it actually connects to. Loaded with the
 * first download (download.ts), not at start-up: undici is about 1 MB of code.
 */
import { isIP } from 'node:net';
import { Agent, buildConnector, fetch as undiciFetch } from 'undici';
import { isExtraHostOrigin } from './asset-url';
import { AddressRefusedError, createSafeLookup, isPublicAddress, type Resolver } from './public-address';

export interface SafeDispatcherOptions {
  extraHosts: string[];
  resolve?: Resolver;
  connectTimeoutMs?: number;
}

/**
 * An undici Agent that checks the address it actually connects to (so a DNS answer cannot be
 * swapped between a check and the connect). Operator-trusted extra hosts connect unchecked.
 */
export function createSafeDispatcher({ extraHosts, resolve, connectTimeoutMs = 10_000 }: SafeDispatcherOptions): Agent {
  const checked = buildConnector({ lookup: createSafeLookup(resolve), timeout: connectTimeoutMs });
  const trusted = buildConnector({ timeout: connectTimeoutMs });
  const connect: buildConnector.connector = (opts, callback) => {
    if (isExtraHostOrigin(opts.protocol, opts.hostname, opts.port, extraHosts)) return trusted(opts, callback);
    // Node skips `lookup` for IP literals, so check them here.
    if (isIP(opts.hostname) && !isPublicAddress(opts.hostname)) {
      return callback(new AddressRefusedError(opts.hostname, opts.hostname), null);
    }
    checked(opts, callback);
  };
  return new Agent({ connect });
}

const cache = new Map<string, Agent>();

/** One shared Agent per extraHosts list, so connections are pooled across downloads. */
export function getSafeDispatcher(extraHosts: string[]): Agent {
  const key = extraHosts.join(',');
  let agent = cache.get(key);
  if (!agent) {
    agent = createSafeDispatcher({ extraHosts });
    cache.set(key, agent);
  }
  return agent;
}

/**
 * fetch through the shared safe pool: undici's own fetch (not Node's bundled one), so the undici
 * dispatcher is honoured. Loaded by download.ts with the first download (a static import here, so
 * the bundle keeps undici's named exports: a dynamic import of the package gave only its default).
 */
export function safeFetch(extraHosts: string[]): typeof fetch {
  const dispatcher = getSafeDispatcher(extraHosts);
  return ((input: string, init: RequestInit) =>
    undiciFetch(input, { ...(init as Parameters<typeof undiciFetch>[1]), dispatcher })) as unknown as typeof fetch;
}
