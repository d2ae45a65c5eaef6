// The probe engine in the lab: real firewalls (nftables drop / reset / ICMP), real listeners,
// verdicts checked against the expected table AND against nmap on the same targets.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeLab } from '../../../e2e/lab/netns';
import { Netns, type NsProcess } from '../../../e2e/lab/ns-core';
import { buildPair, type LabPair } from '../../../e2e/lab/lab-pair';
import { parseNmapXml } from '../../../e2e/lab/nmap-oracle';

const ROOT = new URL('../../../', import.meta.url).pathname;
const CLI = `${ROOT}bin/port-doctor.cjs`;
const SERVERS = `${ROOT}e2e/lab/lab-game-servers.mjs`;

const T = { open: 2001, drop: 2002, reset: 2003, admin: 2004, portUnreach: 2005, nothing: 2006, hostUnreach: 2007, netUnreach: 2008, ssh: 22, minecraft: 25565 };
const U = { open: 3001, drop: 3002, admin: 3004, portUnreach: 3005, nothing: 3006, bedrock: 19132, a2s: 27015 };

// Listeners sit behind the rules on purpose: the firewall, not the absence of a server, decides.
const RULES = `
table inet probe_lab {
  chain input {
    type filter hook input priority 0; policy accept;
    tcp dport ${T.drop} drop
    tcp dport ${T.reset} reject with tcp reset
    tcp dport ${T.admin} reject with icmpx type admin-prohibited
    tcp dport ${T.portUnreach} reject with icmpx type port-unreachable
    tcp dport ${T.hostUnreach} reject with icmpx type host-unreachable
    meta nfproto ipv4 tcp dport ${T.netUnreach} reject with icmp type net-unreachable
    meta nfproto ipv6 tcp dport ${T.netUnreach} reject with icmpv6 type no-route
    udp dport ${U.drop} drop
    udp dport ${U.admin} reject with icmpx type admin-prohibited
    udp dport ${U.portUnreach} reject with icmpx type port-unreachable
    tcp dport 20000-24999 drop
  }
}
`;

interface CliResult {
  port: number;
  protocol: string;
  state: string;
  reason: string;
  rttMs: number | null;
  service: Record<string, unknown> | null;
}

describeLab('probe engine in the lab', () => {
  let lab: LabPair;
  let servers: NsProcess;

  beforeAll(async () => {
    execFileSync('node', ['scripts/build.mjs', 'cli'], { cwd: ROOT });
    lab = await buildPair('probe');
    await lab.target.nft(RULES);
    const tcp = [T.open, T.drop, T.reset, T.admin, T.portUnreach, T.hostUnreach, T.netUnreach].join(',');
    const udp = [U.open, U.drop, U.admin, U.portUnreach].join(',');
    servers = lab.target.spawn(['node', SERVERS, '--bind', '0.0.0.0', '--bind', '::', '--tcp', tcp, '--udp-echo', udp,
      '--ssh', String(T.ssh), '--minecraft', String(T.minecraft), '--bedrock', String(U.bedrock), '--a2s', String(U.a2s)]);
    await servers.waitForLine(/^ready$/, 10_000);
  });
  afterAll(async () => {
    await lab?.destroy();
  });

  const probe = async (host: string, ports: string, ...flags: string[]) => {
    const r = await lab.prober.exec(['node', CLI, 'probe', host, ports, '--json', ...flags], { timeoutMs: 60_000 });
    return JSON.parse(r.stdout) as { host: string; address: string; results: CliResult[] };
  };
  const nmap = async (...args: string[]) => parseNmapXml((await lab.prober.exec(['nmap', '-n', '-Pn', '--reason', '-oX', '-', ...args], { timeoutMs: 120_000 })).stdout);
  const verdicts = (rs: Array<{ port: number; state: string; reason: string }>) => Object.fromEntries(rs.map((r) => [r.port, `${r.state} ${r.reason}`]));

  const tcpPorts = Object.values(T).sort((a, b) => a - b).join(',');
  const expectedTcp = {
    [T.ssh]: 'open syn-ack', [T.open]: 'open syn-ack', [T.drop]: 'filtered no-response', [T.reset]: 'closed conn-refused',
    // From a socket, the kernel folds ICMP admin-prohibited into EHOSTUNREACH; nmap -sT says the same.
    [T.admin]: 'filtered host-unreach', [T.portUnreach]: 'closed conn-refused', [T.nothing]: 'closed conn-refused',
    [T.hostUnreach]: 'filtered host-unreach', [T.netUnreach]: 'filtered net-unreach', [T.minecraft]: 'open syn-ack',
  };

  it.each([['IPv4', 'v4', ''], ['IPv6', 'v6', '-6']] as const)('TCP over %s: every verdict and reason, identical to nmap -sT', async (_n, fam, nmapFlag) => {
    const address = lab[fam];
    const ours = await probe(address, tcpPorts);
    expect(ours.address).toBe(address);
    // ICMPv6 maps admin-prohibited to EACCES (IPv4's ICMP folds it into EHOSTUNREACH), so over
    // IPv6 a socket can tell it apart, and nmap -sT says so too. nmap's deadline must outlive the
    // kernel's SYN retransmit (see IPV6_MIN_TIMEOUT_MS) to see the ICMPv6 errors, as ours does.
    expect(verdicts(ours.results)).toEqual(fam === 'v4' ? expectedTcp : { ...expectedTcp, [T.admin]: 'filtered admin-prohibited' });
    const theirs = await nmap('-sT', '-p', tcpPorts, ...(nmapFlag ? [nmapFlag, '--min-rtt-timeout', '1100ms'] : []), address);
    expect(verdicts(theirs.ports)).toEqual(verdicts(ours.results));
    for (const r of ours.results) {
      if (r.state === 'filtered' && r.reason === 'no-response') expect(r.rttMs).toBeNull();
      else expect(r.rttMs).toBeGreaterThanOrEqual(0);
    }
  });

  it('times the handshake itself: the round trip to an open port agrees with nmap -sT (within 1 ms or 20%)', async () => {
    // Medians of five fresh runs each: every run of ours is a cold CLI (the case that used to carry
    // 7–9 ms of its own start-up), and one run of either tool can lose its core on a busy machine.
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] as number;
    const ours: number[] = [];
    const theirs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = (await probe(lab.v4, String(T.open))).results[0];
      expect(r).toMatchObject({ state: 'open' });
      ours.push(r?.rttMs as number);
      theirs.push((await nmap('-sT', '-p', String(T.open), lab.v4)).srttMs as number);
    }
    const [o, n] = [median(ours), median(theirs)];
    expect(n).toBeGreaterThan(0);
    expect(Math.abs(o - n), `ours ${ours.join(', ')} ms; nmap ${theirs.join(', ')} ms`).toBeLessThanOrEqual(Math.max(1, 0.2 * n));
  });

  it('confirms what answered on TCP: the Minecraft server and the SSH banner', async () => {
    const ours = await probe(lab.v4, `${T.ssh},${T.minecraft}`);
    expect(ours.results.find((r) => r.port === T.minecraft)?.service).toEqual({
      kind: 'minecraft-java', version: '1.21.4', protocolVersion: 769, playersOnline: 3, playersMax: 20, motd: 'Lab Minecraft',
    });
    expect(ours.results.find((r) => r.port === T.ssh)?.service).toEqual({ kind: 'banner', protocol: 'ssh', text: 'SSH-2.0-LabSSH_1.0' });
  });

  it('UDP: answers open, ICMP port-unreachable closed, silence open|filtered, ICMP admin-prohibited filtered — states identical to nmap -sU', async () => {
    const plain = [U.open, U.drop, U.admin, U.portUnreach, U.nothing].join(',');
    const ours = await probe(lab.v4, plain, '--udp');
    expect(verdicts(ours.results)).toEqual({
      [U.open]: 'open udp-response', [U.drop]: 'open|filtered no-response', [U.admin]: 'filtered host-unreach',
      [U.portUnreach]: 'closed port-unreach', [U.nothing]: 'closed port-unreach',
    });
    const theirs = await nmap('-sU', '-p', plain, lab.v4);
    const states = (rs: Array<{ port: number; state: string }>) => Object.fromEntries(rs.map((r) => [r.port, r.state]));
    expect(states(theirs.ports)).toEqual(states(ours.results));
    // Reasons agree too, except where nmap reads the ICMP type from a raw socket and a socket cannot.
    for (const r of ours.results) {
      const n = theirs.ports.find((p) => p.port === r.port);
      expect(r.port === U.admin ? n?.reason : r.reason).toBe(r.port === U.admin ? 'admin-prohibited' : n?.reason);
    }
  });

  it('UDP game pings turn silence into open: Bedrock (RakNet) and Steam (A2S with challenge)', async () => {
    const ours = await probe(lab.v4, `${U.bedrock},${U.a2s}`, '--udp');
    expect(ours.results).toEqual([
      { port: U.bedrock, protocol: 'udp', state: 'open', reason: 'udp-response', rttMs: expect.any(Number), local: null,
        service: { kind: 'minecraft-bedrock', edition: 'MCPE', motd: 'Lab Bedrock', protocolVersion: 766, version: '1.21.50', playersOnline: 1, playersMax: 8 } },
      { port: U.a2s, protocol: 'udp', state: 'open', reason: 'udp-response', rttMs: expect.any(Number), local: null,
        service: { kind: 'steam-a2s', name: 'Lab Valheim', map: 'Midgard', game: 'Valheim', appId: 0, players: 2, maxPlayers: 10, version: '0.218.15' } },
    ]);
  });

  it('a full loopback scan by host name finds exactly the one listener: no self-connect counts as open', async () => {
    const local = lab.prober.spawn(['node', SERVERS, '--bind', '127.0.0.1', '--tcp', '45123']);
    await local.waitForLine(/^ready$/, 10_000);
    const ours = await probe('localhost', 'all');
    expect(ours.address).toBe('127.0.0.1');
    expect(ours.results).toHaveLength(65535);
    expect(ours.results.filter((r) => r.state !== 'closed').map((r) => `${r.port} ${r.state}`)).toEqual(['45123 open']);
    await local.stop();
  });

  it('a loopback connect that meets itself is not an open port (self-connect forced by a 2-port ephemeral range)', async () => {
    const ns = await Netns.create('probe-self');
    // Linux prefers even source ports for connect(): with only 45998–45999 to choose from, a connect
    // to 127.0.0.1:45998 leaves from 45998 and meets itself (TCP simultaneous open).
    await ns.sysctl('net.ipv4.ip_local_port_range', '45998 45999');
    const naive = await ns.exec(['node', '-e',
      "const s=require('net').connect({host:'127.0.0.1',port:45998});s.on('connect',()=>{console.log('connected from '+s.localPort);s.destroy()});s.on('error',e=>console.log(e.code))"]);
    expect(naive.stdout.trim()).toBe('connected from 45998');
    for (const threads of ['one', 'several']) {
      // Two ports take one worker thread, `all` several: run both paths explicitly.
      const spec = threads === 'one' ? '45998,45999' : 'all';
      const r = await ns.exec(['node', CLI, 'probe', '127.0.0.1', spec, '--json'], { timeoutMs: 120_000 });
      const results = (JSON.parse(r.stdout) as { results: CliResult[] }).results;
      expect(results.filter((x) => x.state === 'open')).toEqual([]);
      expect(results.find((x) => x.port === 45998)).toMatchObject({ state: 'closed', reason: 'conn-refused' });
    }
    await ns.delete();
  });

  it('a 10,000-port scan never holds more sockets than its concurrency bound (counted by the kernel)', async () => {
    const bound = 200;
    const scan = lab.prober.spawn(['node', CLI, 'probe', lab.v4, '20000-29999', '--concurrency', String(bound), '--timeout', '150']);
    // /proc/net/sockstat "TCP: inuse" is the namespace's count of hashed TCP sockets, read as one
    // number (an ss listing is not atomic and double-counts under churn); nothing else runs here.
    let peak = 0;
    let samples = 0;
    let running = true;
    void scan.exited.then(() => (running = false));
    while (running) {
      const stat = await lab.prober.exec(['cat', '/proc/net/sockstat']);
      peak = Math.max(peak, Number(/^TCP: inuse (\d+)/m.exec(stat.stdout)?.[1] ?? 0));
      samples++;
    }
    expect((await scan.exited).code).toBe(0);
    expect(scan.stdout).toMatch(/5,000 ports “(closed|filtered)” not listed\. \(--json lists every port\)/);
    expect(samples).toBeGreaterThan(5);
    // The kernel sums "inuse" from per-CPU counters without a lock (sock_prot_inuse_get): a socket
    // closed on a CPU already summed while its successor opens on one not yet summed is counted
    // twice, so one read can overshoot by the closes that land inside the read itself. Seen once in
    // four CI runs as 201 of 200; a leak or a bound off by a shard would grow far past 2.
    expect(peak).toBeLessThanOrEqual(bound + 2);
    // The sampler did see the scan at work (dropped ports hold their socket until the deadline).
    expect(peak).toBeGreaterThan(bound / 2);
  });
});
