// The evidence a diagnosis gathered: plain serialisable facts, one per field, 'not-checked' ≠ 'no'.
import { z } from 'zod';
import { factSchema } from './fact';
import { diagnosisProtocolSchema, stepIdSchema } from './plan';
import { portRoleSchema } from '../presets/schema';
import { PORT_STATES, PROBE_REASONS } from '../channels/probe';
import { verifiedBySchema } from '../channels/companion';

/** One socket on this computer holding a target port. */
export const socketSchema = z
  .object({
    address: z.string().max(64),
    /** loopback = this computer only; interface = one address; all = every network. */
    exposure: z.enum(['loopback', 'interface', 'all']),
    pid: z.number().int().nonnegative().nullable(),
    process: z.string().max(200).nullable(),
  })
  .strict();

/** What a test from outside (companion, phone or friend) saw for one port. */
export const outsideSchema = z
  .object({
    /** Who tested; null when no outside test ran for this port. */
    vantage: z.enum(['companion', 'phone', 'friend']).nullable(),
    /** nmap's words for what the vantage point saw at the public address; null = not tested. */
    state: z.enum(PORT_STATES).nullable(),
    reason: z.enum([...PROBE_REASONS, 'aborted']).nullable(),
    /** The test provably arrived at this computer (nonce, socket-table match or the same server's identity). */
    reachedThisComputer: factSchema,
    /** Something at the public address answered at all (connected, replied, or refused), whoever it was. */
    answered: factSchema,
    /** How arrival was proven; null when it was not. */
    verifiedBy: verifiedBySchema.nullable(),
    /** Nothing listened, so Port Doctor's own temporary listener stood in for the server. */
    testListener: factSchema,
    rttMs: z.number().nonnegative().nullable(),
  })
  .strict();

/** Everything known about one target port. */
export const portEvidenceSchema = z
  .object({
    port: z.number().int().min(1).max(65535),
    protocol: diagnosisProtocolSchema,
    needed: z.boolean(),
    role: portRoleSchema,
    label: z.string().max(60),
    /** A socket on this computer holds this port and protocol (TCP listening, UDP bound). */
    listening: factSchema,
    /** The sockets that hold it (empty when nothing does or it was not checked). */
    sockets: z.array(socketSchema).max(32),
    /** Every holder is bound to 127.0.0.0/8 or ::1: only this computer can connect. */
    loopbackOnly: factSchema,
    /** A holder accepts on the address friends' forwarded traffic arrives at (0.0.0.0/:: or the LAN address). */
    boundWhereFriendsArrive: factSchema,
    /** The holder is one of the preset's usual server programs. */
    usualProgram: factSchema,
    /** The host firewall lets inbound traffic to this port through (no = it drops or refuses it). */
    firewallAllows: factSchema,
    outside: outsideSchema,
    /** Connecting to the public address and this port from this computer worked (NAT loopback / hairpin). */
    hairpinWorks: factSchema,
    /** Same port number, other protocol, from outside: arrived at this computer. */
    otherProtocolReached: factSchema,
  })
  .strict();
export type PortEvidence = z.infer<typeof portEvidenceSchema>;
export type SocketEvidence = z.infer<typeof socketSchema>;
export type OutsideEvidence = z.infer<typeof outsideSchema>;

/** This computer and the network path to the internet. */
export const networkEvidenceSchema = z
  .object({
    /** This computer's address on the interface of the default route: where a forward must point. */
    lanAddress: z.string().max(64).nullable(),
    lanInterface: z.string().max(64).nullable(),
    gateway: z.string().max(64).nullable(),
    /** The router's WAN address as the router itself reports it (NAT-PMP); null when unknown. */
    routerWanAddress: z.string().max(64).nullable(),
    /** The public address the internet sees for this computer; null when no companion or STUN answered. */
    publicAddress: z.string().max(64).nullable(),
    publicAddressSource: z.enum(['companion', 'stun']).nullable(),
    /** The router's WAN is in 100.64.0.0/10 (RFC 6598), or a path hop after the router is. */
    behindCgnat: factSchema,
    /** The router's WAN is private (RFC 1918): another NAT sits in front of it. */
    doubleNat: factSchema,
    /** How the NAT maps outbound UDP (RFC 4787): easy = endpoint-independent, hard = per destination. */
    natMapping: z.enum(['easy', 'hard', 'unknown']).nullable(),
    /**
     * A control port nobody forwards was refused from outside too: the router answers unforwarded
     * ports with a refusal, so a refused game port does not mean a forward exists. 'no' = the
     * control stayed silent while the game port was refused: a forward exists and leads to a device
     * or port that refuses.
     */
    routerRefusesUnforwarded: factSchema,
    /** This computer has a global IPv6 address (a way around CGNAT when friends have IPv6 too). */
    globalIpv6: factSchema,
  })
  .strict();
export type NetworkEvidence = z.infer<typeof networkEvidenceSchema>;

/** The host firewall as a whole (per-port verdicts live in ports[].firewallAllows). */
export const firewallEvidenceSchema = z
  .object({
    /** A host firewall with inbound filtering is active. */
    active: factSchema,
    /** Which one ("nftables", "ufw", "firewalld", "Windows Defender Firewall", …). */
    product: z.string().max(80).nullable(),
    /** Windows: the active network is in the Public profile, where most game rules do not apply. */
    publicProfile: factSchema,
  })
  .strict();

/** The game server as a whole. */
export const serverEvidenceSchema = z
  .object({
    /** The server runs in one of the preset's relay modes (the user said so, or its command line shows it). */
    relayModeInUse: factSchema,
    relayMode: z.string().max(60).nullable(),
  })
  .strict();

/** How each gathering step went: the checklist's record, and what the report shows as "how we know". */
export const stepRecordSchema = z
  .object({
    id: stepIdSchema,
    state: z.enum(['done', 'failed', 'skipped', 'timed-out', 'cancelled']),
    durationMs: z.number().nonnegative(),
    /** One line: what the step found, or why it did not finish. */
    note: z.string().max(300),
  })
  .strict();
export type StepRecord = z.infer<typeof stepRecordSchema>;

export const evidenceSchema = z
  .object({
    /** ISO time the gathering started. */
    collectedAt: z.string(),
    durationMs: z.number().nonnegative(),
    os: z.enum(['linux', 'darwin', 'win32', 'other']),
    network: networkEvidenceSchema,
    firewall: firewallEvidenceSchema,
    server: serverEvidenceSchema,
    ports: z.array(portEvidenceSchema).min(1),
    steps: z.array(stepRecordSchema),
  })
  .strict();
export type Evidence = z.infer<typeof evidenceSchema>;
