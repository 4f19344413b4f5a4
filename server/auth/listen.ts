/**
 * Listening on the addresses the mode allows: loopback only (127.0.0.1 and ::1) without sign-in,
 * `HOST` when set, every interface otherwise. One port for all (with port 0, the first one's).
 */
import type { AddressInfo } from 'node:net';
import { createAdaptorServer, type ServerType } from '@hono/node-server';

type FetchHandler = Parameters<typeof createAdaptorServer>[0]['fetch'];

export interface Listening {
  servers: ServerType[];
  addresses: AddressInfo[];
  /** Addresses that could not be used and were skipped (IPv6 missing on this machine), with why. */
  skipped: string[];
  close(): Promise<void>;
}

const UNAVAILABLE = new Set(['EADDRNOTAVAIL', 'EAFNOSUPPORT']);

function listenOne(fetch: FetchHandler, port: number, host: string): Promise<ServerType> {
  const server = createAdaptorServer({ fetch });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

export async function listenAll(fetch: FetchHandler, port: number, hosts: readonly string[]): Promise<Listening> {
  const servers: ServerType[] = [];
  const skipped: string[] = [];
  let chosen = port;
  for (const host of hosts) {
    try {
      const server = await listenOne(fetch, chosen, host);
      servers.push(server);
      chosen = (server.address() as AddressInfo).port;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      // A machine without IPv6 still serves on the rest; `::` falls back to every IPv4 interface.
      if (!UNAVAILABLE.has(code)) {
        await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
        throw error;
      }
      skipped.push(`${host} (${code})`);
      if (host === '::' && !hosts.includes('0.0.0.0')) {
        const server = await listenOne(fetch, chosen, '0.0.0.0');
        servers.push(server);
        chosen = (server.address() as AddressInfo).port;
      }
    }
  }
  if (servers.length === 0) throw new Error(`Flow Desk could not listen on ${hosts.join(' or ')}: ${skipped.join(', ')}.`);
  return {
    servers,
    addresses: servers.map((s) => s.address() as AddressInfo),
    skipped,
    close: async () => {
      await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    },
  };
}

/** `http://127.0.0.1:8080`, `http://[::1]:8080`. */
export const addressUrl = (a: AddressInfo) => `http://${a.family === 'IPv6' || a.address.includes(':') ? `[${a.address}]` : a.address}:${a.port}`;
