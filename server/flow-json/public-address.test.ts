// @vitest-environment node
import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { ADDRESS_REFUSED_CODE, AddressRefusedError, createSafeLookup, isPublicAddress, type Resolver } from './public-address';

function stubResolver(answers: Record<string, string[]>): Resolver {
  return (hostname, _options, callback) => {
    const addresses = answers[hostname];
    if (!addresses) {
      const err = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
      return callback(err, []);
    }
    callback(
      null,
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
    );
  };
}

type LookupOutcome = { err: NodeJS.ErrnoException | null; address: string | LookupAddress[]; family?: number };

function lookup(resolver: Resolver, hostname: string, all: boolean): Promise<LookupOutcome> {
  const safeLookup = createSafeLookup(resolver);
  return new Promise((resolve) => {
    safeLookup(hostname, { all }, (err, address, family) => resolve({ err, address, family }));
  });
}

const resolver = stubResolver({
  'loopback.test': ['127.0.0.1'],
  'private.test': ['10.0.0.1'],
  'metadata.test': ['169.254.169.254'],
  'mapped.test': ['::ffff:127.0.0.1'],
  'ipv6-loopback.test': ['::1'],
  'ula.test': ['fd00::1'],
  'cgnat.test': ['100.64.0.1'],
  'mixed.test': ['157.240.1.1', '192.168.0.10'],
  'empty.test': [],
  'mmg.whatsapp.net': ['157.240.1.53', '2a03:2880:f10c:83:face:b00c:0:167'],
});

describe('isPublicAddress', () => {
  it.each([
    '127.0.0.1', '10.0.0.1', '172.16.5.4', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0',
    '224.0.0.1', '255.255.255.255', '192.0.2.1', '::1', '::', 'fe80::1', 'fc00::1', 'fd00::1', 'ff02::1',
    '::ffff:127.0.0.1', '::ffff:10.0.0.1', '::ffff:169.254.169.254', '::7f00:1', '64:ff9b::a9fe:a9fe',
    '2002:7f00:1::', '2001:db8::1', 'not-an-ip',
  ])('refuses %s', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['157.240.1.53', '8.8.8.8', '::ffff:157.240.1.53', '2a03:2880:f10c:83:face:b00c:0:167'])('allows %s', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });
});

describe('createSafeLookup', () => {
  it.each([
    ['loopback.test', '127.0.0.1'],
    ['private.test', '10.0.0.1'],
    ['metadata.test', '169.254.169.254'],
    ['mapped.test', '::ffff:127.0.0.1'],
    ['ipv6-loopback.test', '::1'],
    ['ula.test', 'fd00::1'],
    ['cgnat.test', '100.64.0.1'],
    ['mixed.test', '192.168.0.10'],
  ])('refuses %s resolving to %s', async (hostname, address) => {
    for (const all of [true, false]) {
      const { err } = await lookup(resolver, hostname, all);
      expect(err).toBeInstanceOf(AddressRefusedError);
      expect(err).toMatchObject({ code: ADDRESS_REFUSED_CODE, hostname, address });
    }
  });

  it('refuses an empty answer', async () => {
    const { err } = await lookup(resolver, 'empty.test', true);
    expect(err).toMatchObject({ code: ADDRESS_REFUSED_CODE });
  });

  it('returns all public addresses when asked for all (autoSelectFamily)', async () => {
    const { err, address } = await lookup(resolver, 'mmg.whatsapp.net', true);
    expect(err).toBeNull();
    expect(address).toEqual([
      { address: '157.240.1.53', family: 4 },
      { address: '2a03:2880:f10c:83:face:b00c:0:167', family: 6 },
    ]);
  });

  it('returns the first public address otherwise', async () => {
    expect(await lookup(resolver, 'mmg.whatsapp.net', false)).toEqual({ err: null, address: '157.240.1.53', family: 4 });
  });

  it('passes resolver errors through', async () => {
    const { err } = await lookup(resolver, 'nxdomain.test', true);
    expect(err).toMatchObject({ code: 'ENOTFOUND' });
  });
});
