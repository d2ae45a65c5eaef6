// app:* handlers.
import os from 'node:os';
import type { Handler } from '../bridge/handler';
import { APP_NAME, APP_VERSION } from '../version';

const STARTED_AT = new Date().toISOString();

function platformOf(p: NodeJS.Platform): 'linux' | 'darwin' | 'win32' | 'other' {
  return p === 'linux' || p === 'darwin' || p === 'win32' ? p : 'other';
}

/** Root on Unix; on Windows elevation is not visible from Node, so we say no rather than guess. */
export function isElevated(): boolean {
  return typeof process.getuid === 'function' ? process.getuid() === 0 : false;
}

export const appInfo: Handler<'app:info'> = async (_input, ctx) => ({
  name: APP_NAME,
  version: APP_VERSION,
  platform: platformOf(process.platform),
  arch: process.arch,
  runtime: {
    node: process.versions.node,
    electron: process.versions.electron ?? null,
    chrome: process.versions.chrome ?? null,
  },
  transport: ctx.transport,
  capabilities: {
    canReadOtherUsersProcesses: isElevated(),
    elevated: isElevated(),
  },
  hostname: os.hostname(),
  startedAt: STARTED_AT,
});
