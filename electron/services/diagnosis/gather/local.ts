// Listener facts per target: is something holding the port, bound where, which program; relay flags.
import type { Listener } from '../../../../shared/channels/listeners';
import { no, notChecked, yes, type Fact, type SocketEvidence, type Target } from '../../../../shared/diagnosis/index';
import { isUsualProcess, type Preset } from '../../../../shared/presets/index';

export interface LocalPortFacts {
  listening: Fact;
  sockets: SocketEvidence[];
  loopbackOnly: Fact;
  boundWhereFriendsArrive: Fact;
  usualProgram: Fact;
}

const NOT_LISTENING = 'nothing listens on this port';

/** `::ffff:1.2.3.4` and `1.2.3.4` are the same IPv4 address for "is it our LAN address". */
const plain = (a: string) => a.replace(/^::ffff:/i, '');

export function localFacts(t: Target, rows: readonly Listener[], lanAddress: string | null, preset: Preset): LocalPortFacts {
  const mine = rows.filter((r) => r.port === t.port && r.protocol === t.protocol);
  if (mine.length === 0) {
    const na = notChecked('not-applicable', NOT_LISTENING);
    return { listening: no(`no ${t.protocol.toUpperCase()} socket on port ${t.port}`), sockets: [], loopbackOnly: na, boundWhereFriendsArrive: na, usualProgram: na };
  }
  const sockets = mine.slice(0, 32).map((r) => ({ address: r.address, exposure: r.exposure, pid: r.pid, process: r.process }));
  const where = mine.map((r) => r.address).join(', ');
  const loopback = mine.every((r) => r.exposure === 'loopback');
  let bound: Fact;
  if (mine.some((r) => r.exposure === 'all')) bound = yes(`bound to ${where}`);
  else if (loopback) bound = no(`bound to ${where}`);
  else if (lanAddress === null) bound = notChecked('failed', 'this computer\'s LAN address is unknown');
  else bound = mine.some((r) => plain(r.address) === lanAddress) ? yes(`bound to ${where}`) : no(`bound to ${where}, friends arrive at ${lanAddress}`);
  const names = [...new Set(mine.map((r) => r.process).filter((p): p is string => p !== null))];
  let usual: Fact;
  if (preset.id === 'custom') usual = notChecked('not-applicable', 'custom ports have no usual program');
  else if (names.length === 0) usual = notChecked('unavailable', 'the owning program is not visible (another user\'s process; run with more rights)');
  else usual = names.some((n) => isUsualProcess(preset, n)) ? yes(names.join(', ')) : no(names.join(', '));
  return {
    listening: yes(`${t.protocol.toUpperCase()} ${t.port} held by ${names.join(', ') || 'an unknown program'}`),
    sockets,
    loopbackOnly: loopback ? yes(`bound to ${where}`) : no(`bound to ${where}`),
    boundWhereFriendsArrive: bound,
    usualProgram: usual,
  };
}

/** A relay mode's launch option on the command line of a program holding one of the ports. */
export function relayFromCommandLine(preset: Preset, rows: readonly Listener[], targets: readonly Target[]): string | null {
  const commands = rows.filter((r) => targets.some((t) => t.port === r.port && t.protocol === r.protocol)).map((r) => r.command ?? '');
  for (const mode of preset.relayModes) {
    const flag = mode.commandLineFlag;
    if (flag && commands.some((c) => c.split(/\s+/).some((w) => w.toLowerCase() === flag.toLowerCase()))) return mode.name;
  }
  return null;
}
