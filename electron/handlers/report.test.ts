// report:* through the real dispatcher: schemas at both ends, the listeners read for real, redaction
// on by default, and saving through the desktop seams (the dialog is Electron's; here a recorder
// stands in for it, so these tests prove the handler, not the dialog).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtReportSchema } from '../../shared/channels/report';
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
