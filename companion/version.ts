// The companion's version, injected at build time from package.json (esbuild/vitest `define`).
declare const __PD_VERSION__: string | undefined;

export const COMPANION_VERSION: string = typeof __PD_VERSION__ === 'string' ? __PD_VERSION__ : '0.0.0-dev';
