// Lab fixture for probe tests and the probe benchmark (never shipped): a prober namespace and a
// target namespace on one veth link, IPv4 and IPv6, target firewall set per test.
import { Netns, veth } from './ns-core';

export interface LabPair {
  prober: Netns;
  target: Netns;
  /** The target's addresses as the prober reaches them. */
  v4: string;
  v6: string;
  destroy(): Promise<void>;
}

/** Documentation-free private ranges, used only inside these two namespaces. */
const V4_NET = '10.61.5';
const V6_NET = 'fd00:61:5';

export async function buildPair(tag: string): Promise<LabPair> {
  const prober = await Netns.create(`${tag}-p`);
  const target = await Netns.create(`${tag}-t`);
  await veth(prober, 'pv0', target, 'tv0');
  await Promise.all([
    prober.ip(['addr', 'add', `${V4_NET}.1/24`, 'dev', 'pv0']),
    target.ip(['addr', 'add', `${V4_NET}.2/24`, 'dev', 'tv0']),
    prober.ip(['addr', 'add', `${V6_NET}::1/64`, 'dev', 'pv0', 'nodad']),
    target.ip(['addr', 'add', `${V6_NET}::2/64`, 'dev', 'tv0', 'nodad']),
    // Verdicts must not depend on the kernel's ICMP rate limit (about one error a second per peer
    // after a burst of six): a real host has it, but then nmap and we would both be guessing.
    target.sysctl('net.ipv4.icmp_ratelimit', 0),
    target.sysctl('net.ipv6.icmp.ratelimit', 0),
  ]);
  // Permanent neighbour entries: the first answers of a run must not wait on (or be lost to)
  // address resolution, which would make the first probe's verdict depend on luck.
  const mac = async (ns: Netns, dev: string): Promise<string> => {
    const link = JSON.parse((await ns.ip(['-j', 'link', 'show', dev])).stdout) as Array<{ address: string }>;
    return link[0]?.address ?? '';
  };
  const [pMac, tMac] = await Promise.all([mac(prober, 'pv0'), mac(target, 'tv0')]);
  await Promise.all([
    prober.ip(['neigh', 'replace', `${V4_NET}.2`, 'lladdr', tMac, 'dev', 'pv0', 'nud', 'permanent']),
    prober.ip(['neigh', 'replace', `${V6_NET}::2`, 'lladdr', tMac, 'dev', 'pv0', 'nud', 'permanent']),
    target.ip(['neigh', 'replace', `${V4_NET}.1`, 'lladdr', pMac, 'dev', 'tv0', 'nud', 'permanent']),
    target.ip(['neigh', 'replace', `${V6_NET}::1`, 'lladdr', pMac, 'dev', 'tv0', 'nud', 'permanent']),
  ]);
  return {
    prober,
    target,
    v4: `${V4_NET}.2`,
    v6: `${V6_NET}::2`,
    destroy: async () => {
      await Promise.all([prober.delete(), target.delete()]);
    },
  };
}
