// Windows connection table on recorded output: `netstat -ano` in English, German and French (OEM
// code page 850, localized state words) and Get-NetTCPConnection JSON; the netstat → PowerShell fallback.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CommandOutcome, CommandRequest, CommandRunner } from '../../os/command';
import { ConnectionTableFormatError } from '../connections';
import { NETSTAT_WINDOWS_ARGS, parsePowershellConnections, parseWindowsNetstat, powershellConnectionsScript, windowsConnectionTable } from './connections';

// The runner decodes netstat's OEM code page as Latin-1, as here.
const latin1 = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'latin1');
const utf8 = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const ends = (rows: { remoteAddress: string; remotePort: number }[]) => rows.map((r) => `${r.remoteAddress}|${r.remotePort}`);

const NETSTAT_25565 = [
  '203.0.113.77|51234', '192.168.178.31|50022', '198.51.100.9|61001', '198.51.100.11|61003', '127.0.0.1|53010',
  '2001:db8:ffff::77|49152', 'fe80::aa:bbff:fecc:ddee|53001', '::1|53120',
];

describe('parseWindowsNetstat', () => {
  it.each(['en', 'de', 'fr'])('%s: connected rows on the port by shape (remote port ≠ 0), zones dropped; TIME_WAIT counts', (lang) => {
    expect(ends(parseWindowsNetstat(latin1(`netstat-ano-conn-${lang}.txt`), 25565))).toEqual(NETSTAT_25565);
  });

  it('leaves out listeners (also the two-word À L\'ÉCOUTE), SYN_ handshakes, UDP, and other local ports', () => {
    const fr = latin1('netstat-ano-conn-fr.txt');
    expect(ends(parseWindowsNetstat(fr, 25565))).not.toContain('198.51.100.10|61002');
    expect(parseWindowsNetstat(fr, 135)).toEqual([]);
    expect(parseWindowsNetstat(fr, 5353)).toEqual([]);
    expect(ends(parseWindowsNetstat(fr, 53010))).toEqual(['127.0.0.1|25565']);
    expect(parseWindowsNetstat(latin1('netstat-ano-conn-de.txt'), 25565)[0]).toEqual({ remoteAddress: '203.0.113.77', remotePort: 51234, localAddress: '192.168.178.20' });
  });

  it('the listeners adapter\'s recorded netstat (German) reads the same way: one connection on 50022, none on 25565', () => {
    const de = latin1('netstat-ano-de.txt');
    expect(parseWindowsNetstat(de, 25565)).toEqual([]);
    expect(ends(parseWindowsNetstat(de, 50022))).toEqual(['2001:db8::1|443']);
  });

  it('empty output, an error message or another tool\'s text is a clear format error', () => {
    for (const bad of ['', '\r\n', 'Der Befehl "netstat" ist entweder falsch geschrieben oder\r\nkonnte nicht gefunden werden.\r\n', 'Active Connections\r\n\r\n  Proto  Local Address\r\n', '\u0000\u0001garbage']) {
      expect(() => parseWindowsNetstat(bad, 25565)).toThrow(ConnectionTableFormatError);
    }
    expect(() => parseWindowsNetstat('', 1)).toThrow(/netstat output is not a socket table: the output was empty/);
  });

  it('round trip over generated rows; hostile text gives rows or the format error, nothing else', () => {
    const row = fc.record({
      local: fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((b) => b.join('.')),
      remote: fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((b) => b.join('.')),
      lport: fc.integer({ min: 1, max: 65535 }), rport: fc.integer({ min: 0, max: 65535 }), pid: fc.nat(99_999),
      state: fc.constantFrom('ESTABLISHED', 'HERGESTELLT', 'À L\'ÉCOUTE', 'TIME_WAIT', 'SYN_SENT'),
    });
    fc.assert(fc.property(fc.array(row, { minLength: 1, maxLength: 20 }), fc.integer({ min: 1, max: 65535 }), (rows, port) => {
      const text = rows.map((r) => `  TCP    ${r.local}:${r.lport}   ${r.remote}:${r.rport}   ${r.state}   ${r.pid}`).join('\r\n');
      const want = rows.filter((r) => r.lport === port && r.rport !== 0 && !r.state.startsWith('SYN_')).map((r) => `${r.remote}|${r.rport}`);
      expect(ends(parseWindowsNetstat(text, port))).toEqual(want);
    }));
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (junk) => {
      try {
        parseWindowsNetstat(junk, 25565);
      } catch (e) {
        expect(e).toBeInstanceOf(ConnectionTableFormatError);
      }
    }));
  });
});

describe('parsePowershellConnections', () => {
  it('reads Get-NetTCPConnection JSON: IPv4, IPv6, link-local zone dropped, IPv4-mapped kept as written', () => {
    expect(ends(parsePowershellConnections(utf8('powershell-connections.json'), 25565))).toEqual([
      '203.0.113.77|51234', '192.168.178.31|50022', '198.51.100.9|61001', '198.51.100.11|61003',
      '::ffff:198.51.100.12|61004', '2001:db8:ffff::77|49152', 'fe80::aa:bbff:fecc:ddee|53001', '127.0.0.1|53010',
    ]);
  });

  it('Windows PowerShell 5.1 enum numbers mean the same states; a lone object, null and a BOM are accepted', () => {
    expect(ends(parsePowershellConnections(utf8('powershell-connections-numeric.json'), 25565))).toEqual([
      '203.0.113.77|51234', '192.168.178.31|50022', '198.51.100.9|61001', '198.51.100.11|61003',
    ]);
    expect(ends(parsePowershellConnections(`\uFEFF${utf8('powershell-connections-single.json')}`, 25565))).toEqual(['203.0.113.77|51234']);
    expect(parsePowershellConnections('null', 25565)).toEqual([]);
    expect(parsePowershellConnections('[]', 25565)).toEqual([]);
  });

  it('anything else is a clear format error', () => {
    expect(() => parsePowershellConnections('', 1)).toThrow(/powershell output is not a socket table: not JSON \(the output was empty\)/);
    expect(() => parsePowershellConnections('Get-NetTCPConnection : Der Begriff wurde nicht erkannt', 1)).toThrow(/not JSON \(it began "Get-NetTCPConnection/);
    expect(() => parsePowershellConnections('[{"LocalPort":70000}]', 1)).toThrow(/not a list of connections/);
    expect(() => parsePowershellConnections('{"tcp":[]}', 1)).toThrow(ConnectionTableFormatError);
  });

  it('the script asks for the one port, states by name; a port that is not 1–65535 is refused before any script is built', () => {
    const script = powershellConnectionsScript(25565);
    expect(script).toContain('Get-NetTCPConnection -LocalPort 25565 ');
    expect(script).toContain('[string]$_.State');
    expect(() => powershellConnectionsScript(0)).toThrow(RangeError);
    expect(() => powershellConnectionsScript(1.5)).toThrow(RangeError);
  });
});

describe('windowsConnectionTable through the command runner seam', () => {
  const ok = (stdout: string): CommandOutcome => ({ kind: 'exited', exitCode: 0, stdout, stderr: '', truncated: false });
  const signal = new AbortController().signal;

  it('netstat -ano first, decoded as Latin-1 (OEM code page), polled twice a second', async () => {
    const seen: CommandRequest[] = [];
    const table = windowsConnectionTable(async (r) => (seen.push(r), ok(latin1('netstat-ano-conn-de.txt'))));
    expect(ends(await table.read(25565, signal))).toEqual(NETSTAT_25565);
    expect(seen).toEqual([expect.objectContaining({ file: 'netstat', args: NETSTAT_WINDOWS_ARGS, encoding: 'latin1', signal })]);
    expect([table.source, table.pollMs]).toEqual(['netstat', 500]);
  });

  it('when netstat cannot run, PowerShell answers from then on, polled less often', async () => {
    const files: string[] = [];
    const run: CommandRunner = async (r) => {
      files.push(r.file);
      return r.file === 'netstat' ? { kind: 'not-installed', file: 'netstat' } : ok(utf8('powershell-connections.json'));
    };
    const table = windowsConnectionTable(run);
    expect(await table.read(25565, signal)).toHaveLength(8);
    expect(await table.read(25565, signal)).toHaveLength(8);
    expect(files).toEqual(['netstat', 'powershell.exe', 'powershell.exe']);
    expect(table.source).toBe('powershell');
    expect(table.pollMs).toBeGreaterThan(500);
  });

  it('both failing is one error naming both; a netstat hang is not hidden by a fallback', async () => {
    const broken = windowsConnectionTable(async (r) => (r.file === 'netstat' ? ok('Zugriff verweigert') : { kind: 'exited', exitCode: 1, stdout: '', stderr: 'Get-NetTCPConnection : Zugriff verweigert', truncated: false }));
    await expect(broken.read(25565, signal)).rejects.toMatchObject({
      code: 'COMMAND_FAILED',
      detail: 'neither netstat nor PowerShell gave the connection table: netstat output is not a socket table: it began "Zugriff verweigert"; powershell.exe exited with code 1: Get-NetTCPConnection : Zugriff verweigert',
    });
    const files: string[] = [];
    const hung = windowsConnectionTable(async (r) => (files.push(r.file), { kind: 'timed-out', stdout: '', stderr: '', timeoutMs: 5000 }));
    await expect(hung.read(25565, signal)).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(files).toEqual(['netstat']);
  });
});
