/**
 * Which addresses a flow JSON download may connect to: public unicast ones only, checked on the
 * addresses a host name resolves to (safe-dispatcher.ts connects through this lookup).
 */
import dns from 'node:dns';
import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

export const ADDRESS_REFUSED_CODE = 'FLOW_JSON_ADDRESS_REFUSED';

/** Raised at connect time when a flow JSON host is, or resolves to, a non-public address. */
export class AddressRefusedError extends Error {
  readonly code = ADDRESS_REFUSED_CODE;
  constructor(
    readonly hostname: string,
    readonly address: string,
  ) {
    super(`Refused to connect to ${hostname}: ${address} is not a public unicast address.`);
    this.name = 'AddressRefusedError';
  }
}

/** The subset of dns.lookup the safe lookup needs; injectable for tests. */
export type Resolver = (
  hostname: string,
  options: dns.LookupAllOptions,
  callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

const systemResolver: Resolver = (hostname, options, callback) => dns.lookup(hostname, options, callback);
const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR('2000::/3');

/** True only for public unicast addresses; IPv4-mapped IPv6 is judged as the IPv4 it maps. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const ip = ipaddr.process(address);
  if (ip.range() !== 'unicast') return false;
  // ipaddr calls e.g. IPv4-compatible ::7f00:1 "unicast"; only 2000::/3 is globally routed.
  return ip.kind() === 'ipv4' || (ip as ipaddr.IPv6).match(GLOBAL_UNICAST_V6);
}

/** A net/tls `lookup` that resolves all addresses and fails unless every one is public. */
export function createSafeLookup(resolve: Resolver = systemResolver): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { family: options.family, hints: options.hints, all: true }, (err, addresses) => {
      if (err) return callback(err, '');
      const refused = addresses.find((a) => !isPublicAddress(a.address));
      const first = addresses[0];
      if (refused || !first) return callback(new AddressRefusedError(hostname, refused?.address ?? 'no address'), '');
      if (options.all) return callback(null, addresses);
      callback(null, first.address, first.family);
    });
  };
}
