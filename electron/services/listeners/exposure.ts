// Who can reach a socket, from the address it is bound to.
import type { Exposure } from '../../../shared/channels/listeners';

/** Who can reach a socket bound to `address` (canonical text as os/ip-text.ts writes it). */
export function exposureOf(family: 4 | 6, address: string): Exposure {
  if (family === 4) {
    if (address === '0.0.0.0') return 'all';
    return address.startsWith('127.') ? 'loopback' : 'interface';
  }
  if (address === '::' || address === '::ffff:0.0.0.0') return 'all';
  if (address === '::1' || address.startsWith('::ffff:127.')) return 'loopback';
  return 'interface';
}
