// The host-firewall reader: does this computer's own firewall let a new connection to a port in?
// Plain function with injected seams (command runner, platform), used by the CLI, the bridge and
// the diagnosis pipeline alike.
import { AppError } from '../../../shared/errors';
import type { FirewallAnswer, FirewallProtocol } from '../../../shared/network/firewall';
import { runCommand, type CommandRunner } from '../os/command';
import { toAnswer } from './answer';
import { readMacFirewall } from './darwin';
import { readLinuxFirewall } from './linux';
import { readWindowsFirewall } from './windows';

export interface HostFirewallQuery {
  port: number;
  protocol: FirewallProtocol;
  /** The program that will listen (Windows and macOS filter by program; Linux by port only). */
  program?: string | null | undefined;
  /** The interface connections arrive on (the default route's); unknown: both ways are evaluated. */
  interfaceName?: string | null | undefined;
  platform?: NodeJS.Platform;
  run?: CommandRunner;
  signal?: AbortSignal | undefined;
}

export async function readHostFirewall(q: HostFirewallQuery): Promise<FirewallAnswer> {
  const { port, protocol, program = null, interfaceName = null, platform = process.platform, run = runCommand, signal } = q;
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new RangeError(`port must be 1–65535, got ${port}`);
  if (protocol !== 'tcp' && protocol !== 'udp') throw new RangeError(`protocol must be tcp or udp, got ${String(protocol)}`);
  switch (platform) {
    case 'linux': {
      const read = await readLinuxFirewall({ packet: { family: 'ipv4', protocol, port, iif: interfaceName }, run, signal });
      if (program) read.caveats.push('Linux firewalls filter by port, not by program: the program does not change the answer.');
      return toAnswer({ port, protocol, program, ...read });
    }
    case 'darwin': {
      const r = await readMacFirewall({ program, run, signal });
      return { port, protocol, program, verdict: r.verdict, rules: r.rules, needsElevation: r.readers.some((x) => x.state === 'needs-elevation'), readers: r.readers, caveats: r.caveats };
    }
    case 'win32': {
      const r = await readWindowsFirewall({ port, protocol, program, run, signal });
      return { port, protocol, program, verdict: r.verdict, rules: r.rules, needsElevation: r.readers.some((x) => x.state === 'needs-elevation'), readers: r.readers, caveats: r.caveats };
    }
    default:
      throw new AppError('NOT_SUPPORTED', `reading the host firewall on ${platform}`);
  }
}
