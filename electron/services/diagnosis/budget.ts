// Time limits of one diagnosis, each with why. One overall budget; each step has its own, shorter one.
import type { ProbeProtocol } from '../../../shared/companion-protocol';

/**
 * The whole automatic diagnosis. The companion runs a check's probes at once, ≤ 2 s when a port
 * is silent (older companions run them one after another, ≤ 2 s each): two rounds of up to four
 * probes is the worst case a real diagnosis meets; past 20 s a user assumes it hung, so everything
 * still out is recorded as 'timed-out'.
 */
export const DIAGNOSIS_BUDGET_MS = 20_000;

/** Reading sockets, firewall rules and routes is local work (~100 ms); 3 s covers a loaded machine. */
export const LOCAL_STEP_MS = 3_000;

/**
 * The network facts wait for NAT-PMP (≤ 0.6 s), whoami/STUN and ≤ 4 traced hops; on a loaded
 * machine that passed 3 s, so they get 6 s (the outside test, which runs meanwhile, takes longer).
 */
export const NETWORK_STEP_MS = 6_000;

/** The hairpin self-test is one TCP connect to our own public address; a router that loops answers in ms. */
export const HAIRPIN_CONNECT_MS = 1_000;

/** Admin and extras ports friends never use: not tested from outside (and RCON should stay closed). */
export const OUTSIDE_SKIPPED_ROLES = new Set(['rcon', 'web', 'stream']);

export type { ProbeProtocol };
