// The dispatcher both transports call, over the real handler table: lookup, input parsing, and the
// translation of whatever a handler throws into a Result (never a stack, never a raw Node error).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { appInfoSchema } from '../../shared/channels/app';
import { AppError, messageFor } from '../../shared/errors';
import { resultSchema, type Result } from '../../shared/result';
import { createHandlerTable } from '../handlers/index';
import { createDispatcher, responseChecksWanted } from './dispatch';
import type { HandlerContext, HandlerTable } from './handler';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

function context(signal: AbortSignal = new AbortController().signal): HandlerContext {
  return { signal, emit: () => undefined, transport: 'electron-ipc' };
}

function recordingLogger() {
  const lines: Array<{ message: string; meta: Record<string, unknown> | undefined }> = [];
  return { lines, logger: { error: (message: string, meta?: Record<string, unknown>) => void lines.push({ message, meta }) } };
}

/** The real table with app:info replaced, to drive the failure paths through a real channel. */
function tableWithAppInfo(appInfo: HandlerTable['app:info']): HandlerTable {
  return { ...createHandlerTable(), 'app:info': appInfo };
}

function errorOf(r: Result<unknown>) {
  if (r.ok) throw new Error(`expected an error Result, got ${JSON.stringify(r.value)}`);
  return r.error;
}

describe('createDispatcher with the real handler table', () => {
  const { lines, logger } = recordingLogger();
  const dispatch = createDispatcher(createHandlerTable(), logger);

  it('app:info answers with a value that satisfies its strict response schema', async () => {
    const r = resultSchema(appInfoSchema).parse(await dispatch('app:info', {}, context()));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.version).toBe(pkg.version);
    expect(r.value.name).toBe('Port Doctor');
    expect(r.value.transport).toBe('electron-ipc');
    expect(r.value.runtime.node).toBe(process.versions.node);
    expect(lines).toEqual([]);
  });

  it('treats a missing input as an empty request', async () => {
    expect((await dispatch('app:info', undefined, context())).ok).toBe(true);
  });

  it.each<[string, unknown, RegExp]>([
    ['an unknown key', { extra: 1 }, /^\(request\): Unrecognized key: "extra"$/],
    ['null', null, /^\(request\): Invalid input: expected object, received null$/],
    ['a string', 'app', /^\(request\): Invalid input: expected object, received string$/],
    ['an array', [], /^\(request\): Invalid input: expected object, received array$/],
  ])('app:info with %s is INVALID_INPUT naming the problem', async (_label, input, detail) => {
    const e = errorOf(await dispatch('app:info', input, context()));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toBe(messageFor('INVALID_INPUT'));
    expect(e.detail).toMatch(detail);
  });

  it('names the offending field by its path', async () => {
    const e = errorOf(await dispatch('listeners:list', { port: 70000 }, context()));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.detail).toMatch(/^port: /);
    const wrongType = errorOf(await dispatch('listeners:list', { port: '80' }, context()));
    expect(wrongType.detail).toMatch(/^port: Invalid input: expected number, received string$/);
  });

  it('reports at most five problems, joined by semicolons', async () => {
    const input = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`k${i}`, i]));
    const many = errorOf(await dispatch('probe:run', { ...input, runId: 1, host: 2, ports: 3, timeoutMs: 'x' }, context()));
    expect(many.code).toBe('INVALID_INPUT');
    expect(many.detail!.split('; ').length).toBe(5);
  });

  it.each([
    ['a name nobody registered', 'nope:nope'],
    ['an event channel (events are pushed, not invoked)', 'probe:progress'],
    ['a prototype key', '__proto__'],
    ['another prototype key', 'toString'],
    ['a near miss', 'App:info'],
  ])('%s is UNKNOWN_CHANNEL', async (_label, channel) => {
    const e = errorOf(await dispatch(channel, {}, context()));
    expect(e).toEqual({ code: 'UNKNOWN_CHANNEL', message: messageFor('UNKNOWN_CHANNEL'), detail: channel });
  });

  it.each([42, null, undefined, { toString: () => 'app:info' }])('a non-string channel (%s) is UNKNOWN_CHANNEL', async (channel) => {
    expect(errorOf(await dispatch(channel, {}, context())).code).toBe('UNKNOWN_CHANNEL');
  });

  it('echoes at most 80 characters of an unknown channel name', async () => {
    const e = errorOf(await dispatch(`x:${'y'.repeat(500)}`, {}, context()));
    expect(e.detail).toHaveLength(80);
  });
});

describe('createDispatcher: what a handler throws', () => {
  it('an AppError keeps its code and detail', async () => {
    const { lines, logger } = recordingLogger();
    const dispatch = createDispatcher(
      tableWithAppInfo(async () => {
        throw new AppError('PORT_ALREADY_USED', '127.0.0.1 port 80', { cause: new Error('listen EADDRINUSE') });
      }),
      logger,
    );
    const e = errorOf(await dispatch('app:info', {}, context()));
    expect(e).toEqual({ code: 'PORT_ALREADY_USED', message: messageFor('PORT_ALREADY_USED'), detail: '127.0.0.1 port 80' });
    expect(JSON.stringify(e)).not.toContain('EADDRINUSE');
    expect(lines).toEqual([]);
  });

  it('a plain Error is INTERNAL: the caller sees the channel, the log gets the stack', async () => {
    const { lines, logger } = recordingLogger();
    const boom = new Error('db password hunter2 at /home/alice/secret');
    const dispatch = createDispatcher(
      tableWithAppInfo(async () => {
        throw boom;
      }),
      logger,
    );
    const e = errorOf(await dispatch('app:info', {}, context()));
    expect(e).toEqual({ code: 'INTERNAL', message: messageFor('INTERNAL'), detail: 'while handling app:info' });
    const seen = JSON.stringify(e);
    expect(seen).not.toContain('hunter2');
    expect(seen).not.toContain('/home/alice');
    expect(seen).not.toMatch(/\bat .+:\d+:\d+/);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toEqual({ message: 'handler failed', meta: { channel: 'app:info', error: boom.stack } });
  });

  it('a thrown non-Error is INTERNAL too, and logged as text', async () => {
    const { lines, logger } = recordingLogger();
    const dispatch = createDispatcher(
      tableWithAppInfo(async () => {
        throw 'a thrown string';
      }),
      logger,
    );
    expect(errorOf(await dispatch('app:info', {}, context())).code).toBe('INTERNAL');
    expect(lines[0]?.meta).toEqual({ channel: 'app:info', error: 'a thrown string' });
  });

  it('a failure after the caller went away is CANCELLED, and not logged as a fault', async () => {
    const { lines, logger } = recordingLogger();
    const controller = new AbortController();
    const dispatch = createDispatcher(
      tableWithAppInfo(
        (_input, ctx) =>
          new Promise((_resolve, reject) => {
            // What fetch/sockets do on abort: reject with a plain (DOMException-like) error.
            ctx.signal.addEventListener('abort', () => reject(new Error('The operation was aborted')), { once: true });
          }),
      ),
      logger,
    );
    const pending = dispatch('app:info', {}, context(controller.signal));
    controller.abort();
    expect(errorOf(await pending)).toEqual({ code: 'CANCELLED', message: messageFor('CANCELLED') });
    expect(lines).toEqual([]);
  });

  it('an AppError wins over cancellation (a transport aborting with DISCONNECTED keeps that code)', async () => {
    const { logger } = recordingLogger();
    const controller = new AbortController();
    const dispatch = createDispatcher(
      tableWithAppInfo(
        (_input, ctx) =>
          new Promise((_resolve, reject) => {
            ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason), { once: true });
          }),
      ),
      logger,
    );
    const pending = dispatch('app:info', {}, context(controller.signal));
    controller.abort(new AppError('DISCONNECTED'));
    expect(errorOf(await pending).code).toBe('DISCONNECTED');
  });

  it('the handler gets the parsed input (defaults applied), not the raw object', async () => {
    const seen: unknown[] = [];
    const dispatch = createDispatcher(
      {
        ...createHandlerTable(),
        'companion:whoami': async (input) => {
          seen.push(input);
          throw new AppError('CANCELLED');
        },
      },
      recordingLogger().logger,
    );
    await dispatch('companion:whoami', {}, context());
    expect(seen).toEqual([{ detectNat: false }]);
  });
});

describe('createDispatcher: handler answers checked against the contract (tests and development)', () => {
  // A handler that drifted from the schema: the types were cast away, as a refactor might.
  const drifted = tableWithAppInfo(async () => ({ name: 'Port Doctor', version: 42 }) as never);

  it('a response outside its schema fails the call as INTERNAL and logs which field', async () => {
    const { lines, logger } = recordingLogger();
    const e = errorOf(await createDispatcher(drifted, logger, { checkResponses: true })('app:info', {}, context()));
    expect(e.code).toBe('INTERNAL');
    expect(String(lines[0]?.meta?.error)).toMatch(/app:info answered outside its response schema: version/);
  });

  it('an event outside its payload schema is not sent, and the call fails once the handler returns', async () => {
    const { lines, logger } = recordingLogger();
    const sent: unknown[] = [];
    const table = tableWithAppInfo(async (_input, ctx) => {
      ctx.emit('probe:progress', { runId: 'r1', done: -1, total: 1, etaMs: null, results: [] });
      return createHandlerTable()['app:info']({}, ctx);
    });
    const dispatch = createDispatcher(table, logger, { checkResponses: true });
    const e = errorOf(await dispatch('app:info', {}, { ...context(), emit: (_n, p) => void sent.push(p) }));
    expect(e.code).toBe('INTERNAL');
    expect(sent).toEqual([]);
    expect(String(lines[0]?.meta?.error)).toMatch(/probe:progress emitted outside its payload schema: done/);
  });

  it('release builds pass answers through unchecked; tests and development check them', async () => {
    const r = await createDispatcher(drifted, recordingLogger().logger, { checkResponses: false })('app:info', {}, context());
    expect(r).toEqual({ ok: true, value: { name: 'Port Doctor', version: 42 } });
    expect(responseChecksWanted({ NODE_ENV: 'production' })).toBe(false);
    expect(responseChecksWanted({})).toBe(false);
    expect(responseChecksWanted({ NODE_ENV: 'test' })).toBe(true);
    expect(responseChecksWanted({ NODE_ENV: 'development' })).toBe(true);
    expect(responseChecksWanted({ PD_CHECK_RESPONSES: '1' })).toBe(true);
    // This very run is a test: the default checks.
    const e = errorOf(await createDispatcher(drifted, recordingLogger().logger)('app:info', {}, context()));
    expect(e.code).toBe('INTERNAL');
  });
});
