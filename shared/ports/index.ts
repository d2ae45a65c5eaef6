// The port registry other features import: IANA range, privilege, and what a port is usually for.
import { ianaService, type TransportProtocol } from './iana';
import { commonUse } from './overlay';
import { MAX_PORT } from './port-spec';

export type { TransportProtocol } from './iana';
export { ianaService } from './iana';
export { commonUse } from './overlay';
export { MAX_PORT, PORT_ZERO_MEANING } from './port-spec';

/** RFC 6335 ranges: 0–1023 well-known, 1024–49151 registered, 49152–65535 dynamic. */
export type PortCategory = 'well-known' | 'registered' | 'dynamic';

const FIRST_REGISTERED = 1024;
const FIRST_DYNAMIC = 49152;

export function isValidPort(port: number): boolean {
  return Number.isInteger(port) && port >= 0 && port <= MAX_PORT;
}

function assertPort(port: number): void {
  if (!isValidPort(port)) throw new RangeError(`not a port number: ${port}`);
}

export function portCategory(port: number): PortCategory {
  assertPort(port);
  return port < FIRST_REGISTERED ? 'well-known' : port < FIRST_DYNAMIC ? 'registered' : 'dynamic';
}

/**
 * Binding needs root / CAP_NET_BIND_SERVICE on Linux and macOS below 1024 (Linux's default
 * net.ipv4.ip_unprivileged_port_start); Windows restricts no port. Port 0 means "any free port".
 */
export function isPrivilegedPort(port: number, platform: 'linux' | 'darwin' | 'win32' | 'other'): boolean {
  assertPort(port);
  return platform !== 'win32' && port > 0 && port < FIRST_REGISTERED;
}

export interface ServiceInfo {
  /** Short name: the curated one when we have it (e.g. `minecraft`), else IANA's (e.g. `ssh`). */
  readonly name: string;
  readonly description: string;
  /** Where the name comes from: IANA's registry, or Port Doctor's list of common home uses. */
  readonly source: 'iana' | 'common-use';
  /**
   * IANA's name when the curated one replaced it (2458/udp is "griffin" to IANA, Valheim at home):
   * shown second, so a user who looks the port up elsewhere is not confused.
   */
  readonly ianaName: string | null;
}

/** What port/protocol is usually for, or null when neither IANA nor our list knows it. */
export function serviceFor(port: number, protocol: TransportProtocol): ServiceInfo | null {
  assertPort(port);
  const common = commonUse(port, protocol);
  const iana = ianaService(port, protocol);
  if (common) {
    const ianaName = iana && iana.name !== common.name ? iana.name : null;
    const description = ianaName ? `${common.description}. IANA registers “${ianaName}” on this port` : common.description;
    return { name: common.name, description, source: 'common-use', ianaName };
  }
  // IANA-only names are registrations, often of long-gone products: say so rather than imply use.
  return iana ? { name: iana.name, description: `Registered with IANA as “${iana.description}”`, source: 'iana', ianaName: null } : null;
}
