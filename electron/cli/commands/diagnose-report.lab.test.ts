// `port-doctor diagnose … --report FILE [--no-redact]` as users run it: the built CLI, a real
// diagnosis inside a lab namespace that has only loopback (so no packet can leave it, whatever the
// defaults), and a real filesystem for the report.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { reportSchema } from '../../../shared/report';
import { describeLab } from '../../../e2e/lab/netns';
import { Netns } from '../../../e2e/lab/ns-core';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const CLI = path.join(ROOT, 'bin/port-doctor.cjs');
const dir = mkdtempSync(path.join(os.tmpdir(), 'pd-cli-report-'));
let readOnly: string | null = null;

describeLab('diagnose --report', () => {
  let ns: Netns;
  beforeAll(async () => {
    ns = await Netns.create('report');
  });
  afterAll(() => {
    if (readOnly) execFileSync('umount', [readOnly]);
    rmSync(dir, { recursive: true, force: true });
  });

  // Loopback STUN on a port nothing holds: the public address stays unknown without leaving the namespace.
  const diagnose = (...extra: string[]) =>
    ns.exec([process.execPath, CLI, 'diagnose', '--port', '7777/udp', '--stun', '127.0.0.1:9', ...extra], {
      allowFailure: true,
      env: { ...process.env, NODE_EXTRA_CA_CERTS: '' },
    });

  it('saves a redacted Markdown report by default and says where', async () => {
    const file = path.join(dir, 'r.md');
    const r = await diagnose('--report', file);
    expect(r.stderr).toContain(`Saved the report to ${file}`);
    const md = readFileSync(file, 'utf8');
    expect(md).toMatch(/^# Port Doctor report — Custom port\(s\)/);
    expect(md).toContain('7777/udp');
    expect(md).not.toContain(os.hostname());
    expect(readdirSync(dir)).toEqual(['r.md']);
  });

  it('--no-redact keeps the computer name; .json is the report model; .html is one page', async () => {
    await diagnose('--report', path.join(dir, 'full.json'), '--no-redact');
    const model = reportSchema.parse(JSON.parse(readFileSync(path.join(dir, 'full.json'), 'utf8')));
    expect(model.computer.name).toBe(os.hostname());
    expect(model.redaction.applied).toBe(false);
    expect(model.diagnosis?.plan.targets[0]).toMatchObject({ port: 7777, protocol: 'udp' });
    await diagnose('--report', path.join(dir, 'r.html'));
    expect(readFileSync(path.join(dir, 'r.html'), 'utf8')).toMatch(/^<!doctype html>/);
  });

  it('a file name without a known extension is a usage error before anything runs', async () => {
    const r = await diagnose('--report', path.join(dir, 'r.pdf'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the name must end in .md, .html or .json');
    const noFile = await diagnose('--no-redact');
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toContain('--no-redact only applies together with --report FILE');
  });

  it('a missing folder: the diagnosis is still printed, the error names the path, exit 1, no file left', async () => {
    const file = path.join(dir, 'missing', 'r.md');
    const r = await diagnose('--report', file);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('7777');
    expect(r.stderr).toContain(`Could not save the report to ${file}: the folder does not exist (ENOENT).`);
  });

  it('a read-only disk: exit 1 with the reason, and no partial or temporary file', async () => {
    readOnly = path.join(dir, 'ro');
    mkdirSync(readOnly);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=64k', 'pd-report-ro', readOnly]);
    const r = await diagnose('--report', path.join(readOnly, 'r.md'), '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ version: 1 });
    expect(r.stderr).toContain('the disk is read-only (EROFS)');
    expect(readdirSync(readOnly)).toEqual([]);
  });
});
