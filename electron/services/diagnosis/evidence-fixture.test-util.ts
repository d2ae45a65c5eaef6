// Hand-built evidence for the rules' table tests: a healthy home by default, each case changes facts.
import { no, notChecked, yes, type Evidence, type PortEvidence } from '../../../shared/diagnosis/index';

export function port(overrides: Partial<PortEvidence> & Pick<PortEvidence, 'port' | 'protocol'>): PortEvidence {
  return {
    needed: true,
    role: 'game',
    label: 'game',
    listening: yes(),
    sockets: [{ address: '0.0.0.0', exposure: 'all', pid: 42, process: 'java' }],
    loopbackOnly: no(),
    boundWhereFriendsArrive: yes(),
    usualProgram: yes(),
    firewallAllows: yes(),
    outside: {
      vantage: 'companion',
      state: 'open',
      reason: 'syn-ack',
      reachedThisComputer: yes(),
      answered: yes(),
      verifiedBy: 'socket-table',
      testListener: no(),
      rttMs: 12,
    },
    hairpinWorks: yes(),
    otherProtocolReached: notChecked('not-applicable', 'the port itself was reachable'),
    ...overrides,
  };
}

export function evidence(ports: PortEvidence[], overrides: Partial<Evidence> = {}, network: Partial<Evidence['network']> = {}): Evidence {
  return {
    collectedAt: '2026-12-02T03:00:00.000Z',
    durationMs: 900,
    os: 'linux',
    network: {
      lanAddress: '192.168.50.10',
      lanInterface: 'eth0',
      gateway: '192.168.50.1',
      routerWanAddress: '198.51.100.20',
      publicAddress: '198.51.100.20',
      publicAddressSource: 'companion',
      behindCgnat: no(),
      doubleNat: no(),
      natMapping: 'easy',
      routerRefusesUnforwarded: notChecked('not-applicable', 'no port was refused'),
      globalIpv6: no(),
      ...network,
    },
    firewall: { active: yes(), product: 'nftables', publicProfile: notChecked('unsupported-os', 'Windows only') },
    server: { relayModeInUse: no(), relayMode: null },
    ports,
    steps: [],
    ...overrides,
  };
}

/** Outside evidence when the test got silence (filtered), nothing proven. */
export const silent = (protocol: 'tcp' | 'udp', testListener = false): PortEvidence['outside'] => ({
  vantage: 'companion',
  state: protocol === 'tcp' ? 'filtered' : 'open|filtered',
  reason: 'no-response',
  reachedThisComputer: no(),
  answered: no(),
  verifiedBy: null,
  testListener: testListener ? yes() : no(),
  rttMs: null,
});

export const refused = (testListener = false): PortEvidence['outside'] => ({
  vantage: 'companion',
  state: 'closed',
  reason: 'conn-refused',
  reachedThisComputer: no(),
  answered: yes(),
  verifiedBy: null,
  testListener: testListener ? yes() : no(),
  rttMs: 3,
});

export const untested: PortEvidence['outside'] = {
  vantage: null,
  state: null,
  reason: null,
  reachedThisComputer: notChecked('no-companion', 'no companion configured'),
  answered: notChecked('no-companion', 'no companion configured'),
  verifiedBy: null,
  testListener: notChecked('no-companion', 'no companion configured'),
  rttMs: null,
};
