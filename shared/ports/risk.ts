// What is known to go wrong when a service is reachable from other networks, and the fix in words.
// Every entry names its sources; the words are ours. Used by the port reference and the audit.
import type { TransportProtocol } from './iana';

/**
 * `attacked`: worms or mass exploitation are documented for this service when it faces the
 * internet. `guessable`: bots try passwords on it; strong credentials or keys are the defence.
 * `reflector`: a UDP service attackers use to amplify floods at someone else (your line suffers).
 */
export type RiskKind = 'attacked' | 'guessable' | 'reflector';

export interface RiskSource {
  readonly title: string;
  readonly url: string;
}

export interface PortRisk {
  /** Stable id, e.g. `smb`; reports and tests refer to it. */
  readonly id: string;
  /** What people call it (shown, and searched by the reference: "smb", "windows file sharing"). */
  readonly label: string;
  readonly aliases: readonly string[];
  readonly ports: readonly number[];
  readonly protocols: readonly TransportProtocol[];
  readonly kind: RiskKind;
  /** One or two sentences: what happens when it is exposed. */
  readonly risk: string;
  /** The fix, in words a home user can act on. */
  readonly fix: string;
  readonly sources: readonly [RiskSource, ...RiskSource[]];
}

const CISA_AMPLIFICATION: RiskSource = {
  title: 'CISA alert TA14-017A: UDP-based amplification attacks',
  url: 'https://www.cisa.gov/news-events/alerts/2014/01/17/udp-based-amplification-attacks',
};
const NEVER_FORWARD_UDP = 'Do not forward it from your router; on a home network it only needs to answer devices at home.';

export const PORT_RISKS: readonly PortRisk[] = [
  {
    id: 'telnet', label: 'Telnet', aliases: ['telnet'], ports: [23, 2323], protocols: ['tcp'], kind: 'attacked',
    risk: 'Telnet sends passwords in plain text, and botnets such as Mirai log in to exposed Telnet with factory-default passwords.',
    fix: 'Turn Telnet off and use SSH instead; never forward it.',
    sources: [{ title: 'CISA alert TA16-288A: heightened DDoS threat posed by Mirai and other botnets', url: 'https://www.cisa.gov/news-events/alerts/2016/10/14/heightened-ddos-threat-posed-mirai-and-other-botnets' }],
  },
  {
    id: 'smb', label: 'Windows file sharing (SMB)', aliases: ['smb', 'samba', 'cifs', 'file sharing', 'netbios'], ports: [445, 139], protocols: ['tcp'], kind: 'attacked',
    risk: 'Worms spread through SMB: WannaCry infected computers that had port 445 reachable from the internet.',
    fix: 'Never forward 445 or 139; keep file sharing on the Private network profile and the home network only.',
    sources: [
      { title: 'CISA: indicators associated with WannaCry ransomware', url: 'https://www.cisa.gov/news-events/alerts/2017/05/12/indicators-associated-wannacry-ransomware' },
      { title: 'Microsoft Learn: secure SMB traffic in Windows Server', url: 'https://learn.microsoft.com/en-us/windows-server/storage/file-server/smb-secure-traffic' },
    ],
  },
  {
    id: 'rdp', label: 'Remote Desktop (RDP)', aliases: ['rdp', 'remote desktop', 'ms-wbt-server'], ports: [3389], protocols: ['tcp', 'udp'], kind: 'attacked',
    risk: 'Exposed Remote Desktop is scanned for all day: password guessing, and flaws such as BlueKeep (CVE-2019-0708) that let a worm in without a password.',
    fix: 'Do not forward 3389. Reach it through a VPN instead, keep Windows updated, and require Network Level Authentication.',
    sources: [
      { title: 'Microsoft Security Response Center: prevent a worm by updating Remote Desktop Services (CVE-2019-0708)', url: 'https://msrc.microsoft.com/blog/2019/05/prevent-a-worm-by-updating-remote-desktop-services-cve-2019-0708/' },
      { title: 'NVD: CVE-2019-0708', url: 'https://nvd.nist.gov/vuln/detail/CVE-2019-0708' },
    ],
  },
  {
    id: 'vnc', label: 'VNC remote screen', aliases: ['vnc', 'rfb', 'remote framebuffer'], ports: [5900, 5901], protocols: ['tcp'], kind: 'guessable',
    risk: 'The VNC protocol protects nothing beyond its optional password check: the screen and keystrokes travel unencrypted, and short VNC passwords are guessed.',
    fix: 'Do not forward VNC; reach it through SSH or a VPN, and bind it to 127.0.0.1 if only local tunnels use it.',
    sources: [{ title: 'RFC 6143 (The Remote Framebuffer Protocol), section 7: security', url: 'https://www.rfc-editor.org/rfc/rfc6143#section-7' }],
  },
  {
    id: 'mysql', label: 'MySQL / MariaDB database', aliases: ['mysql', 'mariadb'], ports: [3306], protocols: ['tcp'], kind: 'guessable',
    risk: 'A database reachable from other networks invites password guessing and attacks on the server itself; MySQL\'s own guidelines say to keep it behind a firewall.',
    fix: 'Bind it to 127.0.0.1 (bind-address in my.cnf) when only this computer uses it, or allow only the machines that need it in the firewall.',
    sources: [
      { title: 'MySQL Reference Manual: security guidelines', url: 'https://dev.mysql.com/doc/refman/8.0/en/security-guidelines.html' },
      { title: 'MySQL Reference Manual: bind_address', url: 'https://dev.mysql.com/doc/refman/8.0/en/server-system-variables.html#sysvar_bind_address' },
    ],
  },
  {
    id: 'postgresql', label: 'PostgreSQL database', aliases: ['postgres', 'postgresql', 'psql'], ports: [5432], protocols: ['tcp'], kind: 'guessable',
    risk: 'PostgreSQL listens only on localhost by default; a server changed to listen everywhere faces password guessing from every network it can see.',
    fix: 'Set listen_addresses back to \'localhost\' unless other machines need it, and restrict who may connect in pg_hba.conf and the firewall.',
    sources: [{ title: 'PostgreSQL documentation: connection settings (listen_addresses)', url: 'https://www.postgresql.org/docs/current/runtime-config-connection.html' }],
  },
  {
    id: 'redis', label: 'Redis', aliases: ['redis'], ports: [6379], protocols: ['tcp'], kind: 'attacked',
    risk: 'Redis is built for trusted networks only; an exposed Redis lets anyone read and change its data, and attackers use it to write files on the server.',
    fix: 'Bind it to 127.0.0.1, keep protected mode on, and set a password (requirepass or ACLs) if anything else must reach it.',
    sources: [{ title: 'Redis documentation: security', url: 'https://redis.io/docs/latest/operate/oss_and_stack/management/security/' }],
  },
  {
    id: 'mongodb', label: 'MongoDB', aliases: ['mongo', 'mongodb'], ports: [27017], protocols: ['tcp'], kind: 'attacked',
    risk: 'MongoDB servers left open to the internet without access control have been wiped and held to ransom in mass campaigns.',
    fix: 'Keep bindIp at localhost (the default since MongoDB 3.6), turn on access control, and allow only trusted addresses in the firewall.',
    sources: [{ title: 'MongoDB manual: security checklist', url: 'https://www.mongodb.com/docs/manual/administration/security-checklist/' }],
  },
  {
    id: 'docker-api', label: 'Docker API without TLS', aliases: ['docker', 'dockerd'], ports: [2375], protocols: ['tcp'], kind: 'attacked',
    risk: 'Whoever can talk to the Docker daemon controls this computer as root; port 2375 is the API with no encryption and no login.',
    fix: 'Close 2375: use the local socket, SSH, or TLS with client certificates on 2376.',
    sources: [{ title: 'Docker docs: protect the Docker daemon socket', url: 'https://docs.docker.com/engine/security/protect-access/' }],
  },
  {
    id: 'ftp', label: 'FTP', aliases: ['ftp'], ports: [21], protocols: ['tcp'], kind: 'guessable',
    risk: 'FTP sends passwords in plain text, and exposed FTP servers get password-guessing attempts.',
    fix: 'Use SFTP (over SSH) instead; if FTP must stay, do not forward it and allow only known addresses.',
    sources: [{ title: 'RFC 2577: FTP security considerations', url: 'https://www.rfc-editor.org/rfc/rfc2577' }],
  },
  {
    id: 'ssh', label: 'SSH', aliases: ['ssh', 'sshd'], ports: [22], protocols: ['tcp'], kind: 'guessable',
    risk: 'Every SSH server on the internet receives a steady stream of password guesses.',
    fix: 'If you forward it, allow key login only (PasswordAuthentication no) and disable root login; otherwise keep it on the home network.',
    sources: [{ title: 'OpenBSD manual: sshd_config(5)', url: 'https://man.openbsd.org/sshd_config' }],
  },
  {
    id: 'rcon', label: 'Game server remote console (RCON)', aliases: ['rcon'], ports: [25575, 27015, 27020, 28016], protocols: ['tcp'], kind: 'guessable',
    risk: 'RCON gives full control of the game server, and the Source RCON protocol sends its password unencrypted.',
    fix: 'Friends never need RCON: do not forward it, and use a long password.',
    sources: [{ title: 'Valve Developer Community: Source RCON protocol', url: 'https://developer.valvesoftware.com/wiki/Source_RCON_Protocol' }],
  },
  {
    id: 'memcached', label: 'memcached', aliases: ['memcache', 'memcached'], ports: [11211], protocols: ['udp', 'tcp'], kind: 'reflector',
    risk: 'An exposed memcached answers small forged requests with huge replies; it was used for record-size reflection floods in 2018.',
    fix: 'Bind memcached to 127.0.0.1 and turn its UDP port off. ' + NEVER_FORWARD_UDP,
    sources: [CISA_AMPLIFICATION],
  },
  {
    id: 'dns', label: 'DNS server', aliases: ['dns', 'domain'], ports: [53], protocols: ['udp'], kind: 'reflector',
    risk: 'An open DNS resolver on the internet is used to amplify floods at other people.',
    fix: NEVER_FORWARD_UDP,
    sources: [CISA_AMPLIFICATION],
  },
  {
    id: 'ntp', label: 'NTP time server', aliases: ['ntp'], ports: [123], protocols: ['udp'], kind: 'reflector',
    risk: 'Exposed NTP servers (the monlist command) amplify floods at other people.',
    fix: NEVER_FORWARD_UDP,
    sources: [CISA_AMPLIFICATION],
  },
  {
    id: 'snmp', label: 'SNMP', aliases: ['snmp'], ports: [161], protocols: ['udp'], kind: 'reflector',
    risk: 'SNMPv2 with the default community string reveals device details and amplifies floods.',
    fix: 'Turn SNMP off if nothing monitors this computer. ' + NEVER_FORWARD_UDP,
    sources: [CISA_AMPLIFICATION],
  },
  {
    id: 'ssdp', label: 'SSDP (UPnP discovery)', aliases: ['ssdp', 'upnp'], ports: [1900], protocols: ['udp'], kind: 'reflector',
    risk: 'SSDP is meant for the home network only; reachable from the internet it amplifies floods.',
    fix: NEVER_FORWARD_UDP,
    sources: [CISA_AMPLIFICATION],
  },
  {
    id: 'chargen', label: 'CharGEN', aliases: ['chargen'], ports: [19], protocols: ['udp'], kind: 'reflector',
    risk: 'CharGEN answers any datagram with a stream of characters: an old test service used only for amplifying floods today.',
    fix: 'Turn it off; nothing at home needs it.',
    sources: [CISA_AMPLIFICATION],
  },
];

let index: Map<number, PortRisk> | undefined;

/** The known risk of exposing port/protocol, or null when we know of none. */
export function riskFor(port: number, protocol: TransportProtocol): PortRisk | null {
  if (!index) {
    index = new Map();
    for (const r of PORT_RISKS) for (const p of r.ports) for (const proto of r.protocols) index.set(p * 2 + (proto === 'udp' ? 1 : 0), r);
  }
  return index.get(port * 2 + (protocol === 'udp' ? 1 : 0)) ?? null;
}
