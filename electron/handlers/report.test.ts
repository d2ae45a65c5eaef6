// report:* through the real dispatcher: schemas at both ends, the listeners read for real, redaction
// on by default, and saving through the desktop seams (the dialog is Electron's; here a recorder
// stands in for it, so these tests prove the handler, not the dialog).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtReportSchema } from '../../shared/channels/report';
import { networkFactsSchema } from '../../shared/network/facts';
import { diagnosisFixture } from '../../shared/report/fixture.test-util';
import { reportSchema } from '../../shared/report';
import { createDispatcher } from '../bridge/dispatch';
import type { HandlerContext } from '../bridge/handler';
import { createHandlerTable } from './index';
import type { DesktopReportSeams } from './report';

const ctx: HandlerContext = { signal: new AbortController().signal, emit: () => undefined, transport: 'websocket' };
const dir = mkdtempSync(path.join(os.tmpdir(), 'pd-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function desktop(answer: string | null): DesktopReportSeams & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    chooseSavePath: async (name) => {
      asked.push(name);
      return answer;
    },
    printToPdf: async (html) => new TextEncoder().encode(`%PDF-fake ${html.length}`),
  };
}

describe('report:build', () => {
  const dispatch = createDispatcher(createHandlerTable(), { error: () => undefined });

  it('builds every format from a diagnosis, redacted by default', async () => {
    const r = await dispatch('report:build', { diagnosis: diagnosisFixture() }, ctx);
    if (!r.ok) throw new Error(r.error.message);
    const built = builtReportSchema.parse(r.value);
    expect(built.markdown).toContain('203.0.113.x (A)');
    expect(built.markdown).not.toContain('203.0.113.77');
    expect(built.markdown).not.toContain(os.hostname());
    expect(built.fileNames.md).toMatch(/^port-doctor-report-minecraft-java-\d{4}-\d\d-\d\d\.md$/);
    const model = reportSchema.parse(JSON.parse(built.json));
    expect(model.redaction.applied).toBe(true);
    expect(model.computer.name).toBe('[computer]');
  });

  it('includes everything when asked not to redact', async () => {
    const r = await dispatch('report:build', { diagnosis: diagnosisFixture(), redact: false }, ctx);
    if (!r.ok) throw new Error(r.error.message);
    const built = builtReportSchema.parse(r.value);
    expect(built.markdown).toContain('203.0.113.77');
    expect(JSON.parse(built.json).computer.name).toBe(os.hostname());
  });

  describe.runIf(process.platform === 'linux')('with the listeners', () => {
    const server = net.createServer();
    let port = 0;
    beforeAll(async () => {
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      port = (server.address() as net.AddressInfo).port;
    });
    afterAll(() => new Promise((r) => server.close(r)));

    it('reads them fresh: a socket this test opened is in the report', async () => {
      const r = await dispatch('report:build', { includeListeners: true }, ctx);
      if (!r.ok) throw new Error(r.error.message);
      const model = reportSchema.parse(JSON.parse(builtReportSchema.parse(r.value).json));
      expect(model.subject.title).toBe('Listening programs');
      expect(model.listeners?.rows.some((l) => l.port === port && l.pid === process.pid)).toBe(true);
    });

    it('adds the exposure audit when asked: our loopback socket is "only this computer"', async () => {
      const r = await dispatch('report:build', { includeAudit: true }, ctx);
      if (!r.ok) throw new Error(r.error.message);
      const built = builtReportSchema.parse(r.value);
      const model = reportSchema.parse(JSON.parse(built.json));
      expect(model.subject.title).toBe('What this computer exposes');
      expect(model.audit?.items.find((i) => i.port === port)).toMatchObject({ group: 'this-computer', address: '127.0.0.1' });
      expect(built.markdown).toContain('## What other devices can reach');
    });
  });

  it.each([{}, { diagnosis: null }, { diagnosis: { version: 1 } }, { includeListeners: 'yes' }, { redact: true, extra: 1 }])(
    'refuses %j as INVALID_INPUT',
    async (input) => {
      const r = await dispatch('report:build', input, ctx);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('INVALID_INPUT');
    },
  );
});

describe('report:save', () => {
  it('is a desktop feature: the web UI gets NOT_SUPPORTED and downloads instead', async () => {
    const dispatch = createDispatcher(createHandlerTable(), { error: () => undefined });
    const r = await dispatch('report:save', { build: { diagnosis: diagnosisFixture() }, format: 'md' }, ctx);
    expect(r.ok ? null : r.error.code).toBe('NOT_SUPPORTED');
  });

  it('offers the suggested name and writes the chosen file whole', async () => {
    const target = path.join(dir, 'chosen.md');
    const seams = desktop(target);
    const dispatch = createDispatcher(createHandlerTable(seams), { error: () => undefined });
    const r = await dispatch('report:save', { build: { diagnosis: diagnosisFixture() }, format: 'md' }, ctx);
    expect(r).toEqual({ ok: true, value: { saved: true, path: target } });
    expect(seams.asked[0]).toMatch(/^port-doctor-report-minecraft-java-.*\.md$/);
    expect(readFileSync(target, 'utf8')).toContain('# Port Doctor report — Minecraft: Java Edition');
  });

  it('hands the HTML to the PDF printer for PDF', async () => {
    const target = path.join(dir, 'chosen.pdf');
    const dispatch = createDispatcher(createHandlerTable(desktop(target)), { error: () => undefined });
    await dispatch('report:save', { build: { diagnosis: diagnosisFixture() }, format: 'pdf' }, ctx);
    expect(readFileSync(target, 'utf8')).toMatch(/^%PDF-fake \d+$/);
  });

  it('a cancelled dialog saves nothing and is not an error', async () => {
    const dispatch = createDispatcher(createHandlerTable(desktop(null)), { error: () => undefined });
    const before = readdirSync(dir);
    const r = await dispatch('report:save', { build: { diagnosis: diagnosisFixture() }, format: 'html' }, ctx);
    expect(r).toEqual({ ok: true, value: { saved: false } });
    expect(readdirSync(dir)).toEqual(before);
  });

  it('a folder that vanished is SAVE_FAILED naming the path', async () => {
    const target = path.join(dir, 'gone', 'r.md');
    const dispatch = createDispatcher(createHandlerTable(desktop(target)), { error: () => undefined });
    const r = await dispatch('report:save', { build: { diagnosis: diagnosisFixture() }, format: 'md' }, ctx);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('SAVE_FAILED');
      expect(r.error.detail).toContain(target);
    }
  });
});

describe('report:build with the Network page\'s facts', () => {
  const dispatch = createDispatcher(createHandlerTable(), { error: () => undefined });
  const facts = networkFactsSchema.parse({
    schemaVersion: 1,
    checkedAt: '2026-12-02T04:00:00.000Z',
    interfaces: [
      { name: 'eth0', mac: 'a4:83:e7:12:34:56', macKind: 'universal', vendor: 'Apple, Inc.', isDefaultRoute: true, addresses: [{ address: '192.168.1.10', family: 'ipv4', prefixLength: 24, kind: 'private' }] },
    ],
    gateway: { address: '192.168.1.1', interfaceName: 'eth0', ipv6: null, reason: null },
    dns: { servers: ['192.168.1.1'], reason: null },
    neighbours: {
      devices: [
        { address: '192.168.1.1', mac: '3c:37:86:aa:bb:cc', macKind: 'universal', vendor: 'NETGEAR', interfaceName: 'eth0' },
        { address: '192.168.1.40', mac: 'da:a1:19:0a:0b:0c', macKind: 'local', vendor: null, interfaceName: 'eth0' },
      ],
      reason: null,
    },
    macVendors: { state: 'looked-up', reason: null },
    routerWan: { address: '100.64.7.77', kind: 'cgnat', source: 'nat-pmp', natPmp: 'answered', detail: null },
    publicAddress: '198.51.100.20',
    public: { address: '198.51.100.20', family: 'ipv4', source: 'stun', mapping: 'easy', reason: null },
    path: [{ hop: 1, address: '192.168.1.1', kind: 'private', rttMs: 1 }],
    pathTrace: { state: 'traced', tool: 'tracepath', target: '198.51.100.1', reason: null },
    nat: { kind: 'cgnat', evidence: ["your router's internet-side address is 100.64.7.77, inside the range ISPs use for carrier-grade NAT"], reasons: [{ code: 'router-wan-cgnat', address: '100.64.7.77' }] },
  });

  it('shows the facts as rows; the CGNAT address stays (it proves CGNAT), MACs and the public address do not', async () => {
    const r = await dispatch('report:build', { networkFacts: facts }, ctx);
    if (!r.ok) throw new Error(r.error.message);
    const md = builtReportSchema.parse(r.value).markdown;
    expect(md).toMatch(/^# Port Doctor report — Network/);
    expect(md).toContain("| Router's internet side | 100.64.7.77 (told by the router over NAT-PMP) |");
    expect(md).toContain('| Public address | 198.51.100.x (A) (seen by STUN) |');
    expect(md).toContain('MAC 3c:37:86:xx:xx:xx');
    expect(md).toContain('MAC a4:83:e7:xx:xx:xx');
    expect(md).not.toContain('aa:bb:cc');
    // The maker stays beside the kept prefix; a made-up MAC says so instead of naming no one.
    expect(md).toContain('| Device 192.168.1.1 | MAC 3c:37:86:xx:xx:xx · NETGEAR · on eth0 |');
    // A made-up MAC has no maker's prefix to keep: all of it goes.
    expect(md).toContain('| Device 192.168.1.40 | MAC xx:xx:xx:xx:xx:xx · private (randomized) address · on eth0 |');
    expect(md).not.toContain('da:a1:19');
    expect(md).toContain('MAC a4:83:e7:xx:xx:xx · Apple, Inc.');
    expect(md).toContain('carrier-grade NAT');
  });
});
