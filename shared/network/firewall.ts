// The host-firewall answer for one port: schema shared by the firewall service, the bridge, the CLI
// and the diagnosis. Verdicts are about a NEW connection arriving from another device (not loopback).
import { z } from 'zod';

export const firewallProtocolSchema = z.enum(['tcp', 'udp']);

/** Where a rule was read: the kernel rulesets, a front-end the user manages, or the OS's firewall app. */
export const firewallSourceSchema = z.enum(['nftables', 'iptables', 'ufw', 'firewalld', 'socketfilterfw', 'pf', 'windows-firewall']);

export const firewallRuleSchema = z
  .object({
    source: firewallSourceSchema,
    /** Where the user finds it: `table inet filter, chain input` / a Windows rule's display name / an app path. */
    location: z.string(),
    /** The rule as the tool prints it (nft syntax, an iptables-save line, a Windows rule summary). */
    text: z.string(),
    /** What it does to this port: let it in, drop it silently, refuse it, or (policy) the chain's default. */
    effect: z.enum(['allows', 'blocks', 'refuses', 'undecided']),
  })
  .strict();

/** One reader's state: read, not present on this computer, present but off, or unreadable and why. */
export const firewallReaderSchema = z
  .object({
    source: firewallSourceSchema,
    state: z.enum(['read', 'not-installed', 'inactive', 'needs-elevation', 'failed']),
    detail: z.string().nullable(),
  })
  .strict();

export const firewallAnswerSchema = z
  .object({
    port: z.number().int().min(1).max(65535),
    protocol: firewallProtocolSchema,
    program: z.string().nullable(),
    /** allows / blocks for a new IPv4 connection from the network; unknown when it could not be decided. */
    verdict: z.enum(['allows', 'blocks', 'unknown']),
    /** The rules that decided it, first to last (a policy counts as a rule). Empty when nothing matched. */
    rules: z.array(firewallRuleSchema),
    /** Some rules could not be read without administrator/root rights. */
    needsElevation: z.boolean(),
    readers: z.array(firewallReaderSchema),
    /** Why the verdict is not plain: conditions it depends on (source address, interface, a match not understood). */
    caveats: z.array(z.string()),
  })
  .strict();

export type FirewallProtocol = z.infer<typeof firewallProtocolSchema>;
export type FirewallSource = z.infer<typeof firewallSourceSchema>;
export type FirewallRule = z.infer<typeof firewallRuleSchema>;
export type FirewallReader = z.infer<typeof firewallReaderSchema>;
export type FirewallAnswer = z.infer<typeof firewallAnswerSchema>;
