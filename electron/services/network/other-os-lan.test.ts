// macOS and Windows gateway/neighbour parsers on recorded output (Windows in English and German).
import { describe, expect, it } from 'vitest';
import { parseMacArp, parseMacRouteGet, parseWindowsArp, parseWindowsRoutePrint } from './other-os-lan';

const MAC_ROUTE = `   route to: default
destination: default
       mask: default
    gateway: 192.168.1.1
  interface: en0
      flags: <UP,GATEWAY,DONE,STATIC,PRCLONING,GLOBAL>
`;
const MAC_ARP = `? (192.168.1.1) at a4:91:b1:0:c:2 on en0 ifscope [ethernet]
? (192.168.1.23) at (incomplete) on en0 ifscope [ethernet]
? (192.168.1.255) at ff:ff:ff:ff:ff:ff on en0 ifscope [ethernet]
? (192.168.1.40) at 3c:22:fb:12:34:56 on en0 ifscope permanent [ethernet]
`;
const WIN_ROUTE_DE = `===========================================================================
Schnittstellenliste
 11...a4 91 b1 00 0c 03 ......Intel(R) Wi-Fi 6 AX201 160MHz
===========================================================================

IPv4-Routentabelle
===========================================================================
Aktive Routen:
     Netzwerkziel    Netzwerkmaske          Gateway    Schnittstelle Metrik
          0.0.0.0          0.0.0.0      192.168.178.1   192.168.178.23     35
          0.0.0.0          0.0.0.0         10.8.0.1         10.8.0.6    291
        127.0.0.0        255.0.0.0   Auf Verbindung         127.0.0.1    331
===========================================================================
`;
const WIN_ARP_DE = `
Schnittstelle: 192.168.178.23 --- 0xb
  Internetadresse       Physische Adresse     Typ
  192.168.178.1         a4-91-b1-00-0c-02     dynamisch
  192.168.178.40        3c-22-fb-12-34-56     dynamisch
  192.168.178.255       ff-ff-ff-ff-ff-ff     statisch
  224.0.0.22            01-00-5e-00-00-16     statisch
`;
const WIN_ARP_EN = `
Interface: 10.0.0.5 --- 0x4
  Internet Address      Physical Address      Type
  10.0.0.1              00-11-22-33-44-55     dynamic
`;

describe('macOS', () => {
  it('route -n get default', () => expect(parseMacRouteGet(MAC_ROUTE)).toEqual({ gateway: '192.168.1.1', interfaceName: 'en0' }));
  it('arp -an: complete entries, MACs padded, broadcast skipped', () =>
    expect(parseMacArp(MAC_ARP)).toEqual([
      { address: '192.168.1.1', mac: 'a4:91:b1:00:0c:02', interfaceName: 'en0' },
      { address: '192.168.1.40', mac: '3c:22:fb:12:34:56', interfaceName: 'en0' },
    ]));
});

describe('Windows', () => {
  it('route print -4 (German): the lowest-metric default route', () => expect(parseWindowsRoutePrint(WIN_ROUTE_DE)).toEqual({ gateway: '192.168.178.1', interfaceAddress: '192.168.178.23' }));
  it('arp -a in German and English, broadcast and multicast skipped', () => {
    expect(parseWindowsArp(WIN_ARP_DE)).toEqual([
      { address: '192.168.178.1', mac: 'a4:91:b1:00:0c:02', interfaceName: '192.168.178.23' },
      { address: '192.168.178.40', mac: '3c:22:fb:12:34:56', interfaceName: '192.168.178.23' },
    ]);
    expect(parseWindowsArp(WIN_ARP_EN)).toEqual([{ address: '10.0.0.1', mac: '00:11:22:33:44:55', interfaceName: '10.0.0.5' }]);
  });
  it('unrelated text gives nothing', () => {
    expect(parseWindowsRoutePrint('nothing here')).toEqual({ gateway: null, interfaceAddress: null });
    expect(parseWindowsArp('')).toEqual([]);
    expect(parseMacArp('garbage')).toEqual([]);
  });
});
