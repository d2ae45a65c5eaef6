// The single chokepoint both transports call: channel lookup, input parsing, error translation.
import { invokeChannels, isInvokeName, type InvokeName } from '../../shared/contract';
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

export function createDispatcher(table: HandlerTable, logger: DispatchLogger) {
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
      return ok(await handler(parsed.data, ctx));
    } catch (e) {
      if (e instanceof AppError) return err(e.toData());
      if (ctx.signal.aborted) return err(new AppError('CANCELLED').toData());
      logger.error('handler failed', { channel, error: e instanceof Error ? e.stack ?? e.message : String(e) });
      return err(new AppError('INTERNAL', channelLabel(channel)).toData());
    }
  };
}

function channelLabel(channel: InvokeName): string {
  return `while handling ${channel}`;
}

export type Dispatch = ReturnType<typeof createDispatcher>;
