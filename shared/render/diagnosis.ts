// Diagnosis words: conclusions → summary, explanation and fix steps; verdict and "tell your friends".
// One place for these sentences: the wizard, `port-doctor diagnose` and the report all use it.
import type { Conclusion, Evidence, Finding, FixStep, Plan, StepId, TellFriends } from '../diagnosis/index';

type Target = Conclusion['targets'][number];

/** `TCP 7777`, the way router admin pages label forwards. */
export function portWords(t: Target): string {
  return `${t.protocol.toUpperCase()} ${t.port}`;
}

export function portsWords(ts: readonly Target[]): string {
  const words = ts.map(portWords);
  if (words.length <= 1) return words[0] ?? 'the port';
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** What the checklist calls each step. */
export const STEP_LABELS: Record<StepId, string> = {
  listeners: 'Is the server running and listening?',
  firewall: 'Does this computer\'s firewall let friends in?',
  network: 'Your network: router, NAT, CGNAT',
  'public-address': 'Your public address',
  outside: 'Test from the internet',
  'test-listener': 'Test the path with a stand-in listener',
  hairpin: 'Test via your public address from here',
  'other-protocol': 'Try the other protocol',
};

interface Ctx {
  plan: Plan;
  evidence: Evidence;
}

function lan(ctx: Ctx): string {
  return ctx.evidence.network.lanAddress ?? 'this computer\'s LAN address';
}

function game(ctx: Ctx): string {
  return ctx.plan.presetId === 'custom' ? 'the server' : `the ${ctx.plan.presetName} server`;
}

function forwardSteps(c: Conclusion, ctx: Ctx): FixStep[] {
  const addr = lan(ctx);
  const list = c.targets.map((t) => `${portWords(t)}`).join(', ');
  return [
    { where: 'router', os: null, text: `Open your router's admin page (usually http://${ctx.evidence.network.gateway ?? 'your gateway address'}) and find "Port forwarding" (also called "Virtual server" or "NAT").` },
    { where: 'router', os: null, text: `Forward ${list} to ${addr} — this computer's address now — with the same port number inside and outside, and the protocol exactly as written.` },
    { where: 'router', os: null, text: `Reserve ${addr} for this computer in the router's DHCP settings ("address reservation" / "static lease"), so the forward keeps pointing here after a restart.` },
    { where: 'this-computer', os: null, text: 'Run the check again.' },
  ];
}

function firewallSteps(c: Conclusion, ctx: Ctx): FixStep[] {
  const ports = c.targets.map(portWords).join(', ');
  const tcp = c.targets.filter((t) => t.protocol === 'tcp').map((t) => t.port);
  const udp = c.targets.filter((t) => t.protocol === 'udp').map((t) => t.port);
  const ufw = [...tcp.map((p) => `sudo ufw allow ${p}/tcp`), ...udp.map((p) => `sudo ufw allow ${p}/udp`)].join(' && ');
  const profile = ctx.evidence.firewall.publicProfile.state === 'yes';
  return [
    {
      where: 'this-computer',
      os: 'win32',
      text: profile
        ? 'Windows treats this network as Public, where most game rules do not apply: Settings → Network & internet → your connection → Network profile type → Private.'
        : `Windows Security → Firewall & network protection → Allow an app through firewall: tick ${game(ctx)} for Private (and Public if you use that profile), or add an inbound rule for ${ports}.`,
    },
    { where: 'this-computer', os: 'linux', text: `Allow ${ports} in the firewall: with ufw, \`${ufw}\`; with firewalld, \`sudo firewall-cmd --add-port=${c.targets.map((t) => `${t.port}/${t.protocol}`).join(' --add-port=')} --permanent && sudo firewall-cmd --reload\`.` },
    { where: 'this-computer', os: 'darwin', text: `System Settings → Network → Firewall → Options: allow incoming connections for ${game(ctx)}.` },
    { where: 'this-computer', os: null, text: 'Run the check again.' },
  ];
}

const RETRY: FixStep = { where: 'this-computer', os: null, text: 'Run the check again.' };

/** Words for one conclusion. */
export function describeConclusion(c: Conclusion, ctx: Ctx): Pick<Finding, 'summary' | 'explanation' | 'fixSteps'> {
  const ports = portsWords(c.targets);
  const ev = ctx.evidence;
  const pub = ev.network.publicAddress;
  switch (c.cause) {
    case 'reachable':
      return {
        summary: `Friends can reach ${ports}${pub ? ` at ${pub}` : ''}.`,
        explanation:
          c.params.unproven === 'udp-reply'
            ? 'A test from the internet got an answer from your public address on this UDP port, where your server listens. The server speaks no query we can compare, so this is very likely, not proven.'
            : 'A test from the internet reached this computer, and we proved it was this computer that answered (not another device behind your router).',
        fixSteps: [],
      };
    case 'not-listening':
      return {
        summary: `Nothing on this computer is listening on ${ports}.`,
        explanation: `${game(ctx)[0]?.toUpperCase()}${game(ctx).slice(1)} is not running, or it uses another port. Friends' connections arrive but nobody answers.`,
        fixSteps: [
          { where: 'server', os: null, text: `Start ${game(ctx)} and wait until it says it is ready.` },
          { where: 'server', os: null, text: `Check its configuration uses ${ports}.` },
          RETRY,
        ],
      };
    case 'loopback-only':
      return {
        summary: `The server listens on ${ports} for this computer only (127.0.0.1).`,
        explanation: 'It is bound to the loopback address, which only programs on this computer can reach. Friends, and even other devices at home, are refused.',
        fixSteps: [
          { where: 'server', os: null, text: 'In the server\'s configuration, set the bind / listen address ("server-ip", "BindAddress", "-ip") to empty or 0.0.0.0, then restart it.' },
          RETRY,
        ],
      };
    case 'wrong-interface':
      return {
        summary: `The server listens on ${ports} only on an address friends' traffic does not arrive at.`,
        explanation: `It is bound to one specific address, not to ${lan(ctx)} where your router sends friends' connections (often a VPN adapter or an old address).`,
        fixSteps: [
          { where: 'server', os: null, text: `Set the server's bind address to empty / 0.0.0.0 (every address), or to ${lan(ctx)}, then restart it.` },
          RETRY,
        ],
      };
    case 'wrong-protocol': {
      const other = String(c.params.forwarded ?? '').toUpperCase();
      return {
        summary: `${ports} is not forwarded, but the same port works over ${other}: the forward has the wrong protocol.`,
        explanation: `From the internet, ${other} on this port reaches this computer, while ${ports} gets no answer. The game needs ${ports}; a router forward covers only the protocol it names.`,
        fixSteps: forwardSteps(c, ctx).map((s, i) => (i === 1 ? { ...s, text: `Change the forward's protocol to include ${ports} ("Both" or "TCP/UDP" if the router offers it), still to ${lan(ctx)}.` } : s)),
      };
    }
    case 'host-firewall':
      return {
        summary: `This computer's firewall blocks ${ports}.`,
        explanation: `The host firewall drops or refuses new connections to ${ports}, so nothing from outside gets through, even with a correct router forward.`,
        fixSteps: firewallSteps(c, ctx),
      };
    case 'no-forward':
      return {
        summary: c.params.refused ? `Your router refuses ${ports} from the internet: no port forward.` : `Nothing from the internet arrives on ${ports}: the router has no port forward for it.`,
        explanation: c.params.refused
          ? 'Connections from outside are refused at your public address, and the router refuses ports nobody forwards in the same way. The forward is missing, or points to another port.'
          : `${c.params.by === 'person' ? 'Nothing arrived from the internet while your phone or friend test listened (if nobody opened the link in time, test again)' : 'The test from the internet got silence'} while this computer's firewall lets ${ports} in${ev.ports.every((p) => p.firewallAllows.state === 'not-checked') ? ' (as far as we could check)' : ''}. The router drops it: the forward is missing, names another port or protocol, or points to an address that no device has now (an old DHCP lease).`,
        fixSteps: forwardSteps(c, ctx),
      };
    case 'forward-wrong-device':
      return {
        summary: `Something answers on ${ports} from the internet, but it is not this computer.`,
        explanation: `Your router forwards ${ports} to another device or port: usually the address this computer had before its DHCP lease changed. This computer's address now is ${lan(ctx)}.`,
        fixSteps: forwardSteps(c, ctx),
      };
    case 'cgnat':
      return {
        summary: 'Your internet provider shares one public address between customers (CGNAT): port forwarding cannot work.',
        explanation: `Your router's internet-side address${ev.network.routerWanAddress ? ` (${ev.network.routerWanAddress})` : ''} is in 100.64.0.0/10, the range providers use for carrier-grade NAT. Friends' connections stop at the provider's NAT, before your router's forward.`,
        fixSteps: [
          { where: 'isp', os: null, text: 'Ask your internet provider for a public IPv4 address ("public IP", sometimes "static IP" or "turn off CGNAT"); many give one on request.' },
          { where: 'friends', os: null, text: 'Or host over IPv6 if you and your friends have it, or rent a small server, or use a VPN that gives you a public port (port forwarding VPN).' },
          RETRY,
        ],
      };
    case 'double-nat':
      return {
        summary: 'Two routers do NAT in a row (double NAT): the forward on your router is not enough.',
        explanation: `Your router's internet-side address${ev.network.routerWanAddress ? ` (${ev.network.routerWanAddress})` : ''} is private, so another device in front of it (usually the provider's modem-router) also does NAT and drops friends' connections.`,
        fixSteps: [
          { where: 'router', os: null, text: 'Put the provider\'s modem in bridge mode (or "modem only"), so your router gets the public address; or' },
          { where: 'router', os: null, text: `forward ${ports} on the modem to your router's address${ev.network.routerWanAddress ? ` ${ev.network.routerWanAddress}` : ''}, and on your router to ${lan(ctx)}.` },
          RETRY,
        ],
      };
    case 'isp-blocked':
      return {
        summary: `Your internet provider probably blocks ${ports}.`,
        explanation: `Other forwarded ports reach this computer, but ${ports} gets silence; providers commonly block this port for home lines.`,
        fixSteps: [
          { where: 'server', os: null, text: 'Use another port (e.g. above 1024) for the server and the forward.' },
          { where: 'isp', os: null, text: 'Or ask your provider to unblock it (business lines usually allow it).' },
          RETRY,
        ],
      };
    case 'relay-game': {
      const mode = String(c.params.mode ?? 'a relay mode');
      return {
        summary: `The server runs with ${mode}: friends join through a relay, not your port.`,
        explanation: 'In this mode friends connect through the game\'s relay service (a join code or Steam relay); your router and port forwards are not used, so a port test does not tell whether they can join.',
        fixSteps: [{ where: 'friends', os: null, text: 'Give friends the join code / server code the game shows, or turn the relay mode off to host directly and run the check again.' }],
      };
    }
    case 'unknown':
      return {
        summary: c.params.missing === 'outside-test' ? 'We could not test from the internet, so we cannot tell yet.' : 'The evidence does not decide.',
        explanation:
          c.params.missing === 'outside-test'
            ? 'Everything on this computer looks ready, but only a test from outside shows whether friends\' connections arrive. Configure a companion, or test with your phone on mobile data or a friend.'
            : 'Some checks could not run; see the evidence for what is missing.',
        fixSteps: [{ where: 'this-computer', os: null, text: 'Run a test from outside: your phone on mobile data, a friend, or a companion server.' }],
      };
    case 'hairpin':
      return {
        summary: `From this computer, your public address does not work for ${ports} — but friends can connect.`,
        explanation: 'Your router does not loop connections to its own public address back inside (no "NAT loopback" / hairpin). That only affects players at home.',
        fixSteps: [{ where: 'friends', os: null, text: `Players at home connect to ${lan(ctx)}:${c.targets[0]?.port ?? ''} instead of the public address.` }],
      };
    case 'ipv6-available':
      return {
        summary: 'This computer has a public IPv6 address: a way around the NAT for friends who have IPv6 too.',
        explanation: 'IPv6 has no NAT; your router may still filter it, so allow the ports for IPv6 in its firewall.',
        fixSteps: [],
      };
    case 'optional-port-closed':
      return {
        summary: `The optional ${String(c.params.label ?? 'port')} ${ports} is not reachable from the internet.`,
        explanation: c.params.role === 'query' ? 'Friends can still join by address, but the server may not show up in the in-game server list.' : 'Friends do not need it; it only matters for administration or extras.',
        fixSteps: [],
      };
    case 'unexpected-program':
      return {
        summary: `${ports} is held by "${String(c.params.program)}", which is not ${game(ctx)}'s usual program.`,
        explanation: 'Another program may be using the game\'s port, and the game server then fails to start or picks another one.',
        fixSteps: [],
      };
    case 'udp-unconfirmed':
      return {
        summary: `UDP silence on ${ports} proves little: confirm with a phone or a friend.`,
        explanation: 'Your server did not answer our test datagram, which many game servers do for unknown data. A friend joining, or the phone test, settles it.',
        fixSteps: [],
      };
    case 'path-ready':
      return {
        summary: `The way in for ${ports} works: start the server and friends can join.`,
        explanation: 'Nothing was listening, so Port Doctor listened on the port itself for a moment, and the test from the internet arrived: router forward and firewall are ready.',
        fixSteps: [],
      };
    default:
      return missing(c.cause);
  }
}

function missing(x: never): never {
  throw new Error(`no words for ${String(x)}`);
}

/** What to tell friends, from the verdict's finding. */
export function tellFriends(verdict: Conclusion, ctx: Ctx): TellFriends {
  const ev = ctx.evidence;
  const gamePort = ev.ports.find((p) => p.needed && p.role === 'game') ?? ev.ports[0];
  const port = gamePort?.port ?? 0;
  const lanAddr = ev.network.lanAddress;
  switch (verdict.cause) {
    case 'reachable':
      if (ev.network.publicAddress) {
        return { kind: 'public', address: `${ev.network.publicAddress}:${port}`, text: `Friends connect to ${ev.network.publicAddress}:${port}.${lanAddr ? ` Players on your home network use ${lanAddr}:${port}.` : ''}` };
      }
      break;
    case 'relay-game':
      return { kind: 'relay', address: null, text: 'Friends join with the join code or server code the game shows; they do not need your address.' };
    case 'cgnat':
      return {
        kind: 'cannot-join',
        address: null,
        text: 'Friends cannot join you directly: your provider\'s shared address (CGNAT) stops them. Ask the provider for a public IPv4 address, use IPv6, a rented server, or the game\'s relay / join-code mode if it has one.',
      };
    default:
      break;
  }
  const localOk = gamePort && gamePort.listening.state === 'yes' && gamePort.loopbackOnly.state !== 'yes';
  if (localOk && lanAddr) {
    return { kind: 'lan', address: `${lanAddr}:${port}`, text: `Until the problem above is fixed, only players on your home network can join, at ${lanAddr}:${port}.` };
  }
  return { kind: 'not-yet', address: null, text: 'Nobody can join yet: fix the problem above first, then run the check again.' };
}
