// Lab: `port-doctor network` on the pc of three home topologies (plain, CGNAT, double NAT), each with
// and without a NAT-PMP answer from the router. The real companion on the lab's internet serves
// whoami and STUN; nothing leaves the lab (the STUN and companion flags point inside it).
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { NetworkFacts } from '../../../shared/network/facts';
import { buildBundles, cliIn, startCompanionIn } from '../../../companion/lab/lab-helpers';
import { describeLab } from '../../../e2e/lab/netns';
import type { NsProcess } from '../../../e2e/lab/ns-core';
import { CGNAT, DC, ISP, LAN, UPSTREAM_PRIVATE } from '../../../e2e/lab/scenario';
import { buildTopology, type Lab } from '../../../e2e/lab/topology';

const RESPONDER = join(__dirname, 'lab', 'nat-pmp-responder.mjs');
const COMPANION = `http://${DC.companion}:8080`;
const LAB_STUN = ['--stun', `${DC.companion}:3478`, '--stun', `${DC.companion}:3479`];
/**
 * A Raspberry Pi's prefix (B827EB, "Raspberry Pi Foundation" in oui-data's index.json, read by hand),
 * given to lan2 in the first case before it pings the pc; every other MAC is the kernel's random
 * veth/bridge one, which sets the U/L bit like a phone's private Wi-Fi address.
 */
const PI_MAC = 'b8:27:eb:4c:61:62';
/** One TCP connect to a closed port of the given address: done when the refusal is back, so both sides' neighbour tables hold each other. */
const KNOCK = "require('node:net').connect(9, process.argv[1]).on('error', () => process.exit(0)).on('connect', () => process.exit(0))";

interface Case {
  name: string;
  upstream: 'none' | 'cgnat' | 'private';
  natPmp: boolean;
  routerWan: string;
  kind: NetworkFacts['nat']['kind'];
  publicIp: string;
  hop2: string;
  evidence: RegExp;
}

const CASES: Case[] = [
  { name: 'plain home, router answers NAT-PMP', upstream: 'none', natPmp: true, routerWan: ISP.routerWan, kind: 'single', publicIp: ISP.routerWan, hop2: ISP.gateway, evidence: /internet-side address 198\.51\.100\.10 is the public address/ },
  { name: 'plain home, router silent', upstream: 'none', natPmp: false, routerWan: ISP.routerWan, kind: 'single', publicIp: ISP.routerWan, hop2: ISP.gateway, evidence: /Hop 2, right after your router, is 198\.51\.100\.1/ },
  { name: 'CGNAT, router answers NAT-PMP', upstream: 'cgnat', natPmp: true, routerWan: CGNAT.routerWan, kind: 'cgnat', publicIp: ISP.upstreamWan, hop2: CGNAT.gateway, evidence: /100\.64\.0\.10, inside the range ISPs use for carrier-grade NAT/ },
  { name: 'CGNAT, router silent', upstream: 'cgnat', natPmp: false, routerWan: CGNAT.routerWan, kind: 'cgnat', publicIp: ISP.upstreamWan, hop2: CGNAT.gateway, evidence: /Hop 2 on the way out is 100\.64\.0\.1/ },
  { name: 'double NAT, router answers NAT-PMP', upstream: 'private', natPmp: true, routerWan: UPSTREAM_PRIVATE.routerWan, kind: 'double', publicIp: ISP.upstreamWan, hop2: UPSTREAM_PRIVATE.gateway, evidence: /10\.0\.0\.10, a private address/ },
  { name: 'double NAT, router silent', upstream: 'private', natPmp: false, routerWan: UPSTREAM_PRIVATE.routerWan, kind: 'double', publicIp: ISP.upstreamWan, hop2: UPSTREAM_PRIVATE.gateway, evidence: /Hop 2 on the way out, after your router, is 10\.0\.0\.1/ },
];

describeLab('network facts in three home topologies', () => {
  beforeAll(() => buildBundles());

  let lab: Lab | undefined;
  afterAll(() => lab?.destroy());

  CASES.forEach((c, i) => {
    it(c.name, async () => {
      lab = await buildTopology({ upstream: c.upstream }, { tag: `net${i}` });
      try {
        await startCompanionIn(lab.host('companion').ns, []);
        if (i === 0) {
          await lab.host('lan2').ns.ip(['link', 'set', 'dev', 'eth0', 'address', PI_MAC]);
          await lab.host('lan2').ns.exec([process.execPath, '-e', KNOCK, LAN.pc]);
        }
        let responder: NsProcess | undefined;
        if (c.natPmp) {
          responder = lab.host('router').ns.spawn([process.execPath, RESPONDER, LAN.router, c.routerWan]);
          await responder.waitForLine(/^ready$/, 20_000);
        }
        const started = Date.now();
        const r = await cliIn(lab.host('pc').ns, ['network', '--companion', COMPANION, ...LAB_STUN, '--json']);
        const took = Date.now() - started;
        expect(r.code, r.stderr).toBe(0);
        const f = r.json as NetworkFacts;

        expect(f.gateway).toMatchObject({ address: LAN.router, interfaceName: 'eth0' });
        expect(f.interfaces.find((x) => x.isDefaultRoute)?.addresses.map((a) => a.address)).toContain(LAN.pc);
        expect(f.publicAddress, JSON.stringify(f.public)).toBe(c.publicIp);
        expect(f.public).toMatchObject({ source: 'companion', mapping: 'easy' });
        if (c.natPmp) expect(f.routerWan).toMatchObject({ address: c.routerWan, source: 'nat-pmp', natPmp: 'answered' });
        else expect(f.routerWan).toMatchObject({ address: null, source: 'none', natPmp: 'no-answer' });
        expect(f.pathTrace).toMatchObject({ state: 'traced', tool: 'tracepath', target: DC.companion });
        expect(f.path.slice(0, 2).map((h) => h.address)).toEqual([LAN.router, c.hop2]);
        expect(f.path.length).toBeLessThanOrEqual(4);
        expect(f.nat.kind).toBe(c.kind);
        expect(f.nat.evidence.join(' ')).toMatch(c.evidence);
        // The neighbour table shows the router the pc just talked to.
        // The maker comes from the IEEE registry; a made-up (local) MAC has none, and says so by its kind.
        expect(f.neighbours.devices.find((d) => d.address === LAN.router)).toMatchObject({ macKind: 'local', vendor: null });
        if (i === 0) expect(f.neighbours.devices.find((d) => d.address === LAN.lan2)).toMatchObject({ mac: PI_MAC, macKind: 'universal', vendor: 'Raspberry Pi Foundation', interfaceName: 'eth0' });
        expect(f.interfaces.find((x) => x.name === 'eth0')).toMatchObject({ macKind: 'local', vendor: null });
        expect(f.macVendors.state).toBe(i === 0 ? 'looked-up' : 'not-checked');
        // The reads run in parallel: NAT-PMP's 0.6 s, STUN and tracepath's few seconds do not add up.
        expect(took).toBeLessThan(15_000);

        if (responder) {
          const requests = responder.stdout.split('\n').filter((l) => l.startsWith('request'));
          // Read-only: one external-address request (opcode 0), retried at most twice, never a mapping.
          expect(requests.length).toBeGreaterThanOrEqual(1);
          expect(requests.length).toBeLessThanOrEqual(3);
          expect(new Set(requests)).toEqual(new Set(['request version=0 opcode=0 bytes=2']));
        }
      } finally {
        await lab.destroy();
        lab = undefined;
      }
    });
  });

  it('a router that refuses NAT-PMP (result 2) is reported as refused, and the text report names every box', async () => {
    lab = await buildTopology({ upstream: 'cgnat' }, { tag: 'netx' });
    try {
      await startCompanionIn(lab.host('companion').ns, []);
      const responder = lab.host('router').ns.spawn([process.execPath, RESPONDER, LAN.router, CGNAT.routerWan, '2']);
      await responder.waitForLine(/^ready$/, 20_000);
      const json = await cliIn(lab.host('pc').ns, ['network', '--companion', COMPANION, ...LAB_STUN, '--json']);
      const f = json.json as NetworkFacts;
      expect(f.routerWan).toMatchObject({ address: null, natPmp: 'refused' });
      expect(f.routerWan.detail).toMatch(/result 2: not authorized/);
      expect(f.nat.kind).toBe('cgnat');
      const text = await cliIn(lab.host('pc').ns, ['network', '--companion', COMPANION, ...LAB_STUN]);
      expect(text.code).toBe(0);
      expect(text.stdout).toContain(`Router (gateway): ${LAN.router}`);
      expect(text.stdout).toContain(`Public address: ${ISP.upstreamWan} (seen by the companion)`);
      expect(text.stdout).toContain('Carrier-grade NAT: your provider shares one public address among customers.');
      expect(text.stdout).toContain(`2. ${CGNAT.gateway}  in the carrier-grade NAT range (100.64.0.0/10)`);
      // The router's veth/bridge MAC is random (U/L bit set): no maker, and the words say why.
      expect(text.stdout).toMatch(new RegExp(`^  ${LAN.router.replaceAll('.', '\\.')}  [0-9a-f:]{17}  private \\(randomized\\) address  on eth0$`, 'm'));
    } finally {
      await lab.destroy();
      lab = undefined;
    }
  });
});
