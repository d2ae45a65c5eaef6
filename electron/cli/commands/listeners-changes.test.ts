// `listeners --watch --changes` with the real socket table: a socket this test opens after the
// baseline is printed with '+', and with '-' once the test closes it. Other programs on the machine
// may come and go meanwhile, so only our own lines are asserted.
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { runCli } from '../main';
import { memoryIo } from '../memory-io.test-util';

const io = (onOut: (text: string) => void) => memoryIo({ onOut }).io;

describe('port-doctor listeners --watch --changes', () => {
  it('prints a baseline, then + for a socket that appeared and - when it went away', async () => {
    const server = net.createServer();
    let port = 0;
    let out = '';
    const code = await runCli(
      ['listeners', '--watch', '--changes', '--tcp', '--interval', '0.4', '--count', '4'],
      io((t) => {
        out += t;
        if (/watching \d+ sockets/.test(t)) server.listen(0, '127.0.0.1', () => (port = (server.address() as net.AddressInfo).port));
        else if (port !== 0 && t.includes(` + tcp 127.0.0.1:${port} `)) server.close();
      }),
    );
    expect(code).toBe(0);
    expect(out.split('\n')[0]).toMatch(/^\S+: watching \d+ sockets; printing only changes \(\+ new, - gone\)$/);
    expect(out).toMatch(new RegExp(` \\+ tcp 127\\.0\\.0\\.1:${port}  \\S+ \\(pid ${process.pid}\\)  this computer only\\n`));
    expect(out).toMatch(new RegExp(` - tcp 127\\.0\\.0\\.1:${port}  \\S+ \\(pid ${process.pid}\\)  this computer only\\n`));
    expect(out.indexOf(` + tcp 127.0.0.1:${port}`)).toBeLessThan(out.indexOf(` - tcp 127.0.0.1:${port}`));
  });

  it('--json: one line per refresh that changed, baseline first', async () => {
    const server = net.createServer();
    let port = 0;
    const lines: string[] = [];
    await runCli(
      ['listeners', '--watch', '--changes', '--json', '--tcp', '--interval', '0.4', '--count', '3'],
      io((t) => {
        lines.push(t);
        if (lines.length === 1) server.listen(0, '127.0.0.1', () => (port = (server.address() as net.AddressInfo).port));
      }),
    );
    await new Promise((r) => server.close(r));
    const docs = lines.map((l) => JSON.parse(l) as { baseline: boolean; added: Array<{ port: number; pid: number }>; removed: unknown[] });
    expect(docs[0]?.baseline).toBe(true);
    expect(docs[0]?.added).toEqual([]);
    const ours = docs.slice(1).flatMap((d) => d.added).filter((a) => a.port === port);
    expect(ours).toEqual([expect.objectContaining({ port, pid: process.pid })]);
  });

  it('--changes without --watch is a usage error', async () => {
    const c = memoryIo();
    expect(await runCli(['listeners', '--changes'], c.io)).toBe(2);
    expect(c.err()).toContain('--changes goes with --watch');
  });
});
