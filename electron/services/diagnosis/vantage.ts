// Which companion and STUN servers a diagnosis uses: explicit, else the environment, else defaults.
import { companionUrl, stunServers } from '../companion-client/config';

export interface Vantage {
  companion: string | null;
  stunServers: string[];
}

/**
 * A companion is optional for a diagnosis (outside checks are then 'not-checked'), but a bad one
 * named by the caller is a mistake (TypeError). STUN: explicit; else, with a companion, none here
 * (the pipeline asks the STUN ports the companion announces); else PD_STUN_SERVERS, else the public
 * defaults (real use only; tests always pass one).
 */
export function resolveVantage(companionArg: string | undefined, stunArg: readonly string[] | undefined, env: NodeJS.ProcessEnv = process.env): Vantage {
  const named = companionArg ?? env.PD_COMPANION_URL;
  const url = named === undefined || named.trim() === '' ? null : companionUrl(named, env);
  const servers = stunArg && stunArg.length > 0 ? stunServers(stunArg, env) : url ? [] : stunServers(undefined, env);
  return {
    companion: url ? url.href : null,
    stunServers: servers.slice(0, 3).map((s) => (s.host.includes(':') ? `[${s.host}]:${s.port}` : `${s.host}:${s.port}`)),
  };
}
