// What people type or paste as a host — `127.0.0.1:25565`, `http://nas.local:8080/`, `[::1]:25565`,
// `999.1.1.1` — read into a host and an optional port, or a specific reason it cannot be one,
// before anything is sent to a resolver. Pure (no node:, no DOM): the UI, CLI and engine share it.

export type HostInput =
  | { ok: true; host: string; family: 4 | 6 | 'name'; port: number | null }
  | { ok: false; message: string };

/** Ports implied by a pasted URL's scheme when it names none. */
const SCHEME_PORTS: Readonly<Record<string, number>> = { 'http:': 80, 'https:': 443, 'ws:': 80, 'wss:': 443, 'ftp:': 21 };

const fail = (message: string): HostInput => ({ ok: false, message });

/** Four decimal numbers 0–255. Shorthand forms (`1.2.3`, `0x7f.1`) are refused: nobody means them. */
function ipv4Problem(text: string): string | null {
  const parts = text.split('.');
  if (parts.length !== 4) return `'${text}' is not an IPv4 address: it needs four numbers separated by dots, like 192.168.1.20`;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return `'${text}' is not an IPv4 address: each of the four numbers must be 0 to 255`;
    // 010 is octal to some parsers and decimal to others; Node refuses it, so do we.
    if (/^0\d/.test(p)) return `'${text}' is not an IPv4 address: write the numbers without leading zeros`;
  }
  return null;
}

/** RFC 4291 text form: eight hex groups, one `::` at most, an IPv4 tail allowed; a `%zone` is kept. */
function isIpv6(addr: string): boolean {
  const halves = addr.split('::');
  if (halves.length > 2) return false;
  const groups = halves.map((h) => (h === '' ? [] : h.split(':')));
  const all = groups.flat();
  const last = all[all.length - 1];
  const tail = last !== undefined && last.includes('.') ? 2 : 0;
  if (tail && ipv4Problem(last!) !== null) return false;
  const hex = tail ? all.slice(0, -1) : all;
  if (!hex.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false;
  const count = hex.length + tail;
  return halves.length === 2 ? count <= 7 : count === 8;
}

function ipv6Problem(text: string): string | null {
  const [addr = '', zone] = text.split('%', 2);
  if (zone !== undefined && !/^[\w.-]{1,64}$/.test(zone)) return `'${text}' has an unusable interface name after %`;
  return isIpv6(addr) ? null : `'${text}' is not an IPv6 address`;
}

/** RFC 1123 names (underscores tolerated, as resolvers do); at most 253 characters. */
function nameProblem(text: string): string | null {
  if (text.length > 253) return 'a host name is at most 253 characters long';
  const labels = text.replace(/\.$/, '').split('.');
  for (const l of labels) {
    if (!/^[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$/.test(l)) {
      return `'${text}' is not a host name: use letters, digits and hyphens between dots, or an IP address`;
    }
  }
  // All-numeric dotted text is an IPv4 attempt, not a name.
  if (labels.every((l) => /^\d+$/.test(l))) return ipv4Problem(text);
  return null;
}

function portProblem(text: string): number | string {
  if (!/^\d{1,5}$/.test(text)) return `'${text}' is not a port number`;
  const n = Number(text);
  return n >= 1 && n <= 65535 ? n : `port ${n} is outside 1–65535`;
}

function classify(host: string, port: number | null): HostInput {
  if (host.includes(':')) {
    const problem = ipv6Problem(host);
    return problem ? fail(problem) : { ok: true, host, family: 6, port };
  }
  if (/^[\d.]+$/.test(host)) {
    const problem = ipv4Problem(host);
    return problem ? fail(problem) : { ok: true, host, family: 4, port };
  }
  const problem = nameProblem(host);
  return problem ? fail(problem) : { ok: true, host: host.replace(/\.$/, '').toLowerCase(), family: 'name', port };
}

function withPort(host: string, portText: string): HostInput {
  const port = portProblem(portText);
  return typeof port === 'string' ? fail(port) : classify(host, port);
}

/** Reads one host as typed or pasted. Never resolves anything. */
export function parseHostInput(input: string): HostInput {
  const text = input.trim();
  if (text === '') return fail('enter a host: an IP address like 192.168.1.20, or a name like nas.local');
  if (/\s/.test(text)) return fail(`'${text}' has a space in it: enter one host`);
  const scheme = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)/i.exec(text);
  if (scheme) {
    // The authority is read by hand: URL parsers "fix" hosts (`http://1.2.3` becomes 1.2.0.3).
    const authority = scheme[2]!.replace(/^.*@/, '');
    if (authority === '') return fail(`'${text}' names no host`);
    const read = hostAndPort(authority);
    if (!read.ok || read.port !== null) return read;
    return { ...read, port: SCHEME_PORTS[`${scheme[1]!.toLowerCase()}:`] ?? null };
  }
  return hostAndPort(text);
}

function hostAndPort(text: string): HostInput {
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(text);
  if (bracketed) return bracketed[2] === undefined ? classify(bracketed[1]!, null) : withPort(bracketed[1]!, bracketed[2]);
  const colons = text.split(':').length - 1;
  // One colon is host:port; more is a bare IPv6 address (its port, if any, needs brackets).
  if (colons === 1) {
    const [host = '', port = ''] = text.split(':');
    if (host === '') return fail(`'${text}' names no host before the colon`);
    return withPort(host, port);
  }
  return classify(text, null);
}
