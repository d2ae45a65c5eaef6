// Companion settings: safe defaults from DOMAIN.md, and the flag parser shared by companion/main.ts and the CLI.
import { parseArgs } from 'node:util';
import { parseCidrList, type Cidr } from './net-address';
import type { LogLevel } from './log';

export interface CompanionConfig {
  /** `::` = dual stack when the host has IPv6, else every IPv4 address. */
  host: string;
  httpPort: number;
  /** STUN and nothing else listens here. */
  udpPort: number;
  /** Second STUN port so one client socket can tell easy from hard NAT; 0 = off. */
  stunAltPort: number;
  trustProxy: Cidr[];
  allowTargets: Cidr[];
  checksPerMinute: number;
  checksPerHour: number;
  maxConcurrentProbes: number;
  /** Probes waiting for a slot beyond this are refused with 503 instead of queuing forever. */
  maxQueuedProbes: number;
  /** Checks in flight per destination address (DOMAIN.md: 1). */
  perDestinationInFlight: number;
  maxConnections: number;
  /** Open HTTP connections per source address; the rest are closed at accept (slow-loris). */
  maxConnectionsPerSource: number;
  /** Probes in flight (and waiting) per network (IPv4 address, IPv6 /48): its share of the capacity. */
  maxProbesPerNetwork: number;
  /** Sources the rate limiters remember; past it the least recently seen is forgotten (never a newcomer refused). */
  maxTrackedSources: number;
  stunBurst: number;
  stunPerSecond: number;
  whoamiBurst: number;
  whoamiPerSecond: number;
  logLevel: LogLevel;
}

export const DEFAULT_CONFIG: CompanionConfig = {
  host: '::',
  httpPort: 8080,
  udpPort: 3478,
  stunAltPort: 3479,
  trustProxy: [],
  allowTargets: [],
  checksPerMinute: 10,
  checksPerHour: 60,
  maxConcurrentProbes: 256,
  maxQueuedProbes: 1024,
  perDestinationInFlight: 1,
  maxConnections: 1024,
  maxConnectionsPerSource: 32,
  maxProbesPerNetwork: 32,
  maxTrackedSources: 200_000,
  stunBurst: 20,
  stunPerSecond: 10,
  whoamiBurst: 30,
  whoamiPerSecond: 2,
  logLevel: 'info',
};

export const COMPANION_USAGE =
  'port-doctor companion [--http-port 8080] [--udp-port 3478] [--trust-proxy CIDR…] [--allow-targets CIDR…] [options]';

export const COMPANION_HELP = [
  '  --host ADDR                 listen address (default :: = every address, IPv4 and IPv6)',
  '  --http-port N               HTTP API port (default 8080; 0 picks one)',
  '  --udp-port N                STUN port (default 3478; 0 picks one)',
  '  --stun-alt-port N           second STUN port for NAT mapping tests (default udp-port + 1; 0 = off)',
  '  --trust-proxy CIDR…         honour X-Forwarded-For only from these proxies',
  '  --allow-targets CIDR…       also connect back to callers in these special ranges (labs, LAN tests)',
  '  --checks-per-minute N       per IPv4 /32 or IPv6 /64, 2× per /56, 4× per /48 (default 10; 0 = unlimited, benchmarks only)',
  '  --checks-per-hour N         (default 60; 0 = unlimited)',
  '  --max-concurrent-probes N   probes in flight at once (default 256)',
  '  --max-queued-probes N       probes waiting for a slot (default 1024)',
  '  --per-destination N         checks in flight per caller address (default 1)',
  '  --max-connections N         open HTTP connections (default 1024)',
  '  --max-connections-per-source N  per IPv4 address or IPv6 /64 (default 32; an IPv6 /56 gets 2×, a /48 4×)',
  '  --max-probes-per-network N  probes in flight or waiting per IPv4 address or IPv6 /48 (default 32)',
  '  --max-tracked-sources N     sources the rate limits remember, least recently seen forgotten first (default 200000)',
  '  --stun-burst N / --stun-rate N  STUN token bucket per source (default 20 / 10 per second; at least 1:',
  '                              there is no way to switch STUN rate limiting off)',
  '  --log-level L               debug | info | warn | error (default info)',
].join('\n');

const LIST_FLAGS = new Set(['--trust-proxy', '--allow-targets']);

/** `--allow-targets A B --x` → `--allow-targets A --allow-targets B --x` (the companion takes no positionals). */
function expandLists(argv: readonly string[]): string[] {
  const out: string[] = [];
  let list: string | null = null;
  for (const arg of argv) {
    if (arg.startsWith('-')) {
      const [flag, inline] = arg.split('=', 2) as [string, string | undefined];
      list = LIST_FLAGS.has(flag) && inline === undefined ? flag : null;
      if (LIST_FLAGS.has(flag) && inline !== undefined) for (const v of inline.split(',')) out.push(flag, v);
      else if (list === null) out.push(arg);
      continue;
    }
    if (list === null) out.push(arg);
    else for (const v of arg.split(',').filter(Boolean)) out.push(list, v);
  }
  return out;
}

function int(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new RangeError(`--${name} must be a whole number between ${min} and ${max}, got '${value}'`);
  }
  return Number(value);
}

/** Parses companion flags; caller mistakes throw RangeError with a message naming the flag. */
export function parseCompanionArgs(argv: readonly string[]): CompanionConfig {
  let values;
  try {
    ({ values } = parseArgs({
      args: expandLists(argv),
      strict: true,
      allowPositionals: false,
      options: {
        host: { type: 'string' },
        'http-port': { type: 'string' },
        'udp-port': { type: 'string' },
        'stun-alt-port': { type: 'string' },
        'trust-proxy': { type: 'string', multiple: true },
        'allow-targets': { type: 'string', multiple: true },
        'checks-per-minute': { type: 'string' },
        'checks-per-hour': { type: 'string' },
        'max-concurrent-probes': { type: 'string' },
        'max-queued-probes': { type: 'string' },
        'per-destination': { type: 'string' },
        'max-connections': { type: 'string' },
        'max-connections-per-source': { type: 'string' },
        'max-probes-per-network': { type: 'string' },
        'max-tracked-sources': { type: 'string' },
        'stun-burst': { type: 'string' },
        'stun-rate': { type: 'string' },
        'log-level': { type: 'string' },
      },
    }));
  } catch (e) {
    throw new RangeError(e instanceof Error ? (e.message.split('\n')[0] ?? e.message) : String(e), { cause: e });
  }
  const d = DEFAULT_CONFIG;
  const udpPort = int('udp-port', values['udp-port'], 0, 65535) ?? d.udpPort;
  const level = values['log-level'] ?? d.logLevel;
  if (!['debug', 'info', 'warn', 'error'].includes(level)) throw new RangeError(`--log-level must be debug, info, warn or error`);
  return {
    host: values.host ?? d.host,
    httpPort: int('http-port', values['http-port'], 0, 65535) ?? d.httpPort,
    udpPort,
    stunAltPort: int('stun-alt-port', values['stun-alt-port'], 0, 65535) ?? (udpPort === 0 ? 0 : Math.min(65535, udpPort + 1)),
    trustProxy: parseCidrList(values['trust-proxy'] ?? [], '--trust-proxy'),
    allowTargets: parseCidrList(values['allow-targets'] ?? [], '--allow-targets'),
    checksPerMinute: int('checks-per-minute', values['checks-per-minute'], 0, 1_000_000) ?? d.checksPerMinute,
    checksPerHour: int('checks-per-hour', values['checks-per-hour'], 0, 1_000_000) ?? d.checksPerHour,
    maxConcurrentProbes: int('max-concurrent-probes', values['max-concurrent-probes'], 1, 65_536) ?? d.maxConcurrentProbes,
    maxQueuedProbes: int('max-queued-probes', values['max-queued-probes'], 0, 1_000_000) ?? d.maxQueuedProbes,
    perDestinationInFlight: int('per-destination', values['per-destination'], 1, 4096) ?? d.perDestinationInFlight,
    maxConnections: int('max-connections', values['max-connections'], 1, 1_000_000) ?? d.maxConnections,
    maxConnectionsPerSource: int('max-connections-per-source', values['max-connections-per-source'], 1, 1_000_000) ?? d.maxConnectionsPerSource,
    maxProbesPerNetwork: int('max-probes-per-network', values['max-probes-per-network'], 1, 65_536) ?? d.maxProbesPerNetwork,
    maxTrackedSources: int('max-tracked-sources', values['max-tracked-sources'], 1, 10_000_000) ?? d.maxTrackedSources,
    stunBurst: int('stun-burst', values['stun-burst'], 1, 1_000_000) ?? d.stunBurst,
    stunPerSecond: int('stun-rate', values['stun-rate'], 1, 1_000_000) ?? d.stunPerSecond,
    whoamiBurst: d.whoamiBurst,
    whoamiPerSecond: d.whoamiPerSecond,
    logLevel: level as LogLevel,
  };
}
