// Lab: `port-doctor invite` on the pc behind a home router, a friend on the internet and a phone on the
// LAN opening the links (curl, as a browser would), a forward to the wrong device, a held port, UDP
// through `reach`, hairpin on and off. The public address comes from the lab companion's STUN port.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Netns, NsProcess } from '../../../e2e/lab/netns';
import { describeLab } from '../../../e2e/lab/netns';
import { DC, LAN } from '../../../e2e/lab/scenario';
import { buildTopology, type Lab } from '../../../e2e/lab/topology';
import { CLI, buildBundles, cliIn, startCompanionIn } from '../../../companion/lab/lab-helpers';

const STUN = ['--stun', `${DC.companion}:3478`];
/** CLI start-up on a busy 2-core box plus one STUN round trip inside the lab. */
const READY_MS = 20_000;
const ARRIVAL_MS = 10_000;

interface Ready {
  event: 'ready';
  lan: string | null;
  public: string | null;
  code: string | null;
  mode: string;
  notes: string[];
  publicAddress: string | null;
}

async function invite(ns: Netns, args: readonly string[]): Promise<{ p: NsProcess; ready: Ready }> {
  const p = ns.spawn([process.execPath, CLI, 'invite', ...args, ...STUN, '--json']);
  const m = await p.waitForLine(/^(\{"event":"ready".*)$/, READY_MS);
  return { p, ready: JSON.parse(m[1]!) as Ready };
}

function events(p: NsProcess): Array<Record<string, unknown>> {
  return p.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** curl as a browser would open the link: one GET, body on stdout, never retried. */
async function curl(ns: Netns, url: string): Promise<{ code: number; body: string }> {
  const r = await ns.exec(['curl', '-sS', '--http1.1', '--max-time', '5', url], { allowFailure: true, timeoutMs: 15_000 });
  return { code: r.code, body: r.stdout };
}

describeLab('test from outside: invite and reach across a home router (hairpin off)', () => {
  let lab: Lab;
  beforeAll(async () => {
    buildBundles();
    lab = await buildTopology(
      {
        hairpin: false,
        forwards: [
          { proto: 'tcp', port: 8080, to: 'pc' },
          // The pc's address changed: this forward now points at lan2, where something else answers.
          { proto: 'tcp', port: 8081, to: 'lan2' },
          { proto: 'tcp', port: 8082, to: 'pc' },
          { proto: 'udp', port: 34197, to: 'pc' },
          { proto: 'udp', port: 34198, to: 'pc' },
        ],
        servers: { pc: [{ proto: 'tcp', bind: '0.0.0.0', port: 8082 }], lan2: [{ proto: 'tcp', bind: '0.0.0.0', port: 8081 }] },
      },
      { tag: 'inv' },
    );
    await startCompanionIn(lab.host('companion').ns, []);
  });
  afterAll(() => lab?.destroy());

  it('the friend opens the public link (internet), the phone on Wi-Fi the LAN link (lan); only the test port is opened', async () => {
    const { p, ready } = await invite(lab.host('pc').ns, ['8080', '--count', '2', '--timeout', '60']);
    expect(ready).toMatchObject({ mode: 'test-listener', publicAddress: lab.addr.publicIp, notes: [] });
    expect(ready.public).toMatch(new RegExp(`^http://${lab.addr.publicIp.replaceAll('.', '\\.')}:8080/[A-Za-z0-9_-]{22}$`));
    expect(ready.lan).toBe(ready.public!.replace(lab.addr.publicIp, LAN.pc));
    // `ss` in the pc's namespace: the stand-in game server's port and the test's, nothing else.
    const ss = (await lab.host('pc').ns.exec(['ss', '-Htuln'])).stdout;
    expect([...ss.matchAll(/:(\d+)\s/g)].map((m) => Number(m[1])).filter((n) => n !== 0).sort()).toEqual([8080, 8082]);

    const friend = await curl(lab.host('friend').ns, ready.public!);
    expect(friend.code).toBe(0);
    expect(friend.body).toContain('Port Doctor test on port 8080');
    await p.waitForLine(/"event":"arrival".*"path":"internet"/, ARRIVAL_MS);
    const phone = await curl(lab.host('lan2').ns, ready.lan!);
    expect(phone.body).toContain('Port Doctor test on port 8080');
    expect((await p.exited).code).toBe(0);
    const ev = events(p);
    expect(ev.map((e) => e.event)).toEqual(['ready', 'arrival', 'arrival', 'end']);
    expect(ev[1]).toMatchObject({ address: lab.addr.friendPublic, path: 'internet', via: 'link' });
    expect(ev[2]).toMatchObject({ address: LAN.lan2, path: 'lan', via: 'link' });
    // Gone when the test ends.
    expect((await lab.host('pc').ns.exec(['ss', '-Htln', 'sport = :8080'])).stdout.trim()).toBe('');
  });

  it('a forward that points at another LAN device produces no arrival, and reach says something else answered', async () => {
    const { p, ready } = await invite(lab.host('pc').ns, ['8081', '--timeout', '8']);
    const friend = await curl(lab.host('friend').ns, ready.public!);
    expect(friend.body).not.toContain('Port Doctor test');
    const r = await cliIn(lab.host('friend').ns, ['reach', ready.code!, '--json']);
    expect(r.json).toMatchObject({ target: `${lab.addr.publicIp}:8081`, outcome: 'answered-wrong' });
    expect(r.code).toBe(1);
    expect((await p.exited).code).toBe(1);
    expect(events(p).map((e) => e.event)).toEqual(['ready', 'end']);
    expect(events(p)[1]).toMatchObject({ endedBy: 'timeout', arrivals: 0 });
  });

  it('a port the game already holds: the friend\'s connection is seen in the pc\'s socket table', async () => {
    const { p, ready } = await invite(lab.host('pc').ns, ['8082', '--timeout', '30']);
    expect(ready).toMatchObject({ mode: 'port-held', notes: ['tcp-held-page-not-served'] });
    const r = await cliIn(lab.host('friend').ns, ['reach', ready.code!, '--json']);
    // The game answered, not a test page: the friend cannot tell; the host's arrival does.
    expect(r.json).toMatchObject({ outcome: 'answered-wrong' });
    expect((await p.exited).code).toBe(0);
    expect(events(p)[1]).toMatchObject({ address: lab.addr.friendPublic, path: 'internet', via: 'socket-table' });
  });

  it('UDP: the friend\'s reach is acknowledged and the host sees the arrival; not forwarded: no answer', async () => {
    const { p, ready } = await invite(lab.host('pc').ns, ['34197/udp', '--timeout', '30']);
    expect(ready).toMatchObject({ lan: null, public: null, mode: 'test-listener' });
    const r = await cliIn(lab.host('friend').ns, ['reach', ready.code!, '--json']);
    expect(r.json).toMatchObject({ target: `${lab.addr.publicIp}:34197`, protocol: 'udp', outcome: 'acknowledged' });
    expect(r.code).toBe(0);
    expect((await p.exited).code).toBe(0);
    expect(events(p)[1]).toMatchObject({ address: lab.addr.friendPublic, path: 'internet', via: 'code' });

    const other = await invite(lab.host('pc').ns, ['34199/udp', '--timeout', '6']);
    const none = await cliIn(lab.host('friend').ns, ['reach', other.ready.code!, '--json']);
    expect(none.json).toMatchObject({ outcome: 'no-answer' });
    expect((await other.p.exited).code).toBe(1);
  });

  it('hairpin off: the phone on Wi-Fi cannot open the public link, and nothing arrives', async () => {
    const { p, ready } = await invite(lab.host('pc').ns, ['8080', '--timeout', '6']);
    const phone = await curl(lab.host('lan2').ns, ready.public!);
    expect(phone.code).not.toBe(0);
    expect((await p.exited).code).toBe(1);
    expect(events(p).filter((e) => e.event === 'arrival')).toEqual([]);
  });
});

describeLab('test from outside: hairpin on', () => {
  let lab: Lab;
  beforeAll(async () => {
    buildBundles();
    lab = await buildTopology({ hairpin: true, forwards: [{ proto: 'tcp', port: 8080, to: 'pc' }, { proto: 'udp', port: 34197, to: 'pc' }] }, { tag: 'invh' });
    await startCompanionIn(lab.host('companion').ns, []);
  });
  afterAll(() => lab?.destroy());

  it('the public link opened from inside arrives, marked hairpin (not proof friends can connect)', async () => {
    const { p, ready } = await invite(lab.host('pc').ns, ['8080', '--timeout', '30']);
    const phone = await curl(lab.host('lan2').ns, ready.public!);
    expect(phone.body).toContain('Port Doctor test on port 8080');
    expect((await p.exited).code).toBe(0);
    expect(events(p)[1]).toMatchObject({ address: LAN.router, path: 'hairpin', via: 'link' });
  });

  it('UDP reach from inside through the public address: hairpin', async () => {
    const { p, ready } = await invite(lab.host('pc').ns, ['34197/udp', '--timeout', '30']);
    const r = await cliIn(lab.host('lan2').ns, ['reach', ready.code!, '--json']);
    expect(r.json).toMatchObject({ outcome: 'acknowledged' });
    expect((await p.exited).code).toBe(0);
    expect(events(p)[1]).toMatchObject({ path: 'hairpin', via: 'code' });
  });
});

