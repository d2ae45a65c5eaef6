// alerts:notify through the real dispatcher: the desktop seam receives exactly the parsed title and
// body; without it (serve, tests) the call is refused as not supported, with the reason.
import { describe, expect, it } from 'vitest';
import { alertsHandlers } from './alerts';

const ctx = { signal: new AbortController().signal, emit: () => {}, transport: 'websocket' as const };

describe('alerts:notify', () => {
  it('passes the notification to the desktop seam and reports whether it showed', async () => {
    const shown: Array<{ title: string; body: string }> = [];
    const h = alertsHandlers((n) => (shown.push(n), true));
    expect(await h['alerts:notify']({ title: 'New listening program', body: 'java (pid 42) listens on TCP 25565.' }, ctx)).toEqual({ shown: true });
    expect(shown).toEqual([{ title: 'New listening program', body: 'java (pid 42) listens on TCP 25565.' }]);
    expect(await alertsHandlers(() => false)['alerts:notify']({ title: 't', body: 'b' }, ctx)).toEqual({ shown: false });
  });

  it('without the desktop shell it is NOT_SUPPORTED and says why', async () => {
    await expect(alertsHandlers(null)['alerts:notify']({ title: 't', body: 'b' }, ctx)).rejects.toMatchObject({
      code: 'NOT_SUPPORTED',
      detail: expect.stringContaining('desktop app'),
    });
  });
});
