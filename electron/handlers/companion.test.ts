// companion:* / nat:detect through the real dispatcher, against a real loopback companion.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCompanion, type CompanionHandle } from '../../companion/companion';
import { DEFAULT_CONFIG } from '../../companion/config';
import { silentLogger } from '../../companion/log';
import { parseCidrList } from '../../companion/net-address';
import { createDispatcher } from '../bridge/dispatch';
import type { HandlerContext } from '../bridge/handler';
import { createHandlerTable } from './index';

let c: CompanionHandle;
const dispatch = createDispatcher(createHandlerTable(), { error: () => undefined });
const ctx: HandlerContext = { signal: new AbortController().signal, emit: () => undefined, transport: 'websocket' };

beforeAll(async () => {
  c = await startCompanion(
    { ...DEFAULT_CONFIG, host: '127.0.0.1', httpPort: 0, udpPort: 0, stunAltPort: 0, allowTargets: parseCidrList(['127.0.0.0/8'], 't') },
    silentLogger,
  );
});
afterAll(() => c.close());

describe('companion handlers', () => {
  it('companion:whoami answers with the address the companion saw', async () => {
    const r = await dispatch('companion:whoami', { companionUrl: `http://127.0.0.1:${c.httpPort}` }, ctx);
    expect(r).toMatchObject({ ok: true, value: { publicAddress: '127.0.0.1', family: 'ipv4', nat: null } });
  });

  it('nat:detect uses the given STUN servers', async () => {
    const r = await dispatch('nat:detect', { stunServers: [`127.0.0.1:${c.udpPort}`] }, ctx);
    expect(r).toMatchObject({ ok: true, value: { publicAddress: '127.0.0.1', mapping: 'unknown', portPreserved: true } });
  });

  it('refuses bad URLs and server lists as INVALID_INPUT', async () => {
    expect(await dispatch('companion:check', { companionUrl: 'ftp://x', port: 80, protocol: 'tcp' }, ctx)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await dispatch('companion:check', { companionUrl: 'http://x', port: 0, protocol: 'tcp' }, ctx)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await dispatch('nat:detect', { stunServers: ['a:b:c'] }, ctx)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
