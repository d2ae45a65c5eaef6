// The words of a port verdict, defined once for every side: the app's probes, the companion's
// connect-backs, listeners, presets and diagnoses all use these schemas (no second 'tcp'|'udp').
import { z } from 'zod';

export const transportSchema = z.enum(['tcp', 'udp']);
export type Transport = z.infer<typeof transportSchema>;

/** nmap's vocabulary (DOMAIN.md). UDP silence is `open|filtered`, never `open`. */
export const PORT_STATES = ['open', 'closed', 'filtered', 'open|filtered'] as const;
export const portStateSchema = z.enum(PORT_STATES);
export type PortState = z.infer<typeof portStateSchema>;

/**
 * Why a state was given, in nmap's words. `admin-prohibited` is given when the local system's
 * policy refused the packet (EACCES/EPERM); an ICMP admin-prohibited from the far side reaches an
 * ordinary socket folded into host-unreach by the kernel, exactly as nmap -sT reports it.
 */
export const PROBE_REASONS = [
  'syn-ack',
  'conn-refused',
  'no-response',
  'host-unreach',
  'net-unreach',
  'admin-prohibited',
  'udp-response',
  'port-unreach',
] as const;
export const probeReasonSchema = z.enum(PROBE_REASONS);
export type ProbeReason = z.infer<typeof probeReasonSchema>;
