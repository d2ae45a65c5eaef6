// Network facts: where this computer sits (LAN, router, NATs on the way out, public address).
// One schema for the service, the bridge, the CLI's --json and the diagnosis. Each field is one fact;
// "not checked" and "no answer" are values of their own, with the reason in words.
import { z } from 'zod';

/** What an address is, for the picture and the NAT verdict (RFC 1918, RFC 6598, RFC 4193…). */
export const addressKindSchema = z.enum(['loopback', 'link-local', 'private', 'cgnat', 'unique-local', 'public', 'other']);

export const interfaceAddressSchema = z
  .object({
    address: z.string(),
    family: z.enum(['ipv4', 'ipv6']),
    prefixLength: z.number().int().nullable(),
    kind: addressKindSchema,
  })
  .strict();

/**
 * What the MAC address itself says (IEEE 802 bits of the first byte): `universal` addresses carry the
 * maker's registered prefix (OUI); `local` ones (the U/L bit set) were made up by software — phones'
 * and laptops' private (randomized) Wi-Fi addresses, virtual machines, containers — and name no maker;
 * `group` is a multicast address. null: no MAC known.
 */
export const macKindSchema = z.enum(['universal', 'local', 'group']);

/** The maker of a network card, from the IEEE registry (MA-L/MA-M/MA-S) by its MAC prefix. */
const macFactFields = {
  mac: z.string().nullable(),
  macKind: macKindSchema.nullable(),
  /** The registered maker; null for local and unregistered prefixes, or when the lookup failed (see `macVendors`). */
  vendor: z.string().nullable(),
};

export const networkInterfaceSchema = z
  .object({
    name: z.string(),
    ...macFactFields,
    /** The IPv4 default route leaves by this interface: it leads to the router and the internet. */
    isDefaultRoute: z.boolean(),
    addresses: z.array(interfaceAddressSchema),
  })
  .strict();

export const gatewayFactSchema = z
  .object({
    /** The IPv4 default gateway (the home router, usually). */
    address: z.string().nullable(),
    interfaceName: z.string().nullable(),
    ipv6: z.string().nullable(),
    /** Why the address is missing, or null. */
    reason: z.string().nullable(),
  })
  .strict();

export const neighbourSchema = z
  .object({
    address: z.string(),
    ...macFactFields,
    interfaceName: z.string().nullable(),
  })
  .strict();

export const routerWanSchema = z
  .object({
    /** The router's internet-side address, when the router told us. */
    address: z.string().nullable(),
    kind: addressKindSchema.nullable(),
    /** Where it came from: a NAT-PMP answer, or nowhere. */
    source: z.enum(['nat-pmp', 'none']),
    /** answered = address given; refused = the router answered with an error; no-answer = silence or port closed. */
    natPmp: z.enum(['answered', 'refused', 'no-answer', 'not-checked']),
    detail: z.string().nullable(),
  })
  .strict();

export const publicFactSchema = z
  .object({
    address: z.string().nullable(),
    family: z.enum(['ipv4', 'ipv6']).nullable(),
    source: z.enum(['companion', 'stun', 'none']),
    /** RFC 4787 mapping behaviour from STUN: easy (endpoint-independent) or hard (per destination). */
    mapping: z.enum(['easy', 'hard', 'unknown', 'not-checked']),
    reason: z.string().nullable(),
  })
  .strict();

export const hopSchema = z
  .object({
    hop: z.number().int().min(1),
    /** null: that router did not answer (a `*` or "no reply"). */
    address: z.string().nullable(),
    kind: addressKindSchema.nullable(),
    rttMs: z.number().nullable(),
  })
  .strict();

export const pathTraceSchema = z
  .object({
    state: z.enum(['traced', 'not-installed', 'failed', 'not-checked']),
    tool: z.enum(['tracepath', 'traceroute', 'tracert']).nullable(),
    target: z.string().nullable(),
    reason: z.string().nullable(),
  })
  .strict();

export const natKindSchema = z.enum(['none', 'single', 'double', 'cgnat', 'unknown']);

/** One observation behind the NAT verdict; sentences are made from these in shared/render/network.ts. */
export const natReasonSchema = z.discriminatedUnion('code', [
  z.object({ code: z.literal('this-computer-public'), address: z.string() }).strict(),
  z.object({ code: z.literal('router-wan-cgnat'), address: z.string() }).strict(),
  z.object({ code: z.literal('router-wan-private'), address: z.string() }).strict(),
  z.object({ code: z.literal('router-wan-is-public-address'), address: z.string() }).strict(),
  z.object({ code: z.literal('router-wan-differs'), address: z.string(), publicAddress: z.string() }).strict(),
  z.object({ code: z.literal('hop-cgnat'), hop: z.number().int(), address: z.string() }).strict(),
  z.object({ code: z.literal('hop-private'), hop: z.number().int(), address: z.string() }).strict(),
  z.object({ code: z.literal('hop-public'), hop: z.number().int(), address: z.string() }).strict(),
  z.object({ code: z.literal('behind-some-nat'), localAddress: z.string(), publicAddress: z.string() }).strict(),
  z.object({ code: z.literal('too-little-known') }).strict(),
]);

export const natVerdictSchema = z
  .object({
    kind: natKindSchema,
    /** The observations that decided it, in words ("your router's internet-side address is …"). */
    evidence: z.array(z.string()),
    reasons: z.array(natReasonSchema),
  })
  .strict();

export const networkFactsSchema = z
  .object({
    schemaVersion: z.literal(1),
    checkedAt: z.string(),
    interfaces: z.array(networkInterfaceSchema),
    gateway: gatewayFactSchema,
    dns: z.object({ servers: z.array(z.string()), reason: z.string().nullable() }).strict(),
    /** Devices this computer has talked to recently on the LAN (the neighbour table). */
    neighbours: z.object({ devices: z.array(neighbourSchema), reason: z.string().nullable() }).strict(),
    /** Whether makers were looked up for the MACs above: a failed lookup is not "no maker". */
    macVendors: z.object({ state: z.enum(['looked-up', 'failed', 'not-checked']), reason: z.string().nullable() }).strict(),
    routerWan: routerWanSchema,
    /** The address the internet sees (companion or STUN); null when not checked or unanswered. */
    publicAddress: z.string().nullable(),
    public: publicFactSchema,
    /** The first hops toward the internet (hop 1 is usually the router). */
    path: z.array(hopSchema),
    pathTrace: pathTraceSchema,
    nat: natVerdictSchema,
  })
  .strict();

export const networkStepSchema = z.enum(['lan', 'router-wan', 'public', 'path']);
export const networkProgressSchema = z.object({ runId: z.string(), step: networkStepSchema, state: z.enum(['started', 'done']) }).strict();

export type AddressKind = z.infer<typeof addressKindSchema>;
export type NetworkInterfaceFact = z.infer<typeof networkInterfaceSchema>;
export type GatewayFact = z.infer<typeof gatewayFactSchema>;
export type Neighbour = z.infer<typeof neighbourSchema>;
export type MacKind = z.infer<typeof macKindSchema>;
/** One row of the OS's neighbour table, before the maker is looked up. */
export type NeighbourRow = Pick<Neighbour, 'address' | 'mac' | 'interfaceName'>;
export type RouterWanFact = z.infer<typeof routerWanSchema>;
export type PublicFact = z.infer<typeof publicFactSchema>;
export type Hop = z.infer<typeof hopSchema>;
export type PathTrace = z.infer<typeof pathTraceSchema>;
export type NatKind = z.infer<typeof natKindSchema>;
export type NatReason = z.infer<typeof natReasonSchema>;
export type NatVerdict = z.infer<typeof natVerdictSchema>;
export type NetworkFacts = z.infer<typeof networkFactsSchema>;
export type NetworkStep = z.infer<typeof networkStepSchema>;
