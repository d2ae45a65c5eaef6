// This computer's LAN address on the path to the internet, found without sending a packet.
import dgram from 'node:dgram';
import os from 'node:os';

/**
 * `connect()` on a UDP socket only asks the kernel for a route: no datagram leaves. The local
 * address it picks is the one friends' forwarded traffic must arrive at (the default route's
 * interface for a public destination), on every OS.
 */
export function sourceAddressTowards(host: string, port: number): Promise<string | null> {
  return new Promise((resolve) => {
    const family = host.includes(':') ? 'udp6' : 'udp4';
    const s = dgram.createSocket(family);
    const done = (v: string | null) => {
      s.close();
      resolve(v);
    };
    s.on('error', () => done(null));
    s.connect(port, host, () => {
      try {
        done(s.address().address);
      } catch {
        done(null);
      }
    });
  });
}

/** The interface holding an address, from the OS's interface list. */
export function interfaceOf(address: string, interfaces = os.networkInterfaces()): string | null {
  for (const [name, addrs] of Object.entries(interfaces)) if (addrs?.some((a) => a.address === address)) return name;
  return null;
}

/** A global unicast IPv6 address (2000::/3) on any interface. */
export function globalIpv6Address(interfaces = os.networkInterfaces()): string | null {
  for (const addrs of Object.values(interfaces)) {
    for (const a of addrs ?? []) if (a.family === 'IPv6' && !a.internal && /^[23][0-9a-f]{3}:/i.test(a.address)) return a.address;
  }
  return null;
}
