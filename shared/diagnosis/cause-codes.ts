// The closed list of causes a diagnosis can name, and the notes that may accompany them.
import { z } from 'zod';

/**
 * Causes, each a reason friends cannot join (or `reachable`: they can). The verdict is the first
 * blocking finding in the order rules emit them; `unknown` says the evidence did not decide.
 */
export const CAUSE_CODES = [
  /** Friends can reach the port: the outside test arrived at this computer. */
  'reachable',
  /** Nothing on this computer holds the port (server not running, or another port configured). */
  'not-listening',
  /** The server is bound to 127.0.0.1 / ::1: only this computer can connect. */
  'loopback-only',
  /** Bound to one address that friends' traffic does not arrive on (a VPN adapter, an old address). */
  'wrong-interface',
  /** The port works on the other protocol only (TCP forwarded, the game needs UDP). */
  'wrong-protocol',
  /** The host firewall drops or refuses the traffic (incl. Windows' Public profile). */
  'host-firewall',
  /** Silence from outside while this computer's firewall allows: the router has no forward. */
  'no-forward',
  /** Something answers from outside, but not this computer (forward to an old DHCP address, wrong port). */
  'forward-wrong-device',
  /** The router's WAN address is in 100.64.0.0/10: the ISP's NAT is in the way, forwards cannot work. */
  'cgnat',
  /** The router's WAN address is private: a second NAT (ISP modem) sits in front of it. */
  'double-nat',
  /** The ISP is suspected of blocking this port (commonly blocked ports only, and only when the rest works). */
  'isp-blocked',
  /** The game runs in a relay mode (join code, Steam relay): port forwarding does not matter. */
  'relay-game',
  /** The evidence does not decide; the finding says what is missing. */
  'unknown',
] as const;
export const causeCodeSchema = z.enum(CAUSE_CODES);
export type CauseCode = z.infer<typeof causeCodeSchema>;

/** Notes accompany a verdict; they never block friends on their own. */
export const NOTE_CODES = [
  /** The self-test via the public address fails from inside while friends can connect (no NAT loopback). */
  'hairpin',
  /** Both ends could use IPv6, a way around CGNAT / double NAT. */
  'ipv6-available',
  /** An optional port (query, RCON) is not reachable: e.g. the server will not show in the browser. */
  'optional-port-closed',
  /** The program holding the port is not one of the game's usual server programs. */
  'unexpected-program',
  /** A UDP port stayed silent from outside; UDP silence alone proves nothing, so a phone/friend test helps. */
  'udp-unconfirmed',
  /** Port Doctor's own test listener answered: the path works, start the server and it will too. */
  'path-ready',
] as const;
export const noteCodeSchema = z.enum(NOTE_CODES);
export type NoteCode = z.infer<typeof noteCodeSchema>;

/** Ports ISPs commonly block inbound for home lines (mail, web, Windows file sharing). */
export const ISP_COMMONLY_BLOCKED_TCP: readonly number[] = [25, 80, 135, 139, 443, 445];
