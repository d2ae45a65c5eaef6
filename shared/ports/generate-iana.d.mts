// Types for the generator script, so the drift test can call it.
export function compactIana(registry: Record<string, [string, string]>): string;
export function renderModule(registry: Record<string, [string, string]>, version: string): string;
export function currentModule(): string;
