// Redaction for reports people paste in public: addresses that identify the household, MACs,
// the computer's and users' names and home folders become stable placeholders (the same value gets
// the same placeholder everywhere in one report); LAN addresses and ports stay, helpers need them.
import { addressKind } from '../network/address-kind';
import { ipv6Bytes } from '../protocol/stun';
import type { PlaceholderKind, Report } from './model';

/**
 * Accounts every system has: naming them tells a reader nothing about the person, and hiding
 * `root` would hide the most useful fact in a listeners table (who runs the server).
 */
const SYSTEM_USERS = new Set([
  'root', 'nobody', 'daemon', 'bin', 'sys', 'www-data', 'messagebus', 'avahi', 'polkitd', 'colord', 'rtkit',
  'system', 'local service', 'network service', 'dnsmasq', 'chrony', 'ntp', 'sshd', 'postgres', 'mysql', 'redis',
]);

function isSystemUser(name: string): boolean {
  const n = name.toLowerCase();
  return SYSTEM_USERS.has(n) || n.startsWith('systemd-') || n.startsWith('_') || n.startsWith('nt authority');
}

/** Letters for public addresses: A…Z, then AA, AB, … (stable in order of first appearance). */
function label(index: number): string {
  let s = '';
  let i = index;
  do {
    s = String.fromCharCode(65 + (i % 26)) + s;
    i = Math.floor(i / 26) - 1;
  } while (i >= 0);
  return s;
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A whole name, not part of a longer word or host name ("ann" must not hit "announce"). */
const tokenRe = (value: string): RegExp => new RegExp(`(?<![A-Za-z0-9_-])${escapeRe(value)}(?![A-Za-z0-9_-])`, 'gi');

const MAC_RE = /(?<![0-9A-Fa-f:-])([0-9A-Fa-f]{2})([:-])([0-9A-Fa-f]{2})\2([0-9A-Fa-f]{2})\2[0-9A-Fa-f]{2}\2[0-9A-Fa-f]{2}\2[0-9A-Fa-f]{2}(?![0-9A-Fa-f:-])/g;
const IPV4_RE = /(?<![0-9.])\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?![0-9]|\.\d)/g;
const IPV6_RE = /(?<![0-9A-Fa-f:])(?:[0-9A-Fa-f]{1,4}:){1,7}(?::|(?::[0-9A-Fa-f]{1,4}){1,7}|[0-9A-Fa-f]{1,4})(?![0-9A-Fa-f:])/g;
/** Home folders of any user on the three systems, to learn user names that appear only in paths. */
const HOME_RE = /(?:\/home\/|\/Users\/|[A-Za-z]:\\Users\\)([^/\\\s"'`|<>]+)/g;

/**
 * A LAN or link-local IPv6 address whose interface ID was made from the MAC (modified EUI-64,
 * RFC 4291 appendix A: the MAC's two halves around ff:fe, U/L bit flipped) gives the MAC away, so
 * its interface ID is redacted by the MAC's rule: the maker's prefix stays for a universal MAC,
 * nothing of a locally administered one. Null when the interface ID is not MAC-derived.
 */
function redactEui64(ip: string): string | null {
  const b = ipv6Bytes(ip);
  if (!b || b[11] !== 0xff || b[12] !== 0xfe) return null;
  const group = (i: number): string => ((b[2 * i]! << 8) | b[2 * i + 1]!).toString(16);
  const prefix = [0, 1, 2, 3].map(group);
  const head = prefix.slice(1).every((x) => x === '0') ? `${prefix[0]}::` : `${prefix.join(':')}:`;
  const hex2 = (n: number): string => n.toString(16).padStart(2, '0');
  // The MAC's first byte is the interface ID's with the U/L bit flipped back.
  const iid = (b[8]! ^ 0x02) & 0x02 ? 'xxxx:xxff:fexx:xxxx' : `${hex2(b[8]!)}${hex2(b[9]!)}:${hex2(b[10]!)}ff:fexx:xxxx`;
  return head + iid;
}

interface Replacer {
  readonly placeholders: { placeholder: string; kind: PlaceholderKind }[];
  apply(text: string): string;
}

function createReplacer(report: Report): Replacer {
  const placeholders: { placeholder: string; kind: PlaceholderKind }[] = [];
  const seen = new Map<string, string>();
  const note = (key: string, placeholder: string, kind: PlaceholderKind): string => {
    if (!seen.has(key)) {
      seen.set(key, placeholder);
      placeholders.push({ placeholder, kind });
    }
    return seen.get(key) as string;
  };

  const users: string[] = [];
  const addUser = (name: string | null | undefined) => {
    const n = name?.trim();
    if (n && !isSystemUser(n) && !users.some((u) => u.toLowerCase() === n.toLowerCase())) users.push(n);
  };
  addUser(report.computer.user);
  for (const row of report.listeners?.rows ?? []) addUser(row.user);
  const learnUsers = (v: unknown): void => {
    if (typeof v === 'string') for (const m of v.matchAll(HOME_RE)) addUser(m[1]);
    else if (Array.isArray(v)) v.forEach(learnUsers);
    else if (v && typeof v === 'object') Object.values(v).forEach(learnUsers);
  };
  learnUsers(report);
  // Longest first, so "anna-lee" is replaced before "anna".
  users.sort((a, b) => b.length - a.length);

  const home = report.computer.home && report.computer.home.length > 1 ? report.computer.home.replace(/[\\/]+$/, '') : null;
  const computer = report.computer.name.trim();
  let publicCount = 0;

  const apply = (input: string): string => {
    let text = input;
    if (home) text = text.split(home).join(note(`home:${home}`, '~', 'home'));
    if (computer) text = text.replace(tokenRe(computer), () => note(`computer:${computer.toLowerCase()}`, '[computer]', 'computer'));
    users.forEach((user) => {
      const key = `user:${user.toLowerCase()}`;
      text = text.replace(tokenRe(user), () => note(key, `[user-${users.indexOf(user) + 1}]`, 'user'));
    });
    // A universal MAC keeps its maker's prefix; a locally administered one (U/L bit set: a phone's
    // private Wi-Fi address, a VM) has no maker, and its first bytes are as random as the rest.
    text = text.replace(MAC_RE, (mac, a: string, sep: string, b: string, c: string) =>
      note(`mac:${mac.toLowerCase()}`, (Number.parseInt(a, 16) & 0x02 ? ['xx', 'xx', 'xx'] : [a, b, c]).concat('xx', 'xx', 'xx').join(sep).toLowerCase(), 'mac'),
    );
    text = text.replace(IPV4_RE, (ip) => {
      if (addressKind(ip) !== 'public') return ip;
      if (seen.has(`ip:${ip}`)) return seen.get(`ip:${ip}`) as string;
      return note(`ip:${ip}`, `${ip.split('.').slice(0, 3).join('.')}.x (${label(publicCount++)})`, 'public-address');
    });
    text = text.replace(IPV6_RE, (ip) => {
      if (addressKind(ip) !== 'public') {
        const masked = redactEui64(ip);
        return masked === null ? ip : note(`eui64:${ip.toLowerCase()}`, masked, 'mac');
      }
      const key = `ip:${ip.toLowerCase()}`;
      if (seen.has(key)) return seen.get(key) as string;
      const head = ip.toLowerCase().split(':').slice(0, 2).join(':');
      return note(key, `${head}:x:x:x:x:x:x (${label(publicCount++)})`, 'public-address');
    });
    return text;
  };
  return { placeholders, apply };
}

function mapStrings<T>(value: T, fn: (s: string) => string): T {
  if (typeof value === 'string') return fn(value) as T;
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, fn)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = mapStrings(v, fn);
    return out as T;
  }
  return value;
}

/**
 * The report with every private value replaced, in every string of every section (explanations
 * and fix steps quote addresses too). The placeholder list says what was hidden, never the value.
 */
export function redactReport(report: Report): Report {
  const replacer = createReplacer(report);
  const { redaction: _ignored, ...rest } = report;
  const redacted = mapStrings(rest, (s) => replacer.apply(s));
  return { ...redacted, redaction: { applied: true, placeholders: replacer.placeholders } };
}
