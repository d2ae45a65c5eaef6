// Linux collector on this machine's real /proc with sockets this test opens, and on a /proc tree
// built on disk (real files and symlinks) for the cases a live system cannot produce on demand.
import dgram from 'node:dgram';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectLinux, DEFAULT_LINUX_SEAMS } from './collect';
import { kernelText } from '../../os/kernel-format.test-util';
import { parsePasswd } from './process-info';
import { statLine } from './proc-tree.test-util';

const onLinux = process.platform === 'linux';

describe.runIf(onLinux)('on this machine', () => {
  const tcp = net.createServer();
  const udp = dgram.createSocket('udp4');
  let tcpPort = 0;
  let udpPort = 0;
  beforeAll(async () => {
    await new Promise<void>((r) => tcp.listen(0, '127.0.0.1', r));
    tcpPort = (tcp.address() as net.AddressInfo).port;
    await new Promise<void>((r) => udp.bind(0, '127.0.0.1', r));
    udpPort = udp.address().port;
  });
  afterAll(async () => {
    await new Promise((r) => tcp.close(r));
    udp.close();
  });

  it('finds our TCP listener and UDP socket with this process as owner', () => {
    const [row, ...rest] = collectLinux({ port: tcpPort, protocol: 'tcp' });
    expect(rest).toEqual([]);
    expect(row).toMatchObject({ protocol: 'tcp', family: 4, address: '127.0.0.1', port: tcpPort, exposure: 'loopback', pid: process.pid, ownerUnknownReason: null });
    expect(row!.exePath).toBe(process.execPath);
    expect(row!.command).toContain(process.argv[1]!.split('/').pop()!);
    expect(row!.user).toBe(os.userInfo().username);
    const [u] = collectLinux({ port: udpPort, protocol: 'udp' });
    expect(u).toMatchObject({ protocol: 'udp', port: udpPort, pid: process.pid });
  });

  it('a closed socket is gone on the next read', async () => {
    const s = net.createServer();
    await new Promise<void>((r) => s.listen(0, '::1', r));
    const port = (s.address() as net.AddressInfo).port;
    expect(collectLinux({ port })).toMatchObject([{ family: 6, address: '::1', exposure: 'loopback', pid: process.pid }]);
    await new Promise((r) => s.close(r));
    expect(collectLinux({ port })).toEqual([]);
  });
});

describe('on a /proc tree built on disk', () => {
  let root = '';
  const seams = () => ({ ...DEFAULT_LINUX_SEAMS, procRoot: path.join(root, 'proc'), passwdPath: path.join(root, 'passwd'), littleEndian: true });
  const zero16 = new Array<number>(16).fill(0);
  beforeAll(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'pd-proc-'));
    const proc = path.join(root, 'proc');
    mkdirSync(path.join(proc, 'net'), { recursive: true });
    writeFileSync(path.join(proc, 'net/tcp'), kernelText('tcp', 4, [
      { family: 4, local: [0, 0, 0, 0], localPort: 25565, remote: [0, 0, 0, 0], remotePort: 0, state: 0x0a, uid: 1000, inode: 501 },
      { family: 4, local: [10, 0, 0, 5], localPort: 41000, remote: [10, 0, 0, 9], remotePort: 25565, state: 0x01, uid: 1000, inode: 502 },
      { family: 4, local: [127, 0, 0, 1], localPort: 631, remote: [0, 0, 0, 0], remotePort: 0, state: 0x0a, uid: 0, inode: 503 },
    ]));
    writeFileSync(path.join(proc, 'net/tcp6'), kernelText('tcp', 6, [
      { family: 6, local: zero16, localPort: 22, remote: zero16, remotePort: 0, state: 0x0a, uid: 0, inode: 601 },
    ]));
    writeFileSync(path.join(proc, 'net/udp'), kernelText('udp', 4, [
      { family: 4, local: [192, 168, 1, 20], localPort: 34197, remote: [0, 0, 0, 0], remotePort: 0, state: 0x07, uid: 4242, inode: 701 },
      { family: 4, local: [192, 168, 1, 20], localPort: 5000, remote: [192, 168, 1, 1], remotePort: 53, state: 0x01, uid: 1000, inode: 702 },
    ]));
    // No udp6: IPv6 disabled on this pretend host; the collector must carry on.
    const pidDir = (pid: number, comm: string, argv: string[], fds: Record<string, string>) => {
      const d = path.join(proc, String(pid));
      mkdirSync(path.join(d, 'fd'), { recursive: true });
      writeFileSync(path.join(d, 'stat'), statLine(pid, comm, 1000 + pid));
      writeFileSync(path.join(d, 'cmdline'), `${argv.join('\0')}\0`);
      symlinkSync(argv[0]!, path.join(d, 'exe'));
      for (const [fd, target] of Object.entries(fds)) symlinkSync(target, path.join(d, 'fd', fd));
    };
    pidDir(100, 'sshd', ['/usr/sbin/sshd', '-D'], { '0': '/dev/null', '3': 'socket:[601]' });
    pidDir(200, 'java server', ['/usr/bin/java', '-jar', 'server.jar'], { '0': '/dev/null', '1': 'pipe:[9]', '7': 'socket:[501]', '8': 'socket:[502]', '9': 'anon_inode:[eventpoll]' });
    pidDir(300, 'cupsd', ['/usr/sbin/cupsd', '-l'], { '5': 'socket:[503]' });
    mkdirSync(path.join(proc, 'self'));
    writeFileSync(path.join(root, 'passwd'), 'root:x:0:0:root:/root:/bin/bash\n# comment\nbroken line\nalice:x:1000:1000:Alice,,,:/home/alice:/bin/bash\nalias:x:1000:1000::/:/bin/sh\n');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('lists only listening TCP and unconnected UDP, with owners, users and unknowns', () => {
    const rows = collectLinux({}, seams());
    expect(rows.map((r) => [r.protocol, r.family, r.address, r.port, r.exposure, r.pid, r.process, r.user, r.ownerUnknownReason])).toEqual([
      ['tcp', 6, '::', 22, 'all', 100, 'sshd', 'root', null],
      ['tcp', 4, '127.0.0.1', 631, 'loopback', 300, 'cupsd', 'root', null],
      ['tcp', 4, '0.0.0.0', 25565, 'all', 200, 'java server', 'alice', null],
      ['udp', 4, '192.168.1.20', 34197, 'interface', null, null, null, 'not-found'],
    ]);
    expect(rows[2]).toMatchObject({ command: '/usr/bin/java -jar server.jar', exePath: '/usr/bin/java', service: 'minecraft', category: 'registered', privileged: false });
    expect(rows[0]).toMatchObject({ service: 'ssh', privileged: true, category: 'well-known' });
  });

  it('applies protocol and port filters', () => {
    expect(collectLinux({ protocol: 'udp' }, seams()).map((r) => r.port)).toEqual([34197]);
    expect(collectLinux({ port: 22 }, seams()).map((r) => r.pid)).toEqual([100]);
    expect(collectLinux({ port: 9 }, seams())).toEqual([]);
  });

  it('turns a corrupt table into a COMMAND_FAILED AppError that names the file', () => {
    const bad = path.join(root, 'bad');
    mkdirSync(path.join(bad, 'net'), { recursive: true });
    writeFileSync(path.join(bad, 'net/tcp'), '  sl  local_address\n   0: 0100007F:ZZZZ\n');
    expect(() => collectLinux({}, { ...seams(), procRoot: bad })).toThrow(expect.objectContaining({ code: 'COMMAND_FAILED', detail: expect.stringContaining('net/tcp') }));
  });

  it('parsePasswd keeps the first name per uid and skips malformed lines', () => {
    const users = parsePasswd('root:x:0:0::/:/bin/sh\nbad\nx:y:notanumber:1\nalice:x:1000:1000::/:/bin/sh\nalias:x:1000:1::/:/bin/sh\n');
    expect([...users]).toEqual([[0, 'root'], [1000, 'alice']]);
  });
});
