// Windows: the connections on one local TCP port, from `netstat -ano`; PowerShell's
// Get-NetTCPConnection when netstat cannot be run or printed no table.
//
// netstat first because the table is polled while the test runs: netstat answers in tens of
// milliseconds, while each PowerShell start costs 1–3 s of CPU on a desktop (a poll loop of those
// would keep a core busy). netstat's words are localized (ESTABLISHED, HERGESTELLT, ÉTABLIE…), so
// rows are told apart by shape: a remote port of 0 is a listener, the state is not read except
// that a word beginning SYN_ (SYN_SENT, SYN_RECEIVED; German SYN_GESENDET, SYN_EMPFANGEN) is a
// handshake still in progress.
import { z } from 'zod';
import { AppError } from '../../../../shared/errors';
import type { CommandRunner } from '../../os/command';
import { ConnectionTableFormatError, bareAddress, firstLineOf, tableText, type ConnectionTable, type TcpConnection } from '../connections';
import { splitEndpoint } from '../darwin/lsof';

export const NETSTAT_WINDOWS_ARGS = ['-ano'] as const;

/** netstat -ano lists every socket in some 50–300 ms: twice a second is cheap enough. */
const NETSTAT_POLL_MS = 500;
/** Each poll starts PowerShell (1–3 s of CPU): every 2 s keeps a short visit's TIME_WAIT (240 s) in view. */
const POWERSHELL_POLL_MS = 2_000;
/** netstat: past this it is hung and the next poll retries. PowerShell: a cold start on a busy machine. */
const NETSTAT_TIMEOUT_MS = 5_000;
const POWERSHELL_TIMEOUT_MS = 10_000;

/**
 * `TCP local foreign state… pid` (the state may be two words, À L'ÉCOUTE). Throws
 * ConnectionTableFormatError when no TCP or UDP row is in the text: the watched port is held, so
 * its listening row alone makes the table non-empty.
 */
export function parseWindowsNetstat(text: string, port: number): TcpConnection[] {
  const out: TcpConnection[] = [];
  let recognised = false;
  for (const line of text.split(/\r?\n/)) {
    const f = line.trim().split(/\s+/);
    if (f[0] !== 'TCP' && f[0] !== 'UDP') continue;
    if (!/^\d{1,10}$/.test(f[f.length - 1] ?? '')) continue;
    const local = splitEndpoint(f[1] ?? '');
    if (!local) continue;
    recognised = true;
    if (f[0] !== 'TCP' || f.length < 5 || local.port !== port) continue;
    const remote = splitEndpoint(f[2] ?? '');
    if (!remote || remote.port === 0 || f[3]!.toUpperCase().startsWith('SYN_')) continue;
    out.push({ remoteAddress: bareAddress(remote.host), remotePort: remote.port, localAddress: bareAddress(local.host) });
  }
  if (!recognised) throw new ConnectionTableFormatError('netstat', firstLineOf(text));
  return out;
}

/** The script whose output parsePowershellConnections reads; `port` is a checked integer. */
export function powershellConnectionsScript(port: number): string {
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new RangeError(`port must be 1–65535, got ${port}`);
  return [
    '[Console]::OutputEncoding = [Text.Encoding]::UTF8',
    // State as its name: ConvertTo-Json writes enums as numbers in Windows PowerShell 5.1.
    `$c = @(Get-NetTCPConnection -LocalPort ${port} -ErrorAction SilentlyContinue | Select-Object LocalAddress,LocalPort,RemoteAddress,RemotePort,@{Name='State';Expression={[string]$_.State}})`,
    'ConvertTo-Json -Compress -Depth 2 -InputObject $c',
  ].join('; ');
}

/** TcpState names of a connection a remote end completed, and their numbers (as 5.1 may write them). */
const CONNECTED_STATES = new Set<string | number>(['Established', 'FinWait1', 'FinWait2', 'CloseWait', 'Closing', 'LastAck', 'TimeWait', 5, 6, 7, 8, 9, 10, 11]);

const connectionSchema = z.object({
  LocalAddress: z.string(),
  LocalPort: z.number().int().min(0).max(65535),
  RemoteAddress: z.string(),
  RemotePort: z.number().int().min(0).max(65535),
  State: z.union([z.string(), z.number()]),
});
/** ConvertTo-Json writes a lone element as an object and nothing as null; accept all three. */
const connectionsSchema = z.union([z.array(connectionSchema), connectionSchema, z.null()]);

export function parsePowershellConnections(text: string, port: number): TcpConnection[] {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new ConnectionTableFormatError('powershell', `not JSON (${firstLineOf(text)})`);
  }
  const parsed = connectionsSchema.safeParse(json);
  if (!parsed.success) throw new ConnectionTableFormatError('powershell', `not a list of connections (${parsed.error.issues[0]?.message ?? 'unexpected shape'})`);
  const rows = parsed.data === null ? [] : Array.isArray(parsed.data) ? parsed.data : [parsed.data];
  return rows
    .filter((r) => r.LocalPort === port && r.RemotePort !== 0 && CONNECTED_STATES.has(r.State))
    .map((r) => ({ remoteAddress: bareAddress(r.RemoteAddress), remotePort: r.RemotePort, localAddress: bareAddress(r.LocalAddress) }));
}

/** Errors after which the other tool is worth a try (not a cancel, not a hang). */
function worthFallingBack(e: unknown): boolean {
  return e instanceof ConnectionTableFormatError || (e instanceof AppError && (e.code === 'COMMAND_FAILED' || e.code === 'PERMISSION_DENIED'));
}

export function windowsConnectionTable(run: CommandRunner): ConnectionTable {
  let source: ConnectionTable['source'] = 'netstat';
  const viaNetstat = async (port: number, signal: AbortSignal) =>
    parseWindowsNetstat(await tableText(run, { file: 'netstat', args: NETSTAT_WINDOWS_ARGS, timeoutMs: NETSTAT_TIMEOUT_MS, signal, encoding: 'latin1' }), port);
  const viaPowershell = async (port: number, signal: AbortSignal) =>
    parsePowershellConnections(
      await tableText(run, {
        file: 'powershell.exe',
        args: ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-Command', powershellConnectionsScript(port)],
        timeoutMs: POWERSHELL_TIMEOUT_MS,
        signal,
      }),
      port,
    );
  return {
    get source() {
      return source;
    },
    get pollMs() {
      return source === 'netstat' ? NETSTAT_POLL_MS : POWERSHELL_POLL_MS;
    },
    async read(port, signal) {
      if (source === 'powershell') return viaPowershell(port, signal);
      try {
        return await viaNetstat(port, signal);
      } catch (netstatError) {
        if (!worthFallingBack(netstatError)) throw netstatError;
        try {
          const rows = await viaPowershell(port, signal);
          source = 'powershell';
          return rows;
        } catch (psError) {
          if (!worthFallingBack(psError)) throw psError;
          throw new AppError('COMMAND_FAILED', `neither netstat nor PowerShell gave the connection table: ${messageOf(netstatError)}; ${messageOf(psError)}`, { cause: psError });
        }
      }
    },
  };
}

function messageOf(e: unknown): string {
  return e instanceof AppError ? (e.detail ?? e.message) : e instanceof Error ? e.message : String(e);
}
