// The port registry other features import: IANA range, privilege, and what a port is usually for.
import { ianaService, type TransportProtocol } from './iana';
import { commonUse } from './overlay';
import { assertPort } from './numbers';

export type { TransportProtocol } from './iana';
export { ianaService } from './iana';
export { commonUse } from './overlay';
export { MAX_PORT, PORT_ZERO_MEANING } from './port-spec';
export { isPrivilegedPort, isValidPort, portCategory, type PortCategory } from './numbers';

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
