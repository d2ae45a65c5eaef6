// The host firewall read once, answered for many ports: the Listeners page and `port-doctor
// listeners` ask about every exposed port per refresh, and running the ruleset readers (nft,
// iptables-save, PowerShell) once per port would cost a subprocess per row.
import { AppError } from '../../../shared/errors';
import type { FirewallAnswer, FirewallProtocol } from '../../../shared/network/firewall';
import { runCommand, type CommandRunner } from '../os/command';
import { toAnswer } from './answer';
import { evaluateMac, readMacReadings } from './darwin';
import { linuxOutcomes, readLinuxRules } from './linux';
import { readWindowsState, windowsAnswer } from './windows';

export interface FirewallSnapshot {
  /** What the rules read once do to a new IPv4 connection to port/protocol (for program, where that matters). */
  answer(port: number, protocol: FirewallProtocol, program?: string | null): FirewallAnswer;
}

export interface SnapshotQuery {
  /** The interface connections arrive on (the default route's); unknown: both ways are evaluated. */
  interfaceName?: string | null | undefined;
  /** Also ask ufw/firewalld whether they run (Linux): reader lines only, slow to start. */
  frontEnds?: boolean;
  platform?: NodeJS.Platform;
  run?: CommandRunner;
  signal?: AbortSignal | undefined;
}

export function checkFirewallQuestion(port: number, protocol: string): void {
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new RangeError(`port must be 1–65535, got ${port}`);
  if (protocol !== 'tcp' && protocol !== 'udp') throw new RangeError(`protocol must be tcp or udp, got ${String(protocol)}`);
}

export async function readFirewallSnapshot(q: SnapshotQuery = {}): Promise<FirewallSnapshot> {
  const { interfaceName = null, frontEnds = true, platform = process.platform, run = runCommand, signal } = q;
  switch (platform) {
    case 'linux': {
      const rules = await readLinuxRules({ run, signal, frontEnds });
      return {
        answer(port, protocol, program = null) {
          checkFirewallQuestion(port, protocol);
          const read = linuxOutcomes(rules, { family: 'ipv4', protocol, port, iif: interfaceName });
          if (program) read.caveats.push('Linux firewalls filter by port, not by program: the program does not change the answer.');
          return toAnswer({ port, protocol, program, ...read });
        },
      };
    }
    case 'darwin': {
      const readings = await readMacReadings({ run, signal });
      return {
        answer(port, protocol, program = null) {
          checkFirewallQuestion(port, protocol);
          const r = evaluateMac(readings, program);
          return { port, protocol, program, verdict: r.verdict, rules: r.rules, needsElevation: r.readers.some((x) => x.state === 'needs-elevation'), readers: r.readers, caveats: r.caveats };
        },
      };
    }
    case 'win32': {
      const reading = await readWindowsState({ run, signal });
      return {
        answer(port, protocol, program = null) {
          checkFirewallQuestion(port, protocol);
          const r = windowsAnswer(reading, { port, protocol, program });
          return { port, protocol, program, verdict: r.verdict, rules: r.rules, needsElevation: r.readers.some((x) => x.state === 'needs-elevation'), readers: r.readers, caveats: r.caveats };
        },
      };
    }
    default:
      throw new AppError('NOT_SUPPORTED', `reading the host firewall on ${platform}`);
  }
}

/**
 * How long one reading answers later questions. A list refresh asks once; auto-refresh every two
 * seconds would otherwise run the readers every two seconds. Rules change when the user changes
 * them: five seconds later the next refresh shows it.
 */
export const SNAPSHOT_TTL_MS = 5_000;

/** One reading shared by every caller within SNAPSHOT_TTL_MS (a reading in flight is shared too). */
export function snapshotCache<T>(read: () => Promise<T>, now: () => number = Date.now, ttlMs = SNAPSHOT_TTL_MS) {
  let held: { at: number; snapshot: Promise<T> } | null = null;
  return {
    get(): Promise<T> {
      const t = now();
      if (held === null || t - held.at >= ttlMs) {
        const snapshot = read();
        const entry = { at: t, snapshot };
        held = entry;
        // A failed reading is not kept: the next question reads again.
        snapshot.catch(() => {
          if (held === entry) held = null;
        });
      }
      return held.snapshot;
    },
  };
}

/** Answers port questions from one reading taken at the first question (an audit's many ports). */
export function oneReading(q: SnapshotQuery = {}): (port: number, protocol: FirewallProtocol, program?: string | null) => Promise<FirewallAnswer> {
  let snapshot: Promise<FirewallSnapshot> | null = null;
  return async (port, protocol, program = null) => {
    checkFirewallQuestion(port, protocol);
    snapshot ??= readFirewallSnapshot(q);
    return (await snapshot).answer(port, protocol, program);
  };
}
