// Listeners page logic: filters, search, sort, grouping, who-has parsing, copy-as-text.
import { describe, expect, it } from 'vitest';
import type { Listener } from '../../../../shared/channels/listeners';
import { NO_FILTERS, items, programNames, rowAsText, rowKey, visibleRows } from './view';

const row = (over: Partial<Listener>): Listener => ({
  protocol: 'tcp', family: 4, address: '0.0.0.0', port: 80, exposure: 'all', pid: 1, process: 'nginx', command: 'nginx -g daemon off;',
  user: 'root', category: 'well-known', service: 'http', serviceDescription: 'Web server (HTTP)', privileged: true, exePath: '/usr/sbin/nginx',
  ownerUnknownReason: null, ...over,
});

const rows: Listener[] = [
  row({}),
  row({ protocol: 'udp', port: 25565, process: 'java', pid: 20, service: 'minecraft-query', category: 'registered', privileged: false }),
  row({ port: 25565, process: 'java', pid: 20, address: '127.0.0.1', exposure: 'loopback', service: 'minecraft', category: 'registered' }),
  row({ family: 6, address: '::1', port: 631, exposure: 'loopback', process: 'cupsd', pid: 5, service: 'ipp' }),
  row({ port: 2024, pid: null, process: null, command: null, exePath: null, ownerUnknownReason: 'permission', service: null }),
];
const bySort = { key: 'port', descending: false } as const;

describe('visibleRows', () => {
  it('filters by protocol, exposure, program and free text', () => {
    expect(visibleRows(rows, { ...NO_FILTERS, protocol: 'udp' }, bySort).map((r) => r.port)).toEqual([25565]);
    expect(visibleRows(rows, { ...NO_FILTERS, exposure: 'loopback' }, bySort).map((r) => r.port)).toEqual([631, 25565]);
    expect(visibleRows(rows, { ...NO_FILTERS, process: 'java' }, bySort)).toHaveLength(2);
    expect(visibleRows(rows, { ...NO_FILTERS, search: 'MINECRAFT' }, bySort)).toHaveLength(2);
    expect(visibleRows(rows, { ...NO_FILTERS, search: '[::1]:631' }, bySort).map((r) => r.process)).toEqual(['cupsd']);
    expect(visibleRows(rows, { ...NO_FILTERS, search: 'nothing-like-this' }, bySort)).toEqual([]);
  });

  it('sorts by any column both ways, unknown values last', () => {
    expect(visibleRows(rows, NO_FILTERS, bySort).map((r) => r.port)).toEqual([80, 631, 2024, 25565, 25565]);
    expect(visibleRows(rows, NO_FILTERS, { key: 'port', descending: true }).map((r) => r.port)).toEqual([25565, 25565, 2024, 631, 80]);
    expect(visibleRows(rows, NO_FILTERS, { key: 'program', descending: false }).map((r) => r.process)).toEqual(['cupsd', 'java', 'java', 'nginx', null]);
    expect(visibleRows(rows, NO_FILTERS, { key: 'exposure', descending: false })[0]!.exposure).toBe('loopback');
  });
});

describe('items', () => {
  it('groups rows under one header per program, unknown owners in their own group', () => {
    const list = items(visibleRows(rows, NO_FILTERS, bySort), true, false);
    expect(list.filter((i) => i.kind === 'group').map((i) => (i.kind === 'group' ? `${i.label}:${i.count}` : ''))).toEqual([
      'cupsd (pid 5):1', 'java (pid 20):2', 'nginx (pid 1):1', 'Unknown (another user’s — run elevated to see):1',
    ]);
    expect(list).toHaveLength(rows.length + 4);
    expect(items(rows, false, false).every((i) => i.kind === 'row')).toBe(true);
  });

  it('row keys are unique per socket', () => {
    expect(new Set(rows.map(rowKey)).size).toBe(rows.length);
  });
});

describe('copy as text', () => {
  it('copy-as-text carries every fact in words', () => {
    const text = rowAsText(rows[2]!, false);
    expect(text).toContain('TCP 127.0.0.1:25565 — this computer only');
    expect(text).toContain('Program: java (pid 20)');
    expect(text).toContain('Usually: minecraft');
    expect(rowAsText(rows[0]!, false)).toContain('needs administrator rights');
    expect(rowAsText(rows[4]!, true)).toContain('hidden by the system');
  });

  it('program names are unique and sorted', () => {
    expect(programNames(rows)).toEqual(['cupsd', 'java', 'nginx']);
  });
});
