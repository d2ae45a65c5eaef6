// The host-firewall reader: does this computer's own firewall let a new connection to a port in?
// Plain function with injected seams (command runner, platform), used by the CLI, the bridge and
// the diagnosis pipeline alike.
import type { FirewallAnswer, FirewallProtocol } from '../../../shared/network/firewall';
import { runCommand, type CommandRunner } from '../os/command';
import { checkFirewallQuestion, readFirewallSnapshot } from './snapshot';

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
  checkFirewallQuestion(port, protocol);
  return (await readFirewallSnapshot({ interfaceName, platform, run, signal })).answer(port, protocol, program);
}
