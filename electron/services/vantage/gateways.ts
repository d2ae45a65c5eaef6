// The default gateways (IPv4) of this computer: a router that loops traffic back shows up as one of them.
import { readFile } from 'node:fs/promises';
import os from 'node:os';

export type ReadGateways = () => Promise<string[]>;

/**
 * `/proc/net/route`: tab-separated, Destination and Gateway as 8 hex digits in host byte order;
 * a default route has destination 0. Lines that do not have that shape are skipped.
 */
export function parseProcRoute(text: string, littleEndian: boolean): string[] {
  const out = new Set<string>();
  for (const line of text.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    const dest = f[1];
    const gw = f[2];
    if (!dest || !gw || !/^[0-9A-Fa-f]{8}$/.test(dest) || !/^[0-9A-Fa-f]{8}$/.test(gw)) continue;
    if (parseInt(dest, 16) !== 0 || parseInt(gw, 16) === 0) continue;
    const n = parseInt(gw, 16);
    const bytes = [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
    out.add((littleEndian ? bytes.reverse() : bytes).join('.'));
  }
  return [...out];
}

/** Linux reads the kernel's table; elsewhere none are known (then hairpin shows only via the public link). */
export const readGateways: ReadGateways = async () => {
  if (process.platform !== 'linux') return [];
  try {
    return parseProcRoute(await readFile('/proc/net/route', 'latin1'), os.endianness() === 'LE');
  } catch (e) {
    if (e instanceof Error && 'code' in e && (e.code === 'ENOENT' || e.code === 'EACCES')) return [];
    throw e;
  }
};
