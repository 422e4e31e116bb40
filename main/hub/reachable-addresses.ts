import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';

export interface ReachableAddress {
  address: string;
  family: 'IPv4' | 'IPv6';
  /** The interface's name (eth0, wlan0, en0), so a person can tell the office network from a VPN. */
  interfaceName: string;
}

/**
 * The addresses teammates on other machines can use to reach this one: every non-loopback address, IPv4
 * first (what people type and what most networks route), then global IPv6. Never 127.0.0.1 or 0.0.0.0, and
 * no link-local IPv6 (it needs a zone id no link can carry).
 */
export function reachableAddresses(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]> = networkInterfaces()): ReachableAddress[] {
  const out: ReachableAddress[] = [];
  for (const [interfaceName, infos] of Object.entries(interfaces)) {
    for (const info of infos ?? []) {
      if (info.internal) continue;
      const family = info.family === 'IPv6' ? 'IPv6' : 'IPv4';
      if (family === 'IPv4' && (info.address.startsWith('127.') || info.address === '0.0.0.0' || info.address.startsWith('169.254.')))
        continue;
      if (family === 'IPv6' && (/^fe[89ab]/i.test(info.address) || info.address === '::1' || info.address === '::')) continue;
      out.push({ address: info.address, family, interfaceName });
    }
  }
  return out.sort((a, b) => (a.family === b.family ? 0 : a.family === 'IPv4' ? -1 : 1));
}

/** A URL for a hub on `address`, with IPv6 in brackets. */
export function hubUrlAt(address: string, port: number, tls: boolean): string {
  return `${tls ? 'https' : 'http'}://${address.includes(':') ? `[${address}]` : address}:${port}`;
}

const ANY = new Set(['0.0.0.0', '::', '']);
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export const isLoopbackHost = (host: string): boolean => LOOPBACK.has(host) || host.startsWith('127.');
export const isAnyHost = (host: string): boolean => ANY.has(host);
