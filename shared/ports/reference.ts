// The port reference, as pure data: for a parsed question and this computer's sockets, one entry per
// port and protocol with everything Port Doctor knows about it. Rendering is the caller's.
import type { Listener } from '../channels/listeners';
import type { BindRights, GameUse, PortEntry, PortsLookupResponse } from '../channels/ports';
import { GAME_PRESETS, presetTargets, searchPresets } from '../presets/index';
import { ianaService, type TransportProtocol } from './iana';
import { findIanaByName } from './iana-search';
import { portCategory } from './numbers';
import { commonUse, findCommonUseByName } from './overlay';
import type { PortQuery } from './query';
import { PORT_RISKS, riskFor } from './risk';

/** A name search lists this many port/protocol pairs at most; "sql" would otherwise list hundreds. */
export const MAX_NAME_RESULTS = 40;
/** Linux's default net.ipv4.ip_local_port_range. */
const LINUX_EPHEMERAL = { from: 32768, to: 60999 } as const;
const PROTOCOLS: readonly TransportProtocol[] = ['tcp', 'udp'];

// Keyed by port * 2 + (udp ? 1 : 0), built on the first lookup.
let gameIndex: Map<number, GameUse[]> | undefined;

function gamesOn(port: number, protocol: TransportProtocol): GameUse[] {
  if (!gameIndex) {
    gameIndex = new Map();
    for (const preset of GAME_PRESETS) {
      for (const t of presetTargets(preset)) {
        const key = t.port * 2 + (t.protocol === 'udp' ? 1 : 0);
        const list = gameIndex.get(key) ?? [];
        list.push({ id: preset.id, name: preset.name, label: t.label, needed: t.needed });
        gameIndex.set(key, list);
      }
    }
  }
  return gameIndex.get(port * 2 + (protocol === 'udp' ? 1 : 0)) ?? [];
}

export type ListeningInput = { state: 'yes'; collectedAt: string; rows: readonly Listener[] } | { state: 'not-checked'; reason: string };

/**
 * Below 1024 Linux needs root or CAP_NET_BIND_SERVICE (net.ipv4.ip_unprivileged_port_start, 1024
 * by default); macOS since 10.14 lets any user bind the wildcard address but still wants root for
 * one address; Windows restricts no port. Port 0 asks the OS for any free port.
 */
export function bindRights(port: number): BindRights {
  const low = port > 0 && port < 1024;
  return { linux: low ? 'admin' : 'anyone', darwin: low ? 'wildcard-only' : 'anyone', win32: 'anyone' };
}

function entry(port: number, protocol: TransportProtocol, listening: ListeningInput): PortEntry {
  const risk = riskFor(port, protocol);
  const rows = listening.state === 'yes' ? listening.rows.filter((r) => r.port === port && r.protocol === protocol) : [];
  return {
    port,
    protocol,
    category: portCategory(port),
    linuxEphemeral: port >= LINUX_EPHEMERAL.from && port <= LINUX_EPHEMERAL.to,
    iana: ianaService(port, protocol),
    commonUse: commonUse(port, protocol),
    games: gamesOn(port, protocol),
    bindRights: bindRights(port),
    risk: risk && { id: risk.id, label: risk.label, kind: risk.kind, risk: risk.risk, fix: risk.fix, sources: [...risk.sources] },
    listeningNow: rows.map((r) => ({ family: r.family, address: r.address, exposure: r.exposure, pid: r.pid, process: r.process })),
  };
}

function hasSomethingToSay(e: PortEntry): boolean {
  return e.iana !== null || e.commonUse !== null || e.games.length > 0 || e.risk !== null || e.listeningNow.length > 0;
}

function understood(q: PortQuery): string {
  switch (q.kind) {
    case 'port':
      return q.protocol ? `${q.port}/${q.protocol}` : String(q.port);
    case 'range':
      return `${q.from}-${q.to}${q.protocol ? `/${q.protocol}` : ''}`;
    case 'name':
      return q.name;
  }
}

/** Port/protocol pairs a name stands for: games, curated uses and risk labels first, then IANA. */
function namePairs(name: string): Array<[number, TransportProtocol]> {
  const pairs: Array<[number, TransportProtocol]> = [];
  for (const preset of searchPresets(name)) {
    if (preset.id === 'custom') continue;
    for (const t of presetTargets(preset)) pairs.push([t.port, t.protocol]);
  }
  for (const hit of findCommonUseByName(name)) {
    for (let p = hit.from; p <= hit.to; p++) for (const proto of hit.protocols) pairs.push([p, proto]);
  }
  for (const r of PORT_RISKS) {
    if (!r.aliases.includes(name) && !r.label.toLowerCase().includes(name)) continue;
    for (const p of r.ports) for (const proto of r.protocols) pairs.push([p, proto]);
  }
  for (const r of findIanaByName(name)) for (const proto of r.protocols) pairs.push([r.port, proto]);
  return pairs;
}

export function lookupPorts(query: PortQuery, listening: ListeningInput): PortsLookupResponse {
  const base = {
    understood: understood(query),
    kind: query.kind,
    listening: listening.state === 'yes' ? { state: 'yes' as const, collectedAt: listening.collectedAt } : { state: 'not-checked' as const, reason: listening.reason },
  };
  const protocols = query.kind !== 'name' && query.protocol ? [query.protocol] : PROTOCOLS;
  switch (query.kind) {
    case 'port':
      return { ...base, entries: protocols.map((p) => entry(query.port, p, listening)), quietCount: 0, truncated: false };
    case 'range': {
      const entries: PortEntry[] = [];
      let quietCount = 0;
      for (let port = query.from; port <= query.to; port++) {
        for (const p of protocols) {
          const e = entry(port, p, listening);
          if (hasSomethingToSay(e)) entries.push(e);
          else quietCount++;
        }
      }
      return { ...base, entries, quietCount, truncated: false };
    }
    case 'name': {
      const seen = new Set<number>();
      const entries: PortEntry[] = [];
      let truncated = false;
      for (const [port, p] of namePairs(query.name)) {
        const key = port * 2 + (p === 'udp' ? 1 : 0);
        if (seen.has(key)) continue;
        seen.add(key);
        if (entries.length === MAX_NAME_RESULTS) {
          truncated = true;
          break;
        }
        entries.push(entry(port, p, listening));
      }
      return { ...base, entries, quietCount: 0, truncated };
    }
  }
}
