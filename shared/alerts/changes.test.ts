// The change detector across a series of refreshes, and the notification policy on top of it.
import { describe, expect, it } from 'vitest';
import type { Listener } from '../channels/listeners';
import { listenerKey, trackChanges, type ChangeTracker } from './changes';
import { MAX_NOTIFICATIONS_PER_REFRESH, notificationsFor } from './notify-policy';

function sock(port: number, pid: number | null = 10, protocol: 'tcp' | 'udp' = 'tcp', address = '0.0.0.0'): Listener {
  return {
    protocol, family: 4, address, port, exposure: address === '127.0.0.1' ? 'loopback' : 'all', pid, process: pid === null ? null : 'srv', command: null,
    user: 'u', category: 'registered', service: null, serviceDescription: null, privileged: false, exePath: null, ownerUnknownReason: pid === null ? 'permission' : null,
  };
}

describe('trackChanges across refreshes', () => {
  it('baseline, appear, stay, disappear, reappear', () => {
    const t0 = '2026-12-02T21:00:00.000Z';
    const t1 = '2026-12-02T21:14:00.000Z';
    const t2 = '2026-12-02T21:15:00.000Z';
    const t3 = '2026-12-02T21:16:00.000Z';
    const t4 = '2026-12-02T21:17:00.000Z';

    const r0 = trackChanges(null, [sock(22), sock(53, 1, 'udp')], t0);
    expect(r0.added).toEqual([]);
    expect(r0.tracker.newSince.size).toBe(0);

    const r1 = trackChanges(r0.tracker, [sock(22), sock(53, 1, 'udp'), sock(25565, 42)], t1);
    expect(r1.added.map((l) => l.port)).toEqual([25565]);
    expect(r1.removed).toEqual([]);
    expect(r1.tracker.newSince.get(listenerKey(sock(25565, 42)))).toBe(t1);

    // Still there a refresh later: still "new since 21:14", not reported again.
    const r2 = trackChanges(r1.tracker, [sock(22), sock(53, 1, 'udp'), sock(25565, 42)], t2);
    expect(r2.added).toEqual([]);
    expect(r2.tracker.newSince.get(listenerKey(sock(25565, 42)))).toBe(t1);

    // The server stops: removed, and forgotten as new.
    const r3 = trackChanges(r2.tracker, [sock(22), sock(53, 1, 'udp')], t3);
    expect(r3.removed).toEqual([listenerKey(sock(25565, 42))]);
    expect(r3.tracker.newSince.size).toBe(0);

    // It comes back (new pid): new again, since the later time.
    const r4 = trackChanges(r3.tracker, [sock(22), sock(53, 1, 'udp'), sock(25565, 43)], t4);
    expect(r4.added.map((l) => l.pid)).toEqual([43]);
    expect(r4.tracker.newSince.get(listenerKey(sock(25565, 43)))).toBe(t4);
  });

  it('the same port on another protocol or address is a different socket', () => {
    const base = trackChanges(null, [sock(7777)], 'a');
    const next = trackChanges(base.tracker, [sock(7777), sock(7777, 10, 'udp'), sock(7777, 10, 'tcp', '127.0.0.1')], 'b');
    expect(next.added).toHaveLength(2);
  });

  it('an unknown owner has a stable key too', () => {
    const base: ChangeTracker = trackChanges(null, [sock(80, null)], 'a').tracker;
    expect(trackChanges(base, [sock(80, null)], 'b').added).toEqual([]);
  });
});

describe('notificationsFor', () => {
  it('off by default means none, whatever appeared', () => {
    expect(notificationsFor([sock(3306)], { notify: false })).toEqual([]);
  });

  it('one per new socket, saying who, what and how far', () => {
    expect(notificationsFor([sock(25565, 42)], { notify: true })).toEqual([
      { title: 'New listening program', body: 'srv (pid 42) listens on TCP 25565, reachable from every network.' },
    ]);
  });

  it('a burst becomes one summary', () => {
    const burst = Array.from({ length: MAX_NOTIFICATIONS_PER_REFRESH + 1 }, (_, i) => sock(9000 + i));
    const n = notificationsFor(burst, { notify: true });
    expect(n).toEqual([{ title: '4 new listening sockets', body: "New on ports 9000, 9001, 9002, 9003. Open Port Doctor's Listeners page to see which programs." }]);
  });

  it('nothing new, nothing to say', () => {
    expect(notificationsFor([], { notify: true })).toEqual([]);
  });
});
