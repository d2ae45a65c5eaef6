// Request edge cases over real loopback sockets: odd request targets, what the logs may hold,
// flags that would silently switch a limit off, and the STUN ports whoami announces.
import dgram from 'node:dgram';
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { whoamiResponseSchema } from '../shared/companion-protocol';
import { startCompanion, type CompanionHandle } from './companion';
import { DEFAULT_CONFIG, parseCompanionArgs, type CompanionConfig } from './config';
import { createLogger, type LogLevel } from './log';
import { parseCidrList } from './net-address';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function companion(over: Partial<CompanionConfig> = {}, level: LogLevel = 'info') {
  const lines: string[] = [];
  const c: CompanionHandle = await startCompanion(
    { ...DEFAULT_CONFIG, host: '127.0.0.1', httpPort: 0, udpPort: 0, stunAltPort: 0, allowTargets: parseCidrList(['127.0.0.0/8'], 't'), ...over },
    createLogger((l) => void lines.push(l), level),
    { probeOptions: { greetingWaitMs: 100, tcpDeadlineMs: 500, udpDeadlineMs: 300 } },
  );
  cleanups.push(() => c.close());
  return { c, lines };
}

/** One raw request (node:http sends the path exactly as given, `//` included). */
function request(port: number, method: string, target: string, body?: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: target, headers: { 'content-type': 'application/json' }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString() || 'null') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const levels = (lines: string[]) => lines.map((l) => (JSON.parse(l) as { level: string }).level);

describe('odd request targets', () => {
  it.each(['//', '//x', '///v1/whoami', '//evil.example/v1/whoami', 'http://x/v1/whoami', '*'])('%s is 400 and logs no error', async (target) => {
    const { c, lines } = await companion();
    for (let i = 0; i < 20; i++) {
      const r = await request(c.httpPort, 'GET', target);
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ error: { code: 'invalid-request' } });
    }
    expect(levels(lines).filter((l) => l === 'error' || l === 'warn')).toEqual([]);
  });

  it('a path is still a path: /v1/whoami answers, /v1/whoami/ is 404', async () => {
    const { c } = await companion();
    expect((await request(c.httpPort, 'GET', '/v1/whoami')).status).toBe(200);
    expect((await request(c.httpPort, 'GET', '/v1/whoami/')).status).toBe(404);
  });
});

describe('what is logged', () => {
  it('at info: no caller address in any line for checks, refusals and rate limits', async () => {
    const { c, lines } = await companion({ checksPerMinute: 1 });
    await request(c.httpPort, 'POST', '/v1/check', JSON.stringify({ probes: [{ protocol: 'tcp', port: 1 }] }));
    await request(c.httpPort, 'POST', '/v1/check', JSON.stringify({ probes: [{ protocol: 'tcp', port: 1 }] }));
    const refusing = await companion({ allowTargets: [] });
    await request(refusing.c.httpPort, 'POST', '/v1/check', JSON.stringify({ probes: [{ protocol: 'tcp', port: 1 }] }));
    const all = [...lines, ...refusing.lines];
    expect(all.some((l) => l.includes('"msg":"check"'))).toBe(true);
    expect(all.some((l) => l.includes('check refused'))).toBe(true);
    for (const l of all) expect(l).not.toContain('127.0.0.1');
  });

  it('at debug: the caller address is there for the operator who asked for it', async () => {
    const { c, lines } = await companion({}, 'debug');
    await request(c.httpPort, 'POST', '/v1/check', JSON.stringify({ probes: [{ protocol: 'tcp', port: 1 }] }));
    const line = lines.find((l) => l.includes('"msg":"check caller"'));
    expect(line).toBeDefined();
    expect(JSON.parse(line!)).toMatchObject({ level: 'debug', caller: '127.0.0.1' });
  });
});

describe('flags that would switch a limit off', () => {
  it('--stun-burst 0 is refused with a message naming the flag', () => {
    expect(() => parseCompanionArgs(['--stun-burst', '0'])).toThrow(/--stun-burst must be a whole number between 1 and/);
    expect(parseCompanionArgs(['--stun-burst', '1']).stunBurst).toBe(1);
  });
});

describe('whoami announces the STUN ports', () => {
  it('the ports the companion really listens on, primary first', async () => {
    const { c } = await companion({ udpPort: 0, stunAltPort: 0 });
    const alone = whoamiResponseSchema.parse((await request(c.httpPort, 'GET', '/v1/whoami')).body);
    expect(alone.stunPorts).toEqual([c.udpPort]);
    const alt = await freeUdpPort();
    const two = await companion({ udpPort: 0, stunAltPort: alt });
    const both = whoamiResponseSchema.parse((await request(two.c.httpPort, 'GET', '/v1/whoami')).body);
    expect(both.stunPorts).toEqual([two.c.udpPort, alt]);
  });
});

async function freeUdpPort(): Promise<number> {
  const s = dgram.createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
  const port = s.address().port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}
