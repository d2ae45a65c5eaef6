// network:* and firewall:* — where this computer sits (LAN, router, NATs, public address) and
// whether its own firewall lets a port in.
import { z } from 'zod';
import { event, invoke } from '../channel';
import { firewallAnswerSchema, firewallProtocolSchema } from '../network/firewall';
import { networkFactsSchema, networkProgressSchema } from '../network/facts';
import { runIdSchema } from './probe';

/** http(s) only; the engine uses PD_COMPANION_URL when absent (there is no public default). */
const companionUrlSchema = z.string().max(300).regex(/^https?:\/\/[^\s]+$/, 'an http:// or https:// URL');

export const networkChannels = {
  'network:facts': invoke(
    z
      .object({
        runId: runIdSchema,
        companionUrl: companionUrlSchema.optional(),
        /** `host:port`, up to 3; the engine's defaults (companion's, PD_STUN_SERVERS, public) when absent. */
        stunServers: z.array(z.string().max(300)).min(1).max(3).optional(),
      })
      .strict(),
    networkFactsSchema,
    'Interfaces, gateway, DNS, neighbours, the router\'s WAN address (NAT-PMP), public address, the path out and how many NATs.',
  ),
  'firewall:check': invoke(
    z
      .object({
        port: z.number().int().min(1).max(65535),
        protocol: firewallProtocolSchema,
        /** Windows and macOS allow or block programs; Linux ignores it. */
        program: z.string().min(1).max(1000).optional(),
      })
      .strict(),
    firewallAnswerSchema,
    'Whether this computer\'s own firewall lets new connections to a port in, and the rules that decide it.',
  ),
} as const;

export const networkEvents = {
  'network:progress': event(networkProgressSchema, 'One step of network:facts started or finished (lan, router-wan, public, path).'),
} as const;
