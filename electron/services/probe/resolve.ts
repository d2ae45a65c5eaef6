// Resolves the host once, so every probe of a run goes to one address and the report names it.
import dns from 'node:dns';
import net from 'node:net';
import { AppError } from '../../../shared/errors';
import { parseHostInput } from '../../../shared/host-input';

export interface ResolvedHost {
  address: string;
  family: 4 | 6;
}

export type Lookup = (host: string) => Promise<ResolvedHost>;

const NOT_FOUND = new Set(['ENOTFOUND', 'EAI_NONAME', 'EAI_AGAIN', 'ENODATA', 'EAI_FAIL']);

export const systemLookup: Lookup = async (host) => {
  const r = await dns.promises.lookup(host, { verbatim: true });
  return { address: r.address, family: r.family === 6 ? 6 : 4 };
};

export async function resolveHost(host: string, lookup: Lookup = systemLookup): Promise<ResolvedHost> {
  // Impossible addresses (999.1.1.1) and blank text never reach a resolver, which would take them
  // for names and answer "not found" after a network round trip.
  const read = parseHostInput(host);
  if (!read.ok) throw new AppError('INVALID_INPUT', read.message);
  if (read.port !== null) throw new AppError('INVALID_INPUT', `'${host.trim()}' carries a port: give the host alone and the port separately`);
  const bare = read.host;
  const kind = net.isIP(bare);
  if (kind === 4 || kind === 6) return { address: bare, family: kind };
  try {
    return await lookup(bare);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? '';
    // Any lookup failure leaves the user with the same fix: check the name or use an address.
    throw new AppError('HOST_NOT_FOUND', NOT_FOUND.has(code) ? bare : `${bare} (${code || 'lookup failed'})`, { cause: e });
  }
}
