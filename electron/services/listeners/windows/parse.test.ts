// Windows parsers on recorded output, English and German (localized state words, OEM code page).
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/errors';
import type { CommandRunner } from '../run-command';
import { collectWindows } from './collect';
import { parseCsvLine, parseNetstat, parsePowershell, parseTasklist } from './parse';

// netstat and tasklist write the OEM code page; the runner decodes them as Latin-1, as here.
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'latin1');
const utf8 = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('parsePowershell', () => {
  it('reads Get-NetTCPConnection / Get-NetUDPEndpoint / Get-Process JSON', () => {
    const t = parsePowershell(utf8('powershell-en.json'))!;
    expect(t.sockets).toContainEqual({ protocol: 'tcp', family: 6, address: '::', port: 135, pid: 1052 });
    expect(t.sockets).toContainEqual({ protocol: 'udp', family: 6, address: 'fe80::1c2b:3d4e:5f60:7182', port: 1900, pid: 4512 });
    expect(t.sockets).toHaveLength(9);
    expect(t.processes.get(3364)).toEqual({ name: 'Mein Server', path: 'C:\\Users\\Jürgen\\Spiele\\Mein Server.exe' });
  });

  it('accepts ConvertTo-Json\'s lone objects and nulls, and a UTF-8 BOM', () => {
    const t = parsePowershell(`\uFEFF${utf8('powershell-single.json')}`)!;
    expect(t.sockets).toEqual([{ protocol: 'tcp', family: 4, address: '0.0.0.0', port: 7777, pid: 600 }]);
    expect(t.processes.get(600)?.name).toBe('TerrariaServer');
  });

  it('returns null for anything else (the caller then falls back to netstat)', () => {
    for (const bad of ['', 'Get-NetTCPConnection : Der Begriff wurde nicht erkannt', '{"tcp":[{"LocalPort":70000}]}', '[]', 'null']) {
      expect(parsePowershell(bad)).toBeNull();
    }
  });
});

describe('parseNetstat', () => {
  it('German output: listening TCP by foreign port 0, never by the localized state word', () => {
    const rows = parseNetstat(fixture('netstat-ano-de.txt'));
    expect(rows.map((r) => `${r.protocol} ${r.address} ${r.port} ${r.pid}`)).toEqual([
      'tcp 0.0.0.0 135 1052', 'tcp 0.0.0.0 445 4', 'tcp 0.0.0.0 25565 8120', 'tcp 127.0.0.1 49670 3364',
      'tcp 192.168.178.20 139 4', 'tcp :: 135 1052', 'tcp ::1 49671 3364',
      'udp 0.0.0.0 5353 2040', 'udp 0.0.0.0 34197 9990', 'udp 127.0.0.1 61000 3364', 'udp :: 5353 2040',
      'udp fe80::1c2b:3d4e:5f60:7182 1900 4512',
    ]);
  });

  it('English output gives the same shape', () => {
    expect(parseNetstat(fixture('netstat-ano-en.txt'))).toEqual([
      { protocol: 'tcp', family: 4, address: '0.0.0.0', port: 135, pid: 1052 },
      { protocol: 'tcp', family: 4, address: '127.0.0.1', port: 49670, pid: 3364 },
      { protocol: 'tcp', family: 6, address: '::', port: 135, pid: 1052 },
      { protocol: 'udp', family: 4, address: '0.0.0.0', port: 5353, pid: 2040 },
    ]);
  });

  it('round trip: rows written in netstat columns come back; established ones are left out', () => {
    const row = fc.record({
      tcp: fc.boolean(), v4: fc.boolean(), port: fc.integer({ min: 0, max: 65535 }),
      foreignPort: fc.integer({ min: 0, max: 65535 }), pid: fc.nat(99_999), state: fc.constantFrom('LISTENING', 'ABHÖREN', 'À_L\'ÉCOUTE', 'ESTABLISHED'),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 20 }), (rows) => {
        const text = rows
          .map((r) => {
            const local = r.v4 ? `10.1.2.3:${r.port}` : `[2001:db8::3]:${r.port}`;
            return r.tcp
              ? `  TCP    ${local.padEnd(23)}${(r.v4 ? `0.0.0.0:${r.foreignPort}` : `[::]:${r.foreignPort}`).padEnd(23)}${r.state.padEnd(16)}${r.pid}`
              : `  UDP    ${local.padEnd(23)}*:*${' '.repeat(37)}${r.pid}`;
          })
          .join('\r\n');
        const want = rows
          .filter((r) => !r.tcp || r.foreignPort === 0)
          .map((r) => ({ protocol: r.tcp ? 'tcp' : 'udp', family: r.v4 ? 4 : 6, address: r.v4 ? '10.1.2.3' : '2001:db8::3', port: r.port, pid: r.pid }));
        expect(parseNetstat(text)).toEqual(want);
      }),
    );
  });

  it('never throws on garbage', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (junk) => void parseNetstat(junk + fixture('netstat-ano-de.txt') + junk)));
  });
});

describe('parseTasklist', () => {
  it('reads image name and PID from localized CSV, including quotes inside names', () => {
    const p = parseTasklist(fixture('tasklist-de.csv'));
    expect(p.get(4)?.name).toBe('System');
    expect(p.get(3364)?.name).toBe('Mein Server.exe');
    expect(p.get(7000)?.name).toBe('Name "mit" Zitat.exe');
    expect(p.size).toBe(10);
  });

  it('CSV round trip', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 12 }), { minLength: 1, maxLength: 6 }), (fields) => {
        expect(parseCsvLine(fields.map((f) => `"${f.replaceAll('"', '""')}"`).join(','))).toEqual(fields);
      }),
    );
  });
});

describe('collectWindows', () => {
  it('uses PowerShell when it answers', async () => {
    const run: CommandRunner = async (file) => {
      expect(file).toBe('powershell.exe');
      return { stdout: utf8('powershell-en.json'), exitCode: 0 };
    };
    const { listeners, source } = await collectWindows({ protocol: 'tcp' }, run);
    expect(source).toBe('powershell');
    expect(listeners.every((l) => l.protocol === 'tcp')).toBe(true);
    expect(listeners.find((l) => l.port === 25565)).toMatchObject({ process: 'java', exposure: 'all', service: 'minecraft', privileged: false, exePath: expect.stringContaining('java.exe') });
    expect(listeners.find((l) => l.port === 139)).toMatchObject({ exposure: 'interface', privileged: false, category: 'well-known' });
  });

  it('falls back to netstat + tasklist when PowerShell is missing or prints something else', async () => {
    for (const failure of ['missing', 'garbage'] as const) {
      const calls: string[] = [];
      const run: CommandRunner = async (file) => {
        calls.push(file);
        if (file === 'powershell.exe') {
          if (failure === 'missing') throw new AppError('COMMAND_FAILED', 'powershell.exe was not found');
          return { stdout: 'Zugriff verweigert', exitCode: 0 };
        }
        return { stdout: fixture(file === 'netstat' ? 'netstat-ano-de.txt' : 'tasklist-de.csv'), exitCode: 0 };
      };
      const { listeners, source } = await collectWindows({ port: 34197 }, run);
      expect(calls).toEqual(['powershell.exe', 'netstat', 'tasklist']);
      expect(source).toBe('netstat');
      expect(listeners).toHaveLength(1);
      expect(listeners[0]).toMatchObject({ protocol: 'udp', pid: 9990, process: 'factorio.exe', service: 'factorio' });
    }
  });

  it('does not hide a cancellation behind the fallback', async () => {
    const run: CommandRunner = async () => {
      throw new AppError('CANCELLED');
    };
    await expect(collectWindows({}, run)).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
