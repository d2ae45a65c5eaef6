// alerts:* — OS notifications for new listening programs. Only the desktop app can show them; the
// renderer decides what to say (shared/alerts/notify-policy.ts) and only when the user turned it on.
import { z } from 'zod';
import { invoke } from '../channel';

export const alertsNotifyRequestSchema = z
  .object({
    title: z.string().min(1).max(80),
    body: z.string().min(1).max(300),
  })
  .strict();

export const alertsChannels = {
  'alerts:notify': invoke(alertsNotifyRequestSchema, z.object({ shown: z.boolean() }).strict(), 'Show an OS notification about a new listening program (desktop app only).'),
} as const;

export const alertsEvents = {} as const;
