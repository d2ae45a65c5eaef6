// The one message the page sends the engine over the WebSocket, checked where it arrives.
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
