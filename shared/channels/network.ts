// network:* and firewall:* — where this computer sits (LAN, router, NATs, public address) and
// whether its own firewall lets a port in.
import { z } from 'zod';
import { event, invoke } from '../channel';
import { firewallAnswerSchema, firewallProtocolSchema } from '../network/firewall';
import { networkFactsSchema, networkProgressSchema } from '../network/facts';
import { firewallFactSchema } from './audit';
import { runIdSchema } from './probe';

/** Every port a listening-socket list can show, twice (TCP and UDP) at most. */
const MAX_FIREWALL_PORTS = 2 * 65535;

const portQuestionSchema = z.object({ port: z.number().int().min(1).max(65535), protocol: firewallProtocolSchema }).strict();

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
  'firewall:check-ports': invoke(
    z.object({ ports: z.array(portQuestionSchema).min(1).max(MAX_FIREWALL_PORTS) }).strict(),
    z
      .object({
        /** One per question, in the order asked. */
        answers: z.array(portQuestionSchema.extend({ fact: firewallFactSchema }).strict()),
        /** When the rules were read (one reading answers several refreshes for a few seconds). */
        readAt: z.string(),
      })
      .strict(),
    'Allows / blocks / not checked for many ports from one reading of this computer\'s firewall rules (the Listeners page asks once per refresh).',
  ),
} as const;

export const networkEvents = {
  'network:progress': event(networkProgressSchema, 'One step of network:facts started or finished (lan, router-wan, public, path).'),
} as const;
