// The namespace primitives do what netns.ts promises: isolation, processes by pid, nft, veths, clean teardown.
import { expect, it } from 'vitest';
import { describeLab, linksReady, liveProcessPids, Netns, NS_NAME_PATTERN, readSysctl, rootInterfaces, run, RUN_PREFIX, runNamespaces, veth } from './netns.js';

describeLab('netns primitives', () => {
  it('uses a short run prefix that the stale-cleanup pattern recognises', () => {
    expect(RUN_PREFIX.length).toBeLessThanOrEqual(10);
    const m = NS_NAME_PATTERN.exec(`${RUN_PREFIX}-pc`);
    expect(m && parseInt(m[1]!, 36)).toBe(process.pid);
  });

  it('creates isolated namespaces joined by a veth that never appears in the root namespace', async () => {
    const a = await Netns.create('ta');
    const b = await Netns.create('tb');
    const rootBefore = rootInterfaces();
    await veth(a, 'xa0', b, 'xb0');
    expect(rootInterfaces()).toEqual(rootBefore);
    await a.ip(['addr', 'add', '10.99.0.1/24', 'dev', 'xa0']);
    await b.ip(['addr', 'add', '10.99.0.2/24', 'dev', 'xb0']);
    await Promise.all([linksReady(a), linksReady(b)]);
    const server = b.spawn([process.execPath, '-e', "require('net').createServer(c=>c.end('pong')).listen(7001,'10.99.0.2',()=>console.log('up'))"]);
    await server.waitForLine(/^up$/, 10_000);
    const client = "require('net').connect(7001,'10.99.0.2').on('data',d=>process.stdout.write(d))";
    expect((await a.exec([process.execPath, '-e', client])).stdout).toBe('pong');
    // The lab subnet exists only inside the namespaces: the root namespace has no interface on it.
    expect((await run(['ip', '-o', 'addr', 'show'])).stdout).not.toContain('10.99.0.');
    // Forwarding is a router-only setting: a fresh namespace starts with it off.
    expect(await readSysctl(a, 'net.ipv4.ip_forward')).toBe('0');
    await a.delete();
    await b.delete();
    expect(runNamespaces()).not.toContain(a.name);
  });

  it('rejects with stderr on failure unless allowed', async () => {
    const ns = await Netns.create('tc');
    await expect(ns.exec(['ip', 'link', 'set', 'nope0', 'up'])).rejects.toThrow(/nope0|Cannot find/);
    const r = await ns.exec(['ip', 'link', 'set', 'nope0', 'up'], { allowFailure: true });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/nope0|Cannot find/);
    await ns.delete();
  });

  it('spawns a child inside the namespace, waits for its line, and stops it by pid', async () => {
    const ns = await Netns.create('td');
    const script = "const s=require('net').createServer(c=>c.end('hi')).listen(0,'127.0.0.1',()=>console.log('port='+s.address().port));";
    const p = ns.spawn([process.execPath, '-e', script]);
    const [, port] = await p.waitForLine(/^port=(\d+)$/, 10_000);
    expect(Number(port)).toBeGreaterThan(0);
    expect(liveProcessPids()).toContain(p.pid);
    // The listener is inside the namespace: `ss` there sees it, and its pid is the node process itself.
    const ss = await ns.exec(['ss', '-Hltnp', `sport = :${port}`]);
    expect(ss.stdout).toContain(`pid=${p.pid},`);
    await p.stop();
    expect(p.running).toBe(false);
    expect(liveProcessPids()).not.toContain(p.pid);
    await ns.delete();
  });

  it('loads an nftables ruleset inside the namespace only', async () => {
    const ns = await Netns.create('te');
    await ns.nft(['table inet pdtest {', '  chain input {', '    type filter hook input priority 0;', '    policy accept;', '    tcp dport 9 drop', '  }', '}'].join('\n'));
    const r = await ns.exec(['nft', 'list', 'tables']);
    expect(r.stdout).toContain('table inet pdtest');
    await expect(ns.nft('table inet broken { chain c { nonsense } }')).rejects.toThrow(/Error/);
    await ns.delete();
  });

  it('cleans up processes a test forgot when the namespace goes', async () => {
    const ns = await Netns.create('tf');
    const p = ns.spawn([process.execPath, '-e', "process.on('SIGTERM',()=>{});console.log('up');setInterval(()=>{},1000)"]);
    await p.waitForLine(/^up$/, 10_000);
    await ns.delete();
    expect(p.running).toBe(false);
    expect(runNamespaces()).toEqual([]);
  });
});
