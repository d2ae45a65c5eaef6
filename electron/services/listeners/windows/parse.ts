// Parsers for Windows socket tables: PowerShell JSON first, `netstat -ano` + `tasklist /fo csv`
// as the fallback. None of them reads a localized word: rows are told apart by shape only.
import { z } from 'zod';
import type { ListenerProtocol } from '../../../../shared/channels/listeners';
import { splitEndpoint } from '../darwin/lsof';

export interface WindowsSocket {
  protocol: ListenerProtocol;
  family: 4 | 6;
  address: string;
  port: number;
  pid: number;
}

export interface WindowsProcess {
  name: string;
  path: string | null;
}

/** ConvertTo-Json writes a lone element as an object, not a one-element array; accept both. */
const oneOrMany = <T extends z.ZodType>(item: T) =>
  z.union([z.array(item), item, z.null()]).transform((v): Array<z.output<T>> => (v === null ? [] : Array.isArray(v) ? v : [v]));

const endpointSchema = z.object({
  LocalAddress: z.string(),
  LocalPort: z.number().int().min(0).max(65535),
  OwningProcess: z.number().int().nonnegative(),
});

const processSchema = z.object({
  Id: z.number().int().nonnegative(),
  ProcessName: z.string(),
  Path: z.string().nullable().optional(),
});

export const powershellOutputSchema = z.object({
  tcp: oneOrMany(endpointSchema),
  udp: oneOrMany(endpointSchema),
  processes: oneOrMany(processSchema),
});

/** The script whose output parsePowershell reads; UTF-8 so non-ASCII paths survive. */
export const POWERSHELL_SCRIPT = [
  '[Console]::OutputEncoding = [Text.Encoding]::UTF8',
  '$t = @(Get-NetTCPConnection -State Listen -ErrorAction SilentlyContinue | Select-Object LocalAddress,LocalPort,OwningProcess)',
  '$u = @(Get-NetUDPEndpoint -ErrorAction SilentlyContinue | Select-Object LocalAddress,LocalPort,OwningProcess)',
  '$p = @(Get-Process | Select-Object Id,ProcessName,Path)',
  'ConvertTo-Json -Compress -Depth 3 -InputObject @{ tcp = $t; udp = $u; processes = $p }',
].join('; ');

export interface WindowsTables {
  sockets: WindowsSocket[];
  processes: Map<number, WindowsProcess>;
}

function familyOf(address: string): 4 | 6 {
  return address.includes(':') ? 6 : 4;
}

function stripZone(address: string): string {
  const zone = address.indexOf('%');
  return (zone >= 0 ? address.slice(0, zone) : address).toLowerCase();
}

/** Returns null when the text is not the JSON the script writes (then the caller falls back). */
export function parsePowershell(text: string): WindowsTables | null {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return null;
  }
  const parsed = powershellOutputSchema.safeParse(json);
  if (!parsed.success) return null;
  const sockets: WindowsSocket[] = [];
  for (const [protocol, list] of [['tcp', parsed.data.tcp], ['udp', parsed.data.udp]] as const) {
    for (const e of list) {
      const address = stripZone(e.LocalAddress);
      sockets.push({ protocol, family: familyOf(address), address, port: e.LocalPort, pid: e.OwningProcess });
    }
  }
  const processes = new Map<number, WindowsProcess>();
  for (const p of parsed.data.processes) processes.set(p.Id, { name: p.ProcessName, path: p.Path ?? null });
  return { sockets, processes };
}

/**
 * `netstat -ano` rows: `TCP local foreign <state> pid` and `UDP local foreign pid`. The state word
 * is localized (LISTENING, ABHÖREN, À L'ÉCOUTE…), so a TCP row counts as listening when its
 * foreign port is 0, which only listening sockets have; headers never start with TCP/UDP.
 */
export function parseNetstat(text: string): WindowsSocket[] {
  const out: WindowsSocket[] = [];
  for (const line of text.split(/\r?\n/)) {
    const f = line.trim().split(/\s+/);
    const proto = f[0];
    if (proto !== 'TCP' && proto !== 'UDP') continue;
    if (proto === 'TCP' ? f.length !== 5 : f.length !== 4) continue;
    const pidText = f[f.length - 1] ?? '';
    if (!/^\d{1,10}$/.test(pidText)) continue;
    const local = splitEndpoint(f[1] ?? '');
    if (!local) continue;
    if (proto === 'TCP') {
      const foreign = splitEndpoint(f[2] ?? '');
      if (!foreign || foreign.port !== 0) continue;
    }
    const address = stripZone(local.host === '*' ? '0.0.0.0' : local.host);
    out.push({ protocol: proto === 'TCP' ? 'tcp' : 'udp', family: familyOf(address), address, port: local.port, pid: Number(pidText) });
  }
  return out;
}

/** One CSV record → fields (RFC 4180 quoting as tasklist writes it). */
export function parseCsvLine(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = '';
      i++;
      while (i < line.length) {
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            value += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += line[i++];
      }
      fields.push(value);
      i++;
    } else {
      let comma = line.indexOf(',', i);
      if (comma < 0) comma = line.length;
      fields.push(line.slice(i, comma));
      i = comma + 1;
    }
  }
  return fields;
}

/** `tasklist /fo csv /nh`: image name, PID, then localized columns we do not need. */
export function parseTasklist(text: string): Map<number, WindowsProcess> {
  const processes = new Map<number, WindowsProcess>();
  for (const line of text.split(/\r?\n/)) {
    if (!line.startsWith('"')) continue;
    const [name, pidText] = parseCsvLine(line);
    if (name && pidText && /^\d{1,10}$/.test(pidText)) processes.set(Number(pidText), { name, path: null });
  }
  return processes;
}
