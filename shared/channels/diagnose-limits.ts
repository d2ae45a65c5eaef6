// Limits of the diagnose:* channels the renderer needs as values (no zod here: the first screen stays small).

/** Arrivals of one outside test the diagnosis looks at: the first internet one decides, the rest is the record. */
export const MAX_OUTSIDE_TEST_ARRIVALS = 100;
