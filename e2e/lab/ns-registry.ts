// The per-process lab registry: run prefix, namespaces and children of this run (shared by every module instance).
import type { LabSupport, Netns } from './ns-core.js';
import type { NsProcess } from './ns-process.js';

export const NS_NAME_PATTERN = /^pd([0-9a-z]{1,6})-([0-9a-z]{2})-[A-Za-z0-9_.-]+$/;

export interface Registry {
  prefix: string;
  namespaces: Map<string, Netns>;
  processes: Set<NsProcess>;
  hooked: boolean;
  staleCleaned: boolean;
  support?: LabSupport;
}

// One registry per process, shared by every module instance vitest creates for isolated test files.
const REGISTRY_KEY = Symbol.for('port-doctor.lab.registry');
const globalSlot = globalThis as typeof globalThis & { [REGISTRY_KEY]?: Registry };
export const registry: Registry = (globalSlot[REGISTRY_KEY] ??= {
  prefix: `pd${process.pid.toString(36)}-${Math.random().toString(36).slice(2, 4).padEnd(2, '0')}`,
  namespaces: new Map(),
  processes: new Set(),
  hooked: false,
  staleCleaned: false,
});

export const RUN_PREFIX: string = registry.prefix;

export const keepLab = (): boolean => process.env.PD_LAB_KEEP === '1';

