// Building blocks for declaring bridge channels: each is declared once, with its schemas.
import type { z } from 'zod';

/** A request/response channel: the renderer calls, the main process answers with a Result. */
export interface InvokeChannel<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  readonly kind: 'invoke';
  readonly request: Req;
  readonly response: Res;
  /** One line for docs and `--help`; also what a reviewer reads first. */
  readonly summary: string;
}

/** A stream the main process pushes to the caller that started the work (progress, rows). */
export interface EventChannel<P extends z.ZodType = z.ZodType> {
  readonly kind: 'event';
  readonly payload: P;
  readonly summary: string;
}

export function invoke<Req extends z.ZodType, Res extends z.ZodType>(
  request: Req,
  response: Res,
  summary: string,
): InvokeChannel<Req, Res> {
  return { kind: 'invoke', request, response, summary };
}

export function event<P extends z.ZodType>(payload: P, summary: string): EventChannel<P> {
  return { kind: 'event', payload, summary };
}

/** `domain:verb`, lower-case words with dashes; the preload derives method names from it. */
export const CHANNEL_NAME = /^[a-z]+(?:-[a-z]+)*:[a-z]+(?:-[a-z]+)*$/;

/** `listeners:list` → `listenersList`; `probe:progress` → `onProbeProgress` (for events). */
export function methodName(channel: string): string {
  return channel
    .split(/[:-]/)
    .map((part, i) => (i === 0 ? part : part.charAt(0).toUpperCase() + part.slice(1)))
    .join('');
}

export function subscriptionName(channel: string): string {
  const m = methodName(channel);
  return `on${m.charAt(0).toUpperCase()}${m.slice(1)}`;
}
