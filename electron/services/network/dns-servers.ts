// DNS servers on macOS (`scutil --dns`) and Windows (Get-DnsClientServerAddress as JSON); Linux
// reads resolv.conf (linux-lan.ts).
import { z } from 'zod';
import { describeOutcome, type CommandRunner } from '../os/command';

interface MacResolver {
  /** A resolver for one domain only (split DNS, a VPN's `corp.example`, mDNS's `local`). */
  domain: string | null;
  mdns: boolean;
  nameservers: string[];
}

/** Resolver blocks of one "DNS configuration" section, in the order macOS consults them. */
function macResolvers(section: string): MacResolver[] {
  return section
    .split(/^resolver #\d+\s*$/m)
    .slice(1)
    .map((block) => ({
      domain: /^\s*domain\s*:\s*(\S+)/m.exec(block)?.[1] ?? null,
      mdns: /^\s*options\s*:.*\bmdns\b/m.test(block),
      nameservers: [...block.matchAll(/^\s*nameserver\[\d+\]\s*:\s*(\S+)/gm)].map((m) => m[1]!),
    }));
}

/**
 * `scutil --dns`: the servers of the default resolvers (no `domain`: they answer every name), in
 * order, without duplicates. Domain-only resolvers (mDNS's `local` and reverse zones, a VPN's
 * supplemental domain) are skipped: they are not "this computer's DNS servers". The scoped section
 * repeats per-interface resolvers; it is read only when the main section has no default resolver.
 */
export function parseScutilDns(text: string): string[] {
  const [main = '', scoped = ''] = text.split(/^DNS configuration \(for scoped queries\)\s*$/m);
  const pick = (section: string) => macResolvers(section).filter((r) => r.domain === null && !r.mdns).flatMap((r) => r.nameservers);
  const servers = pick(main);
  return [...new Set(servers.length > 0 ? servers : pick(scoped))];
}

/** The script whose output parseWindowsDnsServers reads. */
export const WINDOWS_DNS_SCRIPT = [
  '[Console]::OutputEncoding = [Text.Encoding]::UTF8',
  '$d = @(Get-DnsClientServerAddress -ErrorAction SilentlyContinue | Select-Object InterfaceAlias,InterfaceIndex,AddressFamily,ServerAddresses)',
  'ConvertTo-Json -Compress -Depth 3 -InputObject $d',
].join('; ');

/** MSFT_DNSClientServerAddress.AddressFamily is a uint16: 2 (IPv4) or 23 (IPv6); names accepted too. */
const rowSchema = z.object({
  InterfaceAlias: z.string(),
  InterfaceIndex: z.number().int(),
  AddressFamily: z.union([z.literal(2), z.literal(23), z.literal('IPv4'), z.literal('IPv6')]),
  ServerAddresses: z.union([z.array(z.string()), z.string(), z.null()]),
});
/** ConvertTo-Json writes a lone element as an object and nothing as null; accept all three. */
const rowsSchema = z.union([z.array(rowSchema), rowSchema, z.null()]);

/**
 * Windows lists fec0:0:0:ffff::1–3 (deprecated site-local addresses, RFC 3879) on every interface
 * without an IPv6 DNS server of its own: placeholders, not servers anyone set.
 */
const WINDOWS_PLACEHOLDER = /^fec0:0:0:ffff::[123](%\d+)?$/i;

export class DnsOutputError extends Error {}

export interface WindowsDnsOptions {
  /** Interfaces that are up (os.networkInterfaces() names, which are Windows' aliases): others are skipped when any matches. */
  connected?: readonly string[];
  /** The default route's interface: its servers come first, as Windows asks them first. */
  preferred?: string | null;
}

/**
 * Get-DnsClientServerAddress rows → servers: the default route's interface first, IPv4 before IPv6,
 * without duplicates, placeholders or the loopback pseudo-interface. Throws DnsOutputError on text that is not the
 * script's JSON (an error page, a truncated answer).
 */
export function parseWindowsDnsServers(text: string, o: WindowsDnsOptions = {}): string[] {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new DnsOutputError(`Get-DnsClientServerAddress did not print JSON (${text.trim().split(/\r?\n/)[0]?.slice(0, 80) ?? ''})`);
  }
  const parsed = rowsSchema.safeParse(json);
  if (!parsed.success) throw new DnsOutputError(`Get-DnsClientServerAddress printed an unexpected shape (${parsed.error.issues[0]?.message ?? 'unknown'})`);
  const rows = (parsed.data === null ? [] : Array.isArray(parsed.data) ? parsed.data : [parsed.data]).filter((r) => !/^loopback pseudo-interface/i.test(r.InterfaceAlias));
  const up = rows.filter((r) => o.connected?.includes(r.InterfaceAlias));
  const chosen = up.length > 0 ? up : rows;
  const rank = (r: z.infer<typeof rowSchema>) => (r.InterfaceAlias === o.preferred ? 0 : 1) * 2 + (r.AddressFamily === 2 || r.AddressFamily === 'IPv4' ? 0 : 1);
  const ordered = chosen.map((r, i) => ({ r, i })).sort((a, b) => rank(a.r) - rank(b.r) || a.i - b.i);
  const servers = ordered.flatMap(({ r }) => (r.ServerAddresses === null ? [] : typeof r.ServerAddresses === 'string' ? [r.ServerAddresses] : r.ServerAddresses));
  return [...new Set(servers.map((s) => s.trim()).filter((s) => s !== '' && !WINDOWS_PLACEHOLDER.test(s)))];
}

/** scutil prints from configd's memory at once; PowerShell starts in 1–3 s cold on a busy Windows machine. */
const SCUTIL_TIMEOUT_MS = 5_000;
const POWERSHELL_TIMEOUT_MS = 10_000;

export type DnsFact = { servers: string[]; reason: string | null };

/** Runs the OS's tool; the text (or why there is none) for readDnsServers to parse once the default interface is known. */
export async function runDnsTool(platform: 'darwin' | 'win32', run: CommandRunner, signal: AbortSignal | undefined): Promise<string | Error> {
  const r =
    platform === 'darwin'
      ? await run({ file: 'scutil', args: ['--dns'], timeoutMs: SCUTIL_TIMEOUT_MS, signal })
      : await run({ file: 'powershell.exe', args: ['-NoProfile', '-NonInteractive', '-Command', WINDOWS_DNS_SCRIPT], timeoutMs: POWERSHELL_TIMEOUT_MS, signal });
  const file = platform === 'darwin' ? 'scutil' : 'powershell.exe';
  return r.kind === 'exited' && r.exitCode === 0 ? r.stdout : new Error(describeOutcome(r, file));
}

/** The DNS fact from the tool's text: servers, or the reason there are none. */
export function dnsFact(platform: 'darwin' | 'win32', text: string | Error, o: WindowsDnsOptions = {}): DnsFact {
  if (typeof text !== 'string') return { servers: [], reason: text.message };
  try {
    const servers = platform === 'darwin' ? parseScutilDns(text) : parseWindowsDnsServers(text, o);
    return { servers, reason: servers.length > 0 ? null : platform === 'darwin' ? 'scutil --dns names no default resolver (no network, or only mDNS)' : 'no connected interface has a DNS server' };
  } catch (e) {
    if (e instanceof DnsOutputError) return { servers: [], reason: e.message };
    throw e;
  }
}
