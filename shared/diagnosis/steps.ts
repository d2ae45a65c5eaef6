// The checklist's steps (no zod: the renderer imports this list as is).

/**
 * The checklist's steps, in the order the user sees them. Each gathers one kind of evidence;
 * `test-listener`, `hairpin` and `other-protocol` run only when earlier results call for them.
 */
export const STEP_IDS = ['listeners', 'firewall', 'network', 'public-address', 'outside', 'test-listener', 'hairpin', 'other-protocol'] as const;
export type StepId = (typeof STEP_IDS)[number];
