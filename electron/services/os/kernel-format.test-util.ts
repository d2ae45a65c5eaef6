// Test helper: writes /proc/net/* text the way the kernel's seq_show functions print it
// (net/ipv4/tcp_ipv4.c, net/ipv6/tcp_ipv6.c, net/ipv4/udp.c, net/ipv6/datagram.c).
export interface KernelSocket {
  family: 4 | 6;
  /** 4 or 16 bytes, network order. */
  local: number[];
  localPort: number;
  remote: number[];
  remotePort: number;
  state: number;
  uid: number;
  inode: number;
}

const hex = (v: number, width: number) => v.toString(16).toUpperCase().padStart(width, '0');

/** `%08X` of a 32-bit big-endian field as the host CPU reads it. */
export function kernelWord(b: number[], littleEndian: boolean): string {
  const [b0 = 0, b1 = 0, b2 = 0, b3 = 0] = b;
  const v = littleEndian ? (b0 | (b1 << 8) | (b2 << 16) | (b3 << 24)) >>> 0 : ((b0 << 24) | (b1 << 16) | (b2 << 8) | b3) >>> 0;
  return hex(v, 8);
}

function kernelAddress(bytes: number[], littleEndian: boolean): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 4) out += kernelWord(bytes.slice(i, i + 4), littleEndian);
  return out;
}

export type Table = 'tcp' | 'udp';

const HEADERS = {
  tcp4: '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
  udp4: '   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops',
  tcp6: '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
  udp6: '  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops',
};

/** A whole file. IPv4 tables pad every line to a fixed width (TMPSZ 150 for TCP, 128 for UDP). */
export function kernelText(table: Table, family: 4 | 6, sockets: KernelSocket[], littleEndian = true): string {
  const pad = family === 4 ? (table === 'tcp' ? 149 : 127) : 0;
  const line = (s: string) => `${s.padEnd(pad)}\n`;
  let out = line(HEADERS[`${table}${family}`]);
  sockets.forEach((s, i) => {
    const slot = String(i).padStart(table === 'tcp' ? 4 : 5);
    const addr = `${kernelAddress(s.local, littleEndian)}:${hex(s.localPort, 4)} ${kernelAddress(s.remote, littleEndian)}:${hex(s.remotePort, 4)}`;
    const common = `${slot}: ${addr} ${hex(s.state, 2)} 00000000:00000000 00:00000000 00000000 ${String(s.uid).padStart(5)} ${String(0).padStart(8)} ${s.inode}`;
    const tail = table === 'tcp' ? ' 1 0000000000000000 100 0 0 10 0' : ' 2 0000000000000000 0';
    out += line(common + tail);
  });
  return out;
}
