// The explainers: short, plain words for the terms Port Doctor shows, each with the primary sources
// it rests on. Written from ../DOMAIN.md's facts; the renderer shows them at #/explain/<id>.
import type { ExplainerId } from './ids';

export interface ExplainerSource {
  readonly title: string;
  readonly url: string;
}

export interface Explainer {
  readonly id: ExplainerId;
  readonly title: string;
  /** One sentence: the answer for someone who reads nothing else. */
  readonly summary: string;
  /** Short paragraphs of plain text. */
  readonly body: readonly string[];
  /** A picture that helps; the renderer draws it. */
  readonly figure?: 'forwarding-path';
  readonly related: readonly ExplainerId[];
  readonly sources: readonly [ExplainerSource, ...ExplainerSource[]];
}

const RFC_6335: ExplainerSource = { title: 'RFC 6335: IANA procedures for the management of port numbers', url: 'https://www.rfc-editor.org/rfc/rfc6335' };
const IANA_REGISTRY: ExplainerSource = { title: 'IANA Service Name and Transport Protocol Port Number Registry', url: 'https://www.iana.org/assignments/service-names-port-numbers/service-names-port-numbers.xhtml' };
const RFC_4787: ExplainerSource = { title: 'RFC 4787: NAT behavioural requirements for unicast UDP', url: 'https://www.rfc-editor.org/rfc/rfc4787' };
const RFC_6598: ExplainerSource = { title: 'RFC 6598: IANA-reserved IPv4 prefix for shared address space (100.64.0.0/10)', url: 'https://www.rfc-editor.org/rfc/rfc6598' };
const RFC_1918: ExplainerSource = { title: 'RFC 1918: address allocation for private internets', url: 'https://www.rfc-editor.org/rfc/rfc1918' };
const NMAP_STATES: ExplainerSource = { title: 'Nmap reference guide: port scanning basics (the six port states)', url: 'https://nmap.org/book/man-port-scanning-basics.html' };

export const EXPLAINERS: Readonly<Record<ExplainerId, Explainer>> = {
  port: {
    id: 'port',
    title: 'What a port is',
    summary: 'A port is a number from 0 to 65535 that, together with an IP address and a protocol, names one program\'s door on a computer.',
    body: [
      'An IP address gets a packet to the right computer; the port number gets it to the right program on that computer. Written together they form an address:port pair such as 192.168.1.10:25565 (IPv6 addresses go in brackets: [2001:db8::10]:25565).',
      'A program that waits for connections binds a port: it asks the operating system to hand it everything that arrives for that address, port and protocol. Only one program can hold the same address, port and protocol at a time.',
      'A connection is named by four things: the source address and port, and the destination address and port. That is why one web server on port 443 can talk to thousands of visitors at once: each visitor comes from a different source port or address.',
    ],
    related: ['tcp-udp', 'port-ranges', 'bind-address', 'address-in-use'],
    sources: [RFC_6335, { title: 'RFC 9293: Transmission Control Protocol (connections and sockets)', url: 'https://www.rfc-editor.org/rfc/rfc9293' }],
  },
  'tcp-udp': {
    id: 'tcp-udp',
    title: 'TCP and UDP',
    summary: 'TCP and UDP are two ways of sending data, and each has its own set of ports: TCP 27015 and UDP 27015 are different doors.',
    body: [
      'TCP sets up a connection first with a three-way handshake, then delivers data in order and resends what gets lost. Web pages, Minecraft Java and remote consoles use TCP.',
      'UDP sends single datagrams with no handshake and no delivery promise. Games that need speed over completeness, voice chat and DNS use UDP: Minecraft Bedrock, Valheim, Factorio and most Steam games.',
      'Because the two have separate port spaces, a forward or a firewall rule for TCP does nothing for UDP. Forwarding the right number with the wrong protocol is one of the most common reasons friends cannot join.',
      'Testing differs too. A closed TCP port answers at once with a reset; an open UDP port may stay silent when it does not understand the test packet. So silence on UDP proves nothing: Port Doctor sends the game\'s own query where it knows it.',
    ],
    related: ['port', 'port-states'],
    sources: [
      { title: 'RFC 9293: Transmission Control Protocol', url: 'https://www.rfc-editor.org/rfc/rfc9293' },
      { title: 'RFC 768: User Datagram Protocol', url: 'https://www.rfc-editor.org/rfc/rfc768' },
    ],
  },
  'port-ranges': {
    id: 'port-ranges',
    title: 'The three port ranges',
    summary: 'IANA splits ports into well-known (0–1023), registered (1024–49151) and dynamic (49152–65535).',
    body: [
      'Well-known or system ports, 0–1023, are for standard services: 22 SSH, 80 and 443 web, 53 DNS. On Linux a program needs root or the CAP_NET_BIND_SERVICE capability to bind them; macOS since 10.14 lets any user bind them on every address (0.0.0.0 or ::) but still wants root for one address; Windows does not restrict them.',
      'Registered or user ports, 1024–49151, are assigned by IANA to applications that ask. Most game servers use ports here, often without registering them, so two programs may claim the same number.',
      'Dynamic, private or ephemeral ports, 49152–65535, are never assigned. Operating systems pick temporary source ports for outgoing connections from a range of their own: Windows uses 49152–65535 like IANA, Linux 32768–60999 by default (net.ipv4.ip_local_port_range). A server configured on a port inside that range can find it taken for a moment by an outgoing connection.',
    ],
    related: ['port', 'address-in-use'],
    sources: [RFC_6335, IANA_REGISTRY, { title: 'Linux kernel documentation: ip-sysctl (ip_local_port_range, ip_unprivileged_port_start)', url: 'https://docs.kernel.org/networking/ip-sysctl.html' }],
  },
  'port-states': {
    id: 'port-states',
    title: 'Open, closed and filtered',
    summary: 'Open means a program answered, closed means the computer answered that nothing listens, filtered means something dropped the test on the way.',
    body: [
      'Open: the TCP handshake completed, or a UDP service replied. A program is listening and nothing in between stopped the test.',
      'Closed: the computer itself answered "nothing here" — a TCP reset, or for UDP an ICMP port-unreachable message. The computer is reachable and no firewall dropped the test; the program is simply not running on that port. Programs report this as "connection refused".',
      'Filtered: no answer at all, or an ICMP "administratively prohibited" message. A firewall on the computer, on the router or at the provider dropped the packet. Programs report this as "timed out". Filtered tells you to look for a firewall or a missing forward; closed tells you to look at the program.',
      'Open|filtered: a UDP port that stayed silent. UDP has no handshake, so silence may mean a listening program ignored the test or a firewall dropped it; only a reply in the service\'s own protocol tells them apart.',
    ],
    related: ['tcp-udp', 'host-firewall', 'port-forwarding'],
    sources: [NMAP_STATES, { title: 'RFC 792: Internet Control Message Protocol (destination unreachable codes)', url: 'https://www.rfc-editor.org/rfc/rfc792' }],
  },
  'bind-address': {
    id: 'bind-address',
    title: 'Who can connect: the bind address',
    summary: 'A program bound to 127.0.0.1 is reachable only from this computer; bound to 0.0.0.0 or :: it is reachable on every network the computer is on.',
    body: [
      'When a program binds a port it also picks an address. 127.0.0.1 (or ::1 for IPv6) is loopback: only programs on the same computer can connect. Port Doctor shows this as "this computer only".',
      'One address of one network card, such as 192.168.1.10, accepts connections that arrive on that network only. Port Doctor shows "one network".',
      '0.0.0.0 (all IPv4 addresses) or :: (all IPv6 addresses, and on most systems IPv4 too) accepts connections on every network: home Wi-Fi, a VPN, and the internet if the router forwards the port. Port Doctor shows "every network". A game server must bind this way (or to its LAN address) for friends to reach it; a database usually should not.',
    ],
    related: ['exposure', 'host-firewall', 'port'],
    sources: [{ title: 'RFC 5735 / RFC 6890: special-purpose addresses (loopback 127.0.0.0/8)', url: 'https://www.rfc-editor.org/rfc/rfc6890' }, { title: 'RFC 3493: basic socket interface extensions for IPv6 (in6addr_any)', url: 'https://www.rfc-editor.org/rfc/rfc3493' }],
  },
  nat: {
    id: 'nat',
    title: 'NAT: why inbound traffic needs a forward',
    summary: 'Your router shares one public address among all your devices; it knows where replies go, but not where a new connection from outside should go.',
    body: [
      'At home every device has a private address (such as 192.168.1.10) and the router has the one public address the internet sees. When a device connects out, the router rewrites the source to its public address and a port of its own, and remembers the pair so the reply can find its way back. This is network address translation (NAT, more exactly NAPT).',
      'A connection that starts outside — a friend joining your server — arrives at the router with no remembered pair. The router cannot tell which device it is for, so it drops it. That is why hosting needs a port forward: a standing rule that says "this public port goes to that device".',
      'How a router picks and keeps those pairs decides how well games connect directly: "easy" NAT reuses one public port for a device\'s socket whoever it talks to, "hard" (symmetric) NAT picks a new one per destination. Consoles call this Open, Moderate or Strict.',
    ],
    figure: 'forwarding-path',
    related: ['port-forwarding', 'cgnat', 'double-nat', 'hairpin-nat'],
    sources: [{ title: 'RFC 3022: traditional IP network address translator', url: 'https://www.rfc-editor.org/rfc/rfc3022' }, RFC_4787],
  },
  'port-forwarding': {
    id: 'port-forwarding',
    title: 'Port forwarding and address reservations',
    summary: 'A port forward tells the router to send new connections on a public port to one device\'s private address and port, for one protocol.',
    body: [
      'A forward has four parts: the outside port, the protocol (TCP, UDP or both), the inside device\'s address, and the inside port. Each must match: the game\'s port, the game\'s protocol, and the address the server computer has now.',
      'The router usually hands out addresses by DHCP, and an address can change after a restart or a new network card. The forward then points at an old address where nothing listens. A DHCP reservation (also called a static lease) fixes the server computer\'s address so the forward keeps working.',
      'The forward only gets the packet to the computer. The computer\'s own firewall must still let it in, and the server must be listening on every network, not just 127.0.0.1. Port Doctor never creates forwards for you (no UPnP); it tells you which one is missing and checks it works.',
    ],
    figure: 'forwarding-path',
    related: ['nat', 'host-firewall', 'bind-address', 'hairpin-nat'],
    sources: [{ title: 'RFC 2663: IP NAT terminology and considerations', url: 'https://www.rfc-editor.org/rfc/rfc2663' }, { title: 'RFC 2131: Dynamic Host Configuration Protocol', url: 'https://www.rfc-editor.org/rfc/rfc2131' }],
  },
  'host-firewall': {
    id: 'host-firewall',
    title: 'The firewall on this computer',
    summary: 'Even with a correct forward, the computer\'s own firewall decides whether a connection reaches the program.',
    body: [
      'Windows Defender Firewall, macOS\'s application firewall and Linux\'s nftables, ufw or firewalld filter incoming connections on the computer itself. A dropped connection looks "filtered" from outside; a rejected one looks "closed".',
      'Windows keeps separate rules per network profile: Public, Private and Domain. When a game server first starts, Windows asks whether to allow it; ticking only Private while the network is set to Public leaves friends blocked, and cancelling the prompt can leave a Block rule. Setting your home network to Private, or allowing the program on the profile in use, fixes it.',
      'Third-party antivirus suites often bring a firewall of their own that overrides Windows\'s.',
    ],
    related: ['port-states', 'port-forwarding', 'exposure'],
    sources: [
      { title: 'Microsoft Learn: Windows Firewall rules and network profiles', url: 'https://learn.microsoft.com/en-us/windows/security/operating-system-security/network-security/windows-firewall/rules' },
      { title: 'nftables wiki', url: 'https://wiki.nftables.org/' },
    ],
  },
  cgnat: {
    id: 'cgnat',
    title: 'Carrier-grade NAT (CGNAT)',
    summary: 'Your provider puts many customers behind one public address, so a forward on your router cannot work: the connection never reaches it.',
    body: [
      'With CGNAT the router\'s outside (WAN) address is not public; it is in 100.64.0.0/10, the block reserved for providers\' shared address space. The real public address belongs to the provider\'s own NAT, where you cannot add forwards.',
      'Signs: the WAN address on your router page starts with 100.64 to 100.127, or differs from the address a "what is my IP" service sees; a traceroute shows a 100.64/10 hop right after your router.',
      'Ways out: ask the provider for a public IPv4 address (sometimes a paid option), use IPv6 if you and your friends have it, or host through a relay or VPN service with a public address.',
    ],
    related: ['nat', 'double-nat', 'port-forwarding'],
    sources: [RFC_6598, { title: 'RFC 6888: common requirements for carrier-grade NATs', url: 'https://www.rfc-editor.org/rfc/rfc6888' }],
  },
  'double-nat': {
    id: 'double-nat',
    title: 'Double NAT',
    summary: 'Two routers in a row both translate addresses, so a forward must exist on both, or one must be put in bridge mode.',
    body: [
      'A common case: the provider\'s modem is also a router, and your own router sits behind it. Your router\'s WAN address is then private (10.x, 172.16–31.x or 192.168.x) because the modem-router gave it one.',
      'A forward on your router alone gets nowhere: the connection stops at the first router. Either forward the port on the outer router to your router\'s WAN address as well, or put the outer device in bridge (modem-only) mode so your router gets the public address.',
    ],
    related: ['nat', 'cgnat', 'port-forwarding'],
    sources: [RFC_1918, RFC_4787],
  },
  'hairpin-nat': {
    id: 'hairpin-nat',
    title: 'Hairpin NAT: why testing from inside misleads',
    summary: 'Connecting to your own public address from inside your home fails on many routers even when friends outside can connect.',
    body: [
      'When a device at home connects to the home\'s public address, the router must turn the packet around and send it back inside (a "hairpin" or NAT loopback). Many routers do not, so the test fails although the forward works for everyone outside.',
      'The reverse happens too: the self-test succeeds through the hairpin while the outside path is blocked. Test from outside instead — a phone on mobile data, a friend, or a companion server — and connect to the server\'s LAN address while at home.',
    ],
    related: ['nat', 'port-forwarding'],
    sources: [{ title: 'RFC 4787, section 6: hairpinning', url: 'https://www.rfc-editor.org/rfc/rfc4787#section-6' }, { title: 'RFC 5382: NAT behavioural requirements for TCP (hairpinning)', url: 'https://www.rfc-editor.org/rfc/rfc5382' }],
  },
  'address-in-use': {
    id: 'address-in-use',
    title: '"Address already in use"',
    summary: 'Another program already holds that address, port and protocol; stop it, or give one of them another port.',
    body: [
      'The operating system lets one socket bind a given address, port and protocol. A second server on the same port fails with EADDRINUSE, "address already in use" (Windows: error 10048). Often the holder is an older copy of the same server that did not exit, or another program with the same default port.',
      'Find the holder: Port Doctor\'s Listeners page answers "who holds port N?", as does `port-doctor who-has N/tcp`. Without Port Doctor: `ss -ltnup` on Linux, `lsof -nP -i :N` on macOS, `netstat -ano` then Task Manager\'s PID column on Windows.',
      'A TCP port can also stay busy for a minute after its server exits (TIME_WAIT); servers that set SO_REUSEADDR can restart straight away.',
    ],
    related: ['port', 'port-ranges', 'bind-address'],
    sources: [
      { title: 'Linux man page bind(2): EADDRINUSE', url: 'https://man7.org/linux/man-pages/man2/bind.2.html' },
      { title: 'Microsoft Learn: Windows Sockets error codes (WSAEADDRINUSE 10048)', url: 'https://learn.microsoft.com/en-us/windows/win32/winsock/windows-sockets-error-codes-2' },
    ],
  },
  'port-knocking': {
    id: 'port-knocking',
    title: 'Port knocking and non-default ports',
    summary: 'Moving a service to an unusual port, or hiding it behind a knock sequence, cuts noise but is not security on its own.',
    body: [
      'Running SSH on 2222 instead of 22, or RDP on 53389, means fewer automated guesses in the logs: most bots only try the default ports. It does not stop anyone who scans all 65,536 ports, which takes seconds to minutes.',
      'Port knocking keeps a port closed until a client sends connection attempts to a secret sequence of other ports; then the firewall opens the real port for that address. The sequence travels in the clear, so it is one more obstacle, not a lock.',
      'Real protection is what still holds when the port is found: strong authentication (keys, not passwords), up-to-date software, and not exposing services that do not need to be exposed — or reaching them through a VPN.',
    ],
    related: ['exposure', 'port-ranges'],
    sources: [
      { title: 'NIST SP 800-123: guide to general server security (security through obscurity)', url: 'https://csrc.nist.gov/pubs/sp/800/123/final' },
      { title: 'Nmap reference guide: port specification (-p-, all ports)', url: 'https://nmap.org/book/man-port-specification.html' },
    ],
  },
  exposure: {
    id: 'exposure',
    title: 'What this computer exposes',
    summary: 'Every listening program is reachable from this computer only, from your network, or — if the router forwards it — from the internet.',
    body: [
      'Port Doctor groups each listening socket by how far it reaches. "Only this computer": bound to loopback, or the host firewall blocks everyone else. "Your network": bound to one private address, and the firewall lets it in — devices on that network (at home, or everyone on the same café Wi-Fi) can connect. "Your network and, if forwarded, the internet": bound to every network (0.0.0.0 or ::) or to a public address — a router forward, or an IPv6 address without a router firewall, carries it to the whole internet.',
      'A service that should stay private has two fixes: bind it to 127.0.0.1 in its own settings, or keep it bound everywhere and add a firewall rule that lets in only the devices that need it.',
      'Services with a documented history of attacks when exposed (remote desktop, file sharing, databases, Telnet, VNC, remote consoles) are flagged with the reason and the sources.',
    ],
    related: ['bind-address', 'host-firewall', 'port-forwarding', 'port-knocking'],
    sources: [{ title: 'CISA: securing network infrastructure devices', url: 'https://www.cisa.gov/news-events/news/securing-network-infrastructure-devices' }, { title: 'NIST SP 800-41 rev. 1: guidelines on firewalls and firewall policy', url: 'https://csrc.nist.gov/pubs/sp/800/41/r1/final' }],
  },
};

export function explainer(id: ExplainerId): Explainer {
  return EXPLAINERS[id];
}
