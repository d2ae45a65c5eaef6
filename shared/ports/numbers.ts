// Port numbers without the registry: ranges and privilege. Kept apart from index.ts so code
// that only needs these (the web UI, the query parser) does not carry the 200 KB IANA table.
import { MAX_PORT } from './port-spec';

/** RFC 6335 ranges: 0–1023 well-known, 1024–49151 registered, 49152–65535 dynamic. */
export type PortCategory = 'well-known' | 'registered' | 'dynamic';

const FIRST_REGISTERED = 1024;
const FIRST_DYNAMIC = 49152;

export function isValidPort(port: number): boolean {
  return Number.isInteger(port) && port >= 0 && port <= MAX_PORT;
}

export function assertPort(port: number): void {
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
