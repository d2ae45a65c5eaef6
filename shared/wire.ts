// The WebSocket framing used by `port-doctor serve`: calls, results and events as JSON messages.
import { z } from 'zod';

/** Renderer → engine. `id` pairs the result with its call. */
export const wireCallSchema = z
  .object({
    t: z.literal('call'),
    id: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    channel: z.string().max(100),
    input: z.unknown(),
  })
  .strict();

export type WireCall = z.infer<typeof wireCallSchema>;

/** Engine → renderer. `result` is a Result; events are pushed unprompted. */
export type WireServerMessage =
  | { t: 'result'; id: number; result: unknown }
  | { t: 'event'; event: string; payload: unknown }
  | { t: 'error'; code: string; message: string };

export const WS_PATH = '/ws';
/** Largest message the engine accepts from the page: requests are small; rows flow the other way. */
export const WS_MAX_INBOUND_BYTES = 64 * 1024;
