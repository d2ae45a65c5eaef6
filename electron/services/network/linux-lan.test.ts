// resolv.conf and /proc/net/arp parsing (the lab test checks the neighbour table on a real kernel).
import { describe, expect, it } from 'vitest';
import { parseProcNetArp, parseResolvConf } from './linux-lan';

describe('linux LAN files', () => {
  it('reads nameservers in order, once each, skipping comments and options', () => {
    expect(parseResolvConf('# generated\nnameserver 192.168.1.1\noptions edns0\nnameserver 2001:db8::53\nnameserver 192.168.1.1\n;nameserver 9.9.9.9\n')).toEqual(['192.168.1.1', '2001:db8::53']);
  });

  it('keeps complete ARP entries only', () => {
    const arp = [
      'IP address       HW type     Flags       HW address            Mask     Device',
      '192.168.50.1     0x1         0x2         AA:bb:cc:dd:ee:01     *        eth0',
      '192.168.50.30    0x1         0x0         00:00:00:00:00:00     *        eth0',
      '192.168.50.20    0x1         0x6         aa:bb:cc:dd:ee:02     *        eth0',
      '',
    ].join('\n');
    expect(parseProcNetArp(arp)).toEqual([
      { address: '192.168.50.1', mac: 'aa:bb:cc:dd:ee:01', interfaceName: 'eth0' },
      { address: '192.168.50.20', mac: 'aa:bb:cc:dd:ee:02', interfaceName: 'eth0' },
    ]);
    expect(parseProcNetArp('header only\n')).toEqual([]);
  });
});
