// Name and version, injected at build time by esbuild/vitest `define` from package.json.
declare const __PD_VERSION__: string | undefined;

export const APP_NAME = 'Port Doctor';
export const APP_VERSION: string = typeof __PD_VERSION__ === 'string' ? __PD_VERSION__ : '0.0.0-dev';
