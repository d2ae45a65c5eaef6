// The interface connections from the network arrive on: the IPv4 default route's (Linux /proc).
import { readFile } from 'node:fs/promises';
import { parseProcNetRoute } from './linux-routes';

export async function defaultRouteInterface(platform: NodeJS.Platform = process.platform): Promise<string | null> {
  if (platform !== 'linux') return null;
  try {
    return parseProcNetRoute(await readFile('/proc/net/route', 'utf8'))[0]?.interfaceName ?? null;
  } catch {
    // Without /proc (some containers), rules naming an interface are evaluated both ways; the answer says so.
    return null;
  }
}
