// Truth: every catalog scenario, built for real, diagnosed by the real CLI on the pc with the real
// companion on the lab's internet, gives the verdict a person who built the network would give.
import { beforeAll, expect, it } from 'vitest';
import { buildBundles, cliIn, startCompanionIn } from '../../companion/lab/lab-helpers';
import { CATALOG, GAME, type CatalogEntry } from './catalog.js';
import { describeLab, keepLab } from './netns.js';
import { DC } from './scenario.js';
import { buildTopology, type Lab } from './topology.js';

const COMPANION = `http://${DC.companion}:8080`;
const LAB_COMPANION_ARGS = ['--allow-targets', '198.51.100.0/24', '203.0.113.0/24', '100.64.0.0/10', '--checks-per-minute', '0', '--checks-per-hour', '0'];

interface Expected {
  verdict: string;
  /** Findings that must accompany it. */
  also?: string[];
  /** Why this is the right answer when it is not obvious from the scenario's name. */
  why?: string;
}

/** The verdict each catalog scenario must get when diagnosing its game ports (25565 over TCP and UDP unless it names others). */
const EXPECTED: Record<string, Expected> = {
  'forward-ok': { verdict: 'reachable' },
  'no-forward-router-drops': { verdict: 'no-forward' },
  'no-forward-router-rejects': { verdict: 'no-forward', why: 'a control port nobody forwards is refused as well: the refusal is the router\'s' },
  'forward-to-wrong-lan-ip': { verdict: 'no-forward', why: 'nobody lives at the old address: from outside that is silence, exactly like a missing forward (the explanation names stale leases)' },
  'forward-to-wrong-internal-port': { verdict: 'forward-wrong-device', why: 'the game port is refused while a control port is silent: a forward exists and leads to something that refuses' },
  'tcp-forwarded-game-needs-udp': { verdict: 'wrong-protocol' },
  'host-firewall-drops': { verdict: 'host-firewall' },
  'host-firewall-rejects': { verdict: 'host-firewall' },
  'server-bound-to-loopback': { verdict: 'loopback-only' },
  cgnat: { verdict: 'cgnat' },
  'double-nat': { verdict: 'double-nat' },
  'double-nat-both-forwarded': { verdict: 'reachable' },
  'hairpin-off': { verdict: 'reachable', also: ['hairpin'] },
  'hairpin-on': { verdict: 'reachable' },
  'isp-blocks-port': { verdict: 'wrong-protocol', why: 'an ISP dropping TCP 25565 while UDP 25565 arrives looks exactly like a UDP-only forward from every vantage point; ISP blocks are only suspected for ports ISPs commonly block (see isp-blocks-web-port)' },
  'ipv6-router-forwards': { verdict: 'reachable' },
  'ipv6-router-filters': { verdict: 'reachable', why: 'the IPv4 forward works; the IPv6 filter does not stop IPv4 friends' },
  'server-ipv6-only': { verdict: 'wrong-interface', why: 'the server accepts IPv6 only; friends arrive over IPv4' },
  'forward-to-another-device-that-answers': { verdict: 'forward-wrong-device' },
  'not-running-but-path-ready': { verdict: 'not-listening', also: ['path-ready'] },
  'isp-blocks-web-port': { verdict: 'isp-blocked' },
};

interface Doc {
  verdict: { cause: string; summary: string };
  findings: { cause: string }[];
}

/** `25565/tcp,25565/udp`: the entry's game ports as `--port` takes them. */
const portsArg = (e: CatalogEntry): string => (e.gamePorts ?? [{ proto: 'tcp', port: GAME }, { proto: 'udp', port: GAME }]).map((p) => `${p.port}/${p.proto}`).join(',');

async function diagnose(lab: Lab, ports: string): Promise<Doc> {
  await startCompanionIn(lab.host('companion').ns, LAB_COMPANION_ARGS);
  const r = await cliIn(lab.host('pc').ns, ['diagnose', '--port', ports, '--companion', COMPANION, '--json']);
  expect(r.json, r.stderr || r.stdout).not.toBeNull();
  return r.json as Doc;
}

function check(doc: Doc, want: Expected): void {
  const causes = doc.findings.map((f) => f.cause);
  expect(`${doc.verdict.cause} (${causes.join(', ')})`).toMatch(new RegExp(`^${want.verdict} `));
  for (const a of want.also ?? []) expect(causes).toContain(a);
}

describeLab('diagnosis truth: every lab scenario gets the right verdict through port-doctor diagnose', () => {
  beforeAll(() => buildBundles());

  it('every catalog scenario has an expected verdict', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(CATALOG.map((e) => e.name).sort());
  });

  for (const entry of CATALOG) {
    it(`${entry.name} → ${EXPECTED[entry.name]?.verdict}`, async () => {
      const lab = await buildTopology(entry.scenario, { tag: `dx-${entry.name}`.slice(0, 20) });
      try {
        check(await diagnose(lab, portsArg(entry)), EXPECTED[entry.name]!);
      } finally {
        if (!keepLab()) await lab.destroy();
      }
    });
  }
});
