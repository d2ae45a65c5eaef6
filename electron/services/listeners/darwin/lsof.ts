// Parser for `lsof -F` field output (macOS): process sets (p…) followed by file sets (f…).
import type { ListenerProtocol } from '../../../../shared/channels/listeners';

export interface LsofSocket {
  pid: number;
  /** Command name (`c`; full with `+c 0`). */
  process: string | null;
  /** Login name (`L`), else null. */
  user: string | null;
  protocol: ListenerProtocol;
  family: 4 | 6;
  address: string;
  port: number;
}

interface Pending {
  type: string | null;
  protocol: string | null;
  name: string | null;
}

/**
 * Parses NL-terminated `-F pcLftPn` output. Lines of other field letters are ignored (lsof may
 * add some); connected sockets (`->` in the name) and unbound ones (`*:*`) are left out.
 */
export function parseLsof(text: string): LsofSocket[] {
  const out: LsofSocket[] = [];
  let pid = -1;
  let process: string | null = null;
  let user: string | null = null;
  let file: Pending | null = null;

  const flush = (): void => {
    if (file && pid >= 0) {
      const socket = toSocket(file, pid, process, user);
      if (socket) out.push(socket);
    }
    file = null;
  };

  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.length === 0) continue;
    const value = line.slice(1);
    switch (line[0]) {
      case 'p':
        flush();
        pid = /^\d{1,10}$/.test(value) ? Number(value) : -1;
        process = null;
        user = null;
        break;
      case 'c':
        process = value;
        break;
      case 'L':
        user = value;
        break;
      case 'f':
        flush();
        file = { type: null, protocol: null, name: null };
        break;
      case 't':
        if (file) file.type = value;
        break;
      case 'P':
        if (file) file.protocol = value;
        break;
      case 'n':
        if (file) file.name = value;
        break;
      default:
        break;
    }
  }
  flush();
  return out;
}

function toSocket(file: Pending, pid: number, process: string | null, user: string | null): LsofSocket | null {
  const protocol = file.protocol === 'TCP' ? 'tcp' : file.protocol === 'UDP' ? 'udp' : null;
  const family = file.type === 'IPv4' ? 4 : file.type === 'IPv6' ? 6 : null;
  if (!protocol || !family || !file.name || file.name.includes('->')) return null;
  const endpoint = splitEndpoint(file.name);
  if (!endpoint) return null;
  const address = endpoint.host === '*' ? (family === 4 ? '0.0.0.0' : '::') : endpoint.host.toLowerCase();
  return { pid, process, user, protocol, family, address, port: endpoint.port };
}

/** `host:port`, `[v6]:port`, `[v6%zone]:port`, `*:port` → parts; zone dropped; null if no port. */
export function splitEndpoint(name: string): { host: string; port: number } | null {
  const colon = name.lastIndexOf(':');
  if (colon <= 0) return null;
  const portText = name.slice(colon + 1);
  if (!/^\d{1,5}$/.test(portText)) return null;
  const port = Number(portText);
  if (port > 65535) return null;
  let host = name.slice(0, colon);
  if (host.startsWith('[')) {
    if (!host.endsWith(']')) return null;
    host = host.slice(1, -1);
  }
  const zone = host.indexOf('%');
  if (zone >= 0) host = host.slice(0, zone);
  return host.length > 0 ? { host, port } : null;
}

/** `ps -ww -o pid= -o command= -p …` lines → pid → command line. */
export function parsePsCommands(text: string): Map<number, string> {
  const commands = new Map<number, string>();
  for (const line of text.split('\n')) {
    const m = /^\s*(\d{1,10})\s+(.*?)\s*$/.exec(line);
    if (m && m[2]) commands.set(Number(m[1]), m[2]);
  }
  return commands;
}
