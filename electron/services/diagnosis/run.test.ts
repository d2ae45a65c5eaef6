// The pipeline end to end on loopback: a real companion (127.0.0.1 allowed), real sockets, real listeners engine.
import dgram from 'node:dgram';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCompanion, type CompanionHandle } from '../../../companion/companion';
import { DEFAULT_CONFIG } from '../../../companion/config';
import { silentLogger } from '../../../companion/log';
import { parseCidrList } from '../../../companion/net-address';
import { diagnosisDocumentSchema } from '../../../shared/diagnosis/index';
import { buildPlan } from './plan';
import { gatherNetworkFacts } from '../network/gather';
import { runDiagnosis as run, type DiagnosisSeams, type StepProgress } from './run';

/**
 * This test runs in the machine's own namespace: the network engine runs for real, but with its
 * route and neighbour files unreadable there is no gateway, so no NAT-PMP datagram leaves for the
 * machine's real router (LAB.md). Only loopback traffic remains (companion, STUN, tracepath to 127.0.0.1).
 */
const noGateway: typeof gatherNetworkFacts = (o) => gatherNetworkFacts({ ...o, readFile: () => Promise.reject(new Error('not read in this test')) });
const runDiagnosis = (plan: Parameters<typeof run>[0], seams: DiagnosisSeams = {}) => run(plan, { ...seams, gatherNetwork: noGateway });

let c: CompanionHandle;
let companion: string;
let stun: string;
beforeAll(async () => {
  c = await startCompanion(
    { ...DEFAULT_CONFIG, host: '127.0.0.1', httpPort: 0, udpPort: 0, stunAltPort: 0, checksPerMinute: 0, checksPerHour: 0, allowTargets: parseCidrList(['127.0.0.0/8'], 't') },
    silentLogger,
  );
  companion = `http://127.0.0.1:${c.httpPort}`;
  stun = `127.0.0.1:${c.udpPort}`;
});
afterAll(() => c.close());

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '0.0.0.0', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function tcpServer(host: string): Promise<{ port: number; close: () => Promise<void> }> {
  const s = net.createServer((sock) => {
    sock.on('error', () => sock.destroy());
    sock.end('hello\n');
  });
  await new Promise<void>((r) => s.listen(0, host, r));
  return { port: (s.address() as net.AddressInfo).port, close: () => new Promise<void>((r) => s.close(() => r())) };
}

describe('runDiagnosis on loopback', () => {
  it('a listening TCP server the companion reaches: reachable, proven by the socket table, checklist streamed', async () => {
    const srv = await tcpServer('0.0.0.0');
    try {
      const events: StepProgress[] = [];
      const doc = await runDiagnosis(buildPlan({ ports: [{ port: srv.port, protocol: 'tcp' }], companion, stunServers: [stun] }), { onProgress: (p) => events.push(p) });
      expect(diagnosisDocumentSchema.safeParse(doc).success).toBe(true);
      expect(doc.verdict.cause).toBe('reachable');
      const p = doc.evidence.ports[0]!;
      expect(p.listening.state).toBe('yes');
      expect(p.outside.verifiedBy).toBe('socket-table');
      expect(p.hairpinWorks.state).toBe('yes');
      expect(doc.evidence.network.publicAddress).toBe('127.0.0.1');
      expect(doc.evidence.network.gateway).toBeNull();
      // Every step reports exactly once as finished, and 'running' comes before its result.
      const finished = events.filter((e) => e.state !== 'running').map((e) => e.step).sort();
      expect(finished).toEqual([...doc.plan.steps].sort());
      for (const e of events.filter((x) => x.state === 'running')) expect(events.findIndex((x) => x === e)).toBeLessThan(events.findIndex((x) => x.step === e.step && x.state !== 'running'));
    } finally {
      await srv.close();
    }
  });

  it('nothing listening: not-listening, and the test listener proves the path is ready', async () => {
    const port = await freePort();
    const doc = await runDiagnosis(buildPlan({ ports: [{ port, protocol: 'tcp' }], companion, stunServers: [stun] }));
    expect(doc.verdict.cause).toBe('not-listening');
    expect(doc.findings.map((f) => f.cause)).toContain('path-ready');
    expect(doc.evidence.ports[0]!.outside.testListener.state).toBe('yes');
    expect(doc.evidence.ports[0]!.outside.verifiedBy).toBe('nonce');
  });

  it('UDP with nothing listening: the test listener answers the companion\'s nonce', async () => {
    const s = dgram.createSocket('udp4');
    await new Promise<void>((r) => s.bind(0, '127.0.0.1', r));
    const port = s.address().port;
    await new Promise<void>((r) => s.close(() => r()));
    const doc = await runDiagnosis(buildPlan({ ports: [{ port, protocol: 'udp' }], companion, stunServers: [stun] }));
    expect(doc.verdict.cause).toBe('not-listening');
    expect(doc.evidence.ports[0]!.outside.reachedThisComputer.state).toBe('yes');
  });

  it('a server bound to loopback only', async () => {
    const srv = await tcpServer('127.0.0.1');
    try {
      const doc = await runDiagnosis(buildPlan({ ports: [{ port: srv.port, protocol: 'tcp' }], companion, stunServers: [stun] }));
      // The route towards a loopback companion is loopback itself, so this is the one place where
      // a loopback bind is "where friends arrive": the verdict must still name the loopback bind.
      expect(doc.verdict.cause).toBe('loopback-only');
    } finally {
      await srv.close();
    }
  });

  it('no companion: outside steps skipped with the reason, verdict unknown, nothing crashes', async () => {
    const srv = await tcpServer('0.0.0.0');
    try {
      const doc = await runDiagnosis(buildPlan({ ports: [{ port: srv.port, protocol: 'tcp' }], companion: null, stunServers: [stun] }));
      expect(doc.verdict.cause).toBe('unknown');
      expect(doc.evidence.ports[0]!.outside.reachedThisComputer).toMatchObject({ state: 'not-checked', why: 'no-companion' });
      expect(doc.evidence.steps.find((s) => s.id === 'outside')?.state).toBe('skipped');
      expect(doc.verdict.tellFriends.kind).toBe('lan');
    } finally {
      await srv.close();
    }
  });

  it('cancelling returns what was gathered, marked cancelled', async () => {
    const ac = new AbortController();
    ac.abort();
    const doc = await runDiagnosis(buildPlan({ ports: [{ port: 1, protocol: 'tcp' }], companion, stunServers: [stun] }), { signal: ac.signal });
    expect(diagnosisDocumentSchema.safeParse(doc).success).toBe(true);
    expect(doc.evidence.steps.some((s) => s.state === 'cancelled')).toBe(true);
  });
});

