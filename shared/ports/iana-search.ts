// Finds IANA registrations by name or description word ("postgresql", "rdp"), for the port
// reference's name search. Decodes the whole table once, on the first name search only: lookups by
// number (the listeners page, 12,500 times) keep using iana.ts's lazy index.
import { IANA_DATA } from './iana-data.generated';
import type { TransportProtocol } from './iana';

export interface IanaRecord {
  readonly port: number;
  readonly protocols: readonly TransportProtocol[];
  readonly name: string;
  readonly description: string;
}

let records: IanaRecord[] | undefined;

function decodeAll(): IanaRecord[] {
  const out: IanaRecord[] = [];
  let port = 0;
  for (const line of IANA_DATA.split('\n')) {
    const [delta = '0', flag, name = '', description] = line.split('\t');
    port += Number(delta);
    const protocols: TransportProtocol[] = flag === 'b' ? ['tcp', 'udp'] : flag === 'u' ? ['udp'] : ['tcp'];
    out.push({ port, protocols, name, description: description ?? name });
  }
  return out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Registrations whose name is the needle, has it as a dash-separated part ("raven-rdp"), or whose
 * description has it as a whole word ("Microsoft RDP for virtual machines"). Substrings inside a
 * word are not matches: "rdp" must not find "brdptc". Exact names first, then by port.
 */
export function findIanaByName(needle: string): IanaRecord[] {
  const n = needle.trim().toLowerCase();
  if (n === '') return [];
  records ??= decodeAll();
  const word = new RegExp(`(^|[^a-z0-9])${escapeRegExp(n)}($|[^a-z0-9])`, 'i');
  const exact: IanaRecord[] = [];
  const partial: IanaRecord[] = [];
  for (const r of records) {
    const name = r.name.toLowerCase();
    if (name === n) exact.push(r);
    else if (word.test(name) || word.test(r.description)) partial.push(r);
  }
  return [...exact, ...partial];
}
