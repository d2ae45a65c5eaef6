// A hand-built report for the writer and redaction tests: Minecraft on a home line whose router has
// no forward, with private values planted in the places real ones turn up.
import { diagnosisDocumentSchema, type DiagnosisDocument } from '../diagnosis';
import { no, notChecked, yes } from '../diagnosis/fact';
import { REPORT_VERSION, type Report } from './model';

export interface Privates {
  publicV4: string;
  otherPublicV4: string;
  publicV6: string;
  mac: string;
  computer: string;
  user: string;
  home: string;
}

export const DEFAULT_PRIVATES: Privates = {
  publicV4: '203.0.113.77',
  otherPublicV4: '198.51.100.23',
  publicV6: '2001:db8:4:1::77',
  mac: 'a4:83:e7:12:34:56',
  computer: 'gaming-rig',
  user: 'alice',
  home: '/home/alice',
};

export function diagnosisFixture(p: Privates = DEFAULT_PRIVATES): DiagnosisDocument {
  return diagnosisDocumentSchema.parse({
    version: 1,
    plan: {
      presetId: 'minecraft-java',
      presetName: 'Minecraft: Java Edition',
      targets: [
        { port: 25565, protocol: 'tcp', needed: true, role: 'game', label: 'game' },
        { port: 25575, protocol: 'tcp', needed: false, role: 'rcon', label: 'RCON' },
      ],
      relayMode: null,
      companion: null,
      stunServers: ['stun.example.net:3478'],
      steps: ['listeners', 'firewall', 'network', 'public-address', 'outside', 'hairpin'],
    },
    evidence: {
      collectedAt: '2026-12-02T21:14:03.120Z',
      durationMs: 1843,
      os: 'linux',
      network: {
        lanAddress: '192.168.1.23',
        lanInterface: 'eth0',
        gateway: '192.168.1.1',
        routerWanAddress: p.publicV4,
        publicAddress: p.publicV4,
        publicAddressSource: 'stun',
        behindCgnat: no(`router's internet-side address ${p.publicV4} is public`),
        doubleNat: no(null),
        natMapping: 'easy',
        routerRefusesUnforwarded: notChecked('not-applicable', 'the game port was not refused'),
        globalIpv6: yes(`${p.publicV6} on eth0 (router ${p.mac})`),
      },
      firewall: { active: yes(null), product: 'nftables', publicProfile: notChecked('not-applicable', 'only Windows has network profiles') },
      server: { relayModeInUse: no(null), relayMode: null },
      ports: [
        {
          port: 25565,
          protocol: 'tcp',
          needed: true,
          role: 'game',
          label: 'game',
          listening: yes('java (pid 4242)'),
          sockets: [{ address: '0.0.0.0', exposure: 'all', pid: 4242, process: 'java' }],
          loopbackOnly: no(null),
          boundWhereFriendsArrive: yes('bound to 0.0.0.0'),
          usualProgram: yes(`java ${p.home}/mc/server.jar on ${p.computer}`),
          firewallAllows: yes('accept rule for tcp dport 25565'),
          outside: {
            vantage: 'friend',
            state: 'filtered',
            reason: 'no-response',
            reachedThisComputer: no(`the friend at ${p.otherPublicV4} saw no answer`),
            answered: no(null),
            verifiedBy: null,
            testListener: no(null),
            rttMs: null,
          },
          hairpinWorks: no(null),
          otherProtocolReached: notChecked('not-applicable', 'Minecraft Java uses TCP only'),
        },
        {
          port: 25575,
          protocol: 'tcp',
          needed: false,
          role: 'rcon',
          label: 'RCON',
          listening: no(null),
          sockets: [],
          loopbackOnly: notChecked('not-applicable', 'nothing listens'),
          boundWhereFriendsArrive: notChecked('not-applicable', 'nothing listens'),
          usualProgram: notChecked('not-applicable', 'nothing listens'),
          firewallAllows: no('policy drop'),
          outside: {
            vantage: null,
            state: null,
            reason: null,
            reachedThisComputer: notChecked('no-companion', 'no companion is configured'),
            answered: notChecked('no-companion', 'no companion is configured'),
            verifiedBy: null,
            testListener: no(null),
            rttMs: null,
          },
          hairpinWorks: notChecked('not-applicable', 'nothing listens'),
          otherProtocolReached: notChecked('not-applicable', 'optional port'),
        },
      ],
      steps: [
        { id: 'listeners', state: 'done', durationMs: 41, note: 'java holds 25565/tcp on every network' },
        { id: 'network', state: 'done', durationMs: 612, note: `public address ${p.publicV4} (STUN)` },
        { id: 'outside', state: 'done', durationMs: 1200, note: 'no arrival within 30 s' },
      ],
    },
    findings: [
      {
        cause: 'no-forward',
        kind: 'cause',
        blocking: true,
        confidence: 'high',
        targets: [{ port: 25565, protocol: 'tcp' }],
        evidence: ['ports[0].outside.reachedThisComputer', 'ports[0].firewallAllows'],
        params: {},
        summary: 'Your router does not forward TCP 25565 to this computer.',
        explanation: `Your friend at ${p.otherPublicV4} tried ${p.publicV4}:25565 and nothing answered, while ${p.computer}'s firewall lets the port in.`,
        fixSteps: [
          { where: 'router', os: null, text: 'Forward TCP 25565 to 192.168.1.23 — this computer\'s address now — and reserve that address in the router\'s DHCP settings.' },
          { where: 'friends', os: null, text: 'Ask your friend to try again.' },
        ],
      },
      {
        cause: 'hairpin',
        kind: 'note',
        blocking: false,
        confidence: 'medium',
        targets: [{ port: 25565, protocol: 'tcp' }],
        evidence: ['ports[0].hairpinWorks'],
        params: {},
        summary: 'Your router does not loop the public address back inside.',
        explanation: `From inside, use 192.168.1.23:25565 rather than ${p.publicV4}:25565.`,
        fixSteps: [],
      },
    ],
    verdict: {
      cause: 'no-forward',
      friendsCanJoin: false,
      confidence: 'high',
      summary: 'Your router does not forward TCP 25565 to this computer.',
      finding: 0,
      tellFriends: { kind: 'not-yet', address: null, text: `Fix the forward first; then friends join at ${p.publicV4}:25565.` },
    },
  });
}

export function reportFixture(p: Privates = DEFAULT_PRIVATES): Report {
  return {
    reportVersion: REPORT_VERSION,
    generatedAt: '2026-12-02T21:15:00.000Z',
    app: { name: 'Port Doctor', version: '0.1.0' },
    os: { platform: 'linux', release: '6.1.0', arch: 'x64' },
    computer: { name: p.computer, user: p.user, home: p.home },
    subject: { presetId: 'minecraft-java', title: 'Minecraft: Java Edition' },
    redaction: { applied: false, placeholders: [] },
    diagnosis: diagnosisFixture(p),
    listeners: {
      collectedAt: '2026-12-02T21:14:03.000Z',
      total: 2,
      elevated: false,
      rows: [
        {
          protocol: 'tcp', family: 4, address: '0.0.0.0', port: 25565, exposure: 'all', pid: 4242, process: 'java',
          command: `java -jar ${p.home}/mc/server.jar`, user: p.user, category: 'registered', service: 'minecraft',
          serviceDescription: 'Minecraft', privileged: false, exePath: '/usr/bin/java', ownerUnknownReason: null,
        },
        {
          protocol: 'udp', family: 6, address: p.publicV6, port: 5353, exposure: 'interface', pid: 612, process: 'avahi-daemon',
          command: null, user: 'avahi', category: 'registered', service: 'mdns', serviceDescription: 'Multicast DNS',
          privileged: false, exePath: null, ownerUnknownReason: null,
        },
      ],
    },
    network: null,
  };
}
