// app:* — facts about the running engine, shown in the About panel and used to hide what cannot work.
import { z } from 'zod';
import { invoke } from '../channel';

export const appInfoSchema = z
  .object({
    name: z.string(),
    version: z.string(),
    /** process.platform of the engine (the machine being diagnosed). */
    platform: z.enum(['linux', 'darwin', 'win32', 'other']),
    arch: z.string(),
    /** Runtime versions, e.g. node 20.20.2, electron 45.4.1 (absent under `serve`). */
    runtime: z.object({ node: z.string(), electron: z.string().nullable(), chrome: z.string().nullable() }),
    /** Which transport the renderer is talking over. */
    transport: z.enum(['electron-ipc', 'websocket']),
    capabilities: z.object({
      /** Root/administrator: sockets of other users' processes can be attributed. */
      canReadOtherUsersProcesses: z.boolean(),
      /** Raw ICMP is not needed; listed so the UI can say why a probe reason is coarse. */
      elevated: z.boolean(),
    }),
    hostname: z.string(),
    startedAt: z.string(),
  })
  .strict();

export type AppInfo = z.infer<typeof appInfoSchema>;

export const appChannels = {
  'app:info': invoke(z.object({}).strict(), appInfoSchema, 'Version, platform and capabilities of the engine.'),
} as const;

export const appEvents = {} as const;
