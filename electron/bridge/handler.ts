// The transport-agnostic handler table type: one async function per invoke channel.
import type { EventName, InvokeName, ParsedRequestOf, PayloadOf, ResponseOf } from '../../shared/contract';

/** What a handler may know about its caller: never the transport itself. */
export interface HandlerContext {
  /** Aborted when the caller goes away (window closed, WebSocket dropped) or the app quits. */
  readonly signal: AbortSignal;
  /** Push an event to the caller that made this request (and only to it). */
  emit<E extends EventName>(event: E, payload: PayloadOf<E>): void;
  readonly transport: 'electron-ipc' | 'websocket';
}

export type Handler<C extends InvokeName> = (
  input: ParsedRequestOf<C>,
  ctx: HandlerContext,
) => Promise<ResponseOf<C>>;

export type HandlerTable = { [C in InvokeName]: Handler<C> };
