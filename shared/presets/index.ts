// Game presets: lookup by id, search by name or alias, ports expanded one by one, program names.
// The renderer imports ./catalog directly (no zod); everything else may use this index.
export * from './schema';
export * from './catalog';
