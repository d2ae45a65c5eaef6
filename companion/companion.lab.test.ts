// Lab: the real companion on the lab's internet, the real CLI on the pc behind a home router (and CGNAT).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeLab } from '../e2e/lab/netns';
import { DC, LAN } from '../e2e/lab/scenario';
import { buildTopology, type Lab } from '../e2e/lab/topology';
import { RAKNET_SERVER, buildBundles, cliIn, startCompanionIn } from './lab/lab-helpers';

const COMPANION = `http://${DC.companion}:8080`;
/** The lab's "internet" and CGNAT ranges are special-purpose: the companion must be told to allow them. */
const LAB_COMPANION_ARGS = ['--allow-targets', '198.51.100.0/24', '203.0.113.0/24', '--checks-per-minute', '200', '--checks-per-hour', '2000'];
const STUN = ['--stun', `${DC.companion}:3478`, '--stun', `${DC.companion}:3479`];

const check = (lab: Lab, spec: string) => cliIn(lab.host('pc').ns, ['check', spec, '--companion', COMPANION, '--json']);

describeLab('companion: connect-back from the internet to a home behind NAT', () => {
  let lab: Lab;
  beforeAll(async () => {
    buildBundles();
    lab = await buildTopology(
      {
        routerInbound: 'drop',
        forwards: [
          { proto: 'tcp', port: 25565, to: 'pc' },
          { proto: 'tcp', port: 25567, to: 'pc' },
          // The pc's address changed: the forward now points at lan2, where something also answers.
          { proto: 'tcp', port: 25566, to: 'lan2' },
          { proto: 'udp', port: 34197, to: 'pc' },
          { proto: 'udp', port: 19133, to: 'pc' },
          // A Bedrock server on lan2 gets the forward; the pc runs its own on the same port.
          { proto: 'udp', port: 19132, to: 'lan2' },
        ],
        servers: { pc: [{ proto: 'tcp', bind: '0.0.0.0', port: 25567 }], lan2: [{ proto: 'tcp', bind: '0.0.0.0', port: 25566 }] },
      },
      { tag: 'cmp' },
    );
    await startCompanionIn(lab.host('companion').ns, LAB_COMPANION_ARGS);
    for (const [host, guid, port] of [['pc', 'aaaaaaaaaaaaaaaa', 19133], ['pc', 'aaaaaaaaaaaaaaaa', 19132], ['lan2', 'bbbbbbbbbbbbbbbb', 19132]] as const) {
      await lab.host(host).ns.spawn([process.execPath, RAKNET_SERVER, guid, String(port)]).waitForLine(/^ready$/, 20_000);
    }
  });
  afterAll(() => lab?.destroy());

  it('whoami returns the router\'s WAN address, not the pc\'s LAN address', async () => {
    const r = await cliIn(lab.host('pc').ns, ['whoami', '--companion', COMPANION, '--no-nat', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.json).toMatchObject({ publicAddress: lab.addr.publicIp, family: 'ipv4', nat: null });
    expect(lab.addr.publicIp).toBe(lab.addr.routerWan);
    expect((r.json as { publicAddress: string }).publicAddress).not.toBe(LAN.pc);
  });

  it('forwarded + free port: open and verified by the nonce listener', async () => {
    const r = await check(lab, '25565/tcp');
    expect(r.json).toEqual({ publicAddress: lab.addr.publicIp, protocol: 'tcp', port: 25565, state: 'open', reason: 'syn-ack', verified: { state: 'yes', detail: "Port Doctor's test listener answered with the fresh code" }, verifiedBy: 'nonce' });
    expect(r.code).toBe(0);
  });

  it('forwarded + held by a running server: verified through the pc\'s socket table', async () => {
    const r = await check(lab, '25567/tcp');
    expect(r.json).toMatchObject({ state: 'open', verified: { state: 'yes' }, verifiedBy: 'socket-table' });
  });

  it('forwarded to the wrong LAN IP: something answers, but it is not verified', async () => {
    const r = await check(lab, '25566/tcp');
    expect(r.json).toMatchObject({ state: 'open', reason: 'syn-ack', verified: { state: 'no', detail: 'our test listener saw nothing' }, verifiedBy: null });
    expect(r.code).toBe(1);
  });

  it('not forwarded: filtered (the router drops it)', async () => {
    const r = await check(lab, '25570/tcp');
    expect(r.json).toMatchObject({ state: 'filtered', reason: 'no-response', verified: { state: 'no' }, verifiedBy: null });
  });

  it('UDP forwarded: reached and verified; not forwarded: not reached', async () => {
    const yes = await check(lab, '34197/udp');
    expect(yes.json).toMatchObject({ protocol: 'udp', state: 'open', reason: 'udp-response', verified: { state: 'yes' }, verifiedBy: 'nonce' });
    const no = await check(lab, '34198/udp');
    expect(no.json).toMatchObject({ protocol: 'udp', state: 'open|filtered', reason: 'no-response', verified: { state: 'no' } });
  });

  it('UDP held by a game server: the same RakNet server inside and outside is verified; another one is not', async () => {
    const right = await check(lab, '19133/udp');
    expect(right.json).toMatchObject({ state: 'open', reason: 'udp-response', verified: { state: 'yes' }, verifiedBy: 'protocol' });
    const wrong = await check(lab, '19132/udp');
    expect(wrong.json).toMatchObject({ state: 'open', reason: 'udp-response', verified: { state: 'no', detail: 'another server answered raknet-ping from outside' }, verifiedBy: null });
  });

  it('easy NAT (plain masquerade): the same mapping towards both STUN ports', async () => {
    const r = await cliIn(lab.host('pc').ns, ['whoami', '--companion', COMPANION, ...STUN, '--json']);
    expect(r.json).toMatchObject({ publicAddress: lab.addr.publicIp, nat: { publicAddress: lab.addr.publicIp, mapping: 'easy' } });
  });
});

describeLab('companion: hard NAT and CGNAT', () => {
  const labs: Lab[] = [];
  beforeAll(() => buildBundles());
  afterAll(async () => {
    for (const l of labs) await l.destroy();
  });

  it('hard NAT (masquerade random,fully-random): a new mapping per destination port', async () => {
    const lab = await buildTopology({ nat: 'hard' }, { tag: 'hard' });
    labs.push(lab);
    await startCompanionIn(lab.host('companion').ns, LAB_COMPANION_ARGS);
    const r = await cliIn(lab.host('pc').ns, ['whoami', '--companion', COMPANION, ...STUN, '--json']);
    expect(r.json).toMatchObject({ publicAddress: lab.addr.publicIp, nat: { mapping: 'hard' } });
  });

  it('behind CGNAT whoami returns the CGNAT\'s outside address, not the router WAN', async () => {
    const lab = await buildTopology({ upstream: 'cgnat' }, { tag: 'cgn' });
    labs.push(lab);
    await startCompanionIn(lab.host('companion').ns, LAB_COMPANION_ARGS);
    const r = await cliIn(lab.host('pc').ns, ['whoami', '--companion', COMPANION, '--no-nat', '--json']);
    expect(lab.addr.routerWan).toMatch(/^100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\./);
    expect(r.json).toMatchObject({ publicAddress: lab.addr.publicIp });
    expect(lab.addr.publicIp).not.toBe(lab.addr.routerWan);
  });
});

describeLab('companion: IPv6 without NAT', () => {
  let lab: Lab;
  beforeAll(async () => {
    buildBundles();
    lab = await buildTopology({ ipv6: { router: 'filter', allow: [{ proto: 'tcp', port: 25565 }] } }, { tag: 'v6' });
    await startCompanionIn(lab.host('companion').ns, ['--allow-targets', '2001:db8::/32', ...LAB_COMPANION_ARGS]);
  });
  afterAll(() => lab?.destroy());
  const url = () => `http://[${lab.addr.companionV6}]:8080`;

  it('whoami over IPv6 returns the pc\'s own global address', async () => {
    const r = await cliIn(lab.host('pc').ns, ['whoami', '--companion', url(), '--no-nat', '--json']);
    expect(r.json).toMatchObject({ publicAddress: lab.addr.pcV6, family: 'ipv6' });
  });

  it('an allowed IPv6 port is open and verified; a filtered one is filtered', async () => {
    const yes = await cliIn(lab.host('pc').ns, ['check', '25565/tcp', '--companion', url(), '--json']);
    expect(yes.json).toEqual({ publicAddress: lab.addr.pcV6, protocol: 'tcp', port: 25565, state: 'open', reason: 'syn-ack', verified: { state: 'yes', detail: "Port Doctor's test listener answered with the fresh code" }, verifiedBy: 'nonce' });
    const no = await cliIn(lab.host('pc').ns, ['check', '25566/tcp', '--companion', url(), '--json']);
    expect(no.json).toMatchObject({ state: 'filtered', verified: { state: 'no' } });
  });
});
