// The single chokepoint both transports call: channel lookup, input parsing, error translation.
import { eventChannels, invokeChannels, isInvokeName, type InvokeName } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { err, ok, type Result } from '../../shared/result';
import type { HandlerContext, HandlerTable } from './handler';

export interface DispatchLogger {
  error(message: string, meta?: Record<string, unknown>): void;
}

function zodDetail(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  return issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.map(String).join('.') : '(request)'}: ${i.message}`)
    .join('; ');
}

export interface DispatchOptions {
  /**
   * Check every handler response and event payload against its channel's schema, so a handler
   * that drifts from the contract fails where it is tested instead of in a renderer that trusted
   * the type. On by default in tests and development (see responseChecksWanted); off in release,
   * where the types already bind the handlers and the parse would cost every call.
   */
  checkResponses?: boolean;
}

/** Vitest sets NODE_ENV=test, `npm start` sets development; PD_CHECK_RESPONSES=1 forces it (e2e). */
export function responseChecksWanted(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.PD_CHECK_RESPONSES === '1' || env.NODE_ENV === 'test' || env.NODE_ENV === 'development';
}

export function createDispatcher(table: HandlerTable, logger: DispatchLogger, options: DispatchOptions = {}) {
  const check = options.checkResponses ?? responseChecksWanted();
  return async function dispatch(channel: unknown, input: unknown, ctx: HandlerContext): Promise<Result<unknown>> {
    if (!isInvokeName(channel)) {
      return err({ ...new AppError('UNKNOWN_CHANNEL', String(channel).slice(0, 80)).toData() });
    }
    const parsed = invokeChannels[channel].request.safeParse(input === undefined ? {} : input);
    if (!parsed.success) {
      return err(new AppError('INVALID_INPUT', zodDetail(parsed.error.issues)).toData());
    }
    try {
      const handler = table[channel] as (input: unknown, ctx: HandlerContext) => Promise<unknown>;
      const events = check ? checkedEvents(ctx) : null;
      const value = await handler(parsed.data, events?.ctx ?? ctx);
      if (check) {
        const res = invokeChannels[channel].response.safeParse(value);
        if (!res.success) throw new Error(`${channel} answered outside its response schema: ${zodDetail(res.error.issues)}`);
        if (events?.violation) throw new Error(events.violation);
      }
      return ok(value);
    } catch (e) {
      if (e instanceof AppError) return err(e.toData());
      if (ctx.signal.aborted) return err(new AppError('CANCELLED').toData());
      logger.error('handler failed', { channel, error: e instanceof Error ? e.stack ?? e.message : String(e) });
      return err(new AppError('INTERNAL', channelLabel(channel)).toData());
    }
  };
}

/**
 * The handler's context with every emitted payload checked against its event schema. A payload
 * outside it is not sent, and the call fails once the handler returns: events are often emitted
 * from timers, where a throw would bring the whole engine down instead of failing this call.
 */
function checkedEvents(ctx: HandlerContext): { ctx: HandlerContext; violation: string | null } {
  const out: { ctx: HandlerContext; violation: string | null } = {
    violation: null,
    ctx: {
      ...ctx,
      emit(event, payload) {
        const res = eventChannels[event].payload.safeParse(payload);
        if (res.success) ctx.emit(event, payload);
        else out.violation ??= `${event} emitted outside its payload schema: ${zodDetail(res.error.issues)}`;
      },
    },
  };
  return out;
}

function channelLabel(channel: InvokeName): string {
  return `while handling ${channel}`;
}

export type Dispatch = ReturnType<typeof createDispatcher>;
