// The per-user record of a running `port-doctor serve` (port, pid, launch key), so a second start
// finds our own instance and prints a fresh link to it instead of failing on a busy port. The
// key signs launch links, so the file is readable by its owner only (0600 in a 0700 folder), and a
// file that anyone else could have written or read is ignored.
import { randomBytes } from 'node:crypto';
import { chmod, lstat, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { SERVE_MARK_HEADER } from './security';

const FILE = 'serve.json';
/** Asking a possibly hung old instance whether it is ours must not stall a new start. */
const PROBE_TIMEOUT_MS = 1_500;

const recordSchema = z
  .object({ version: z.literal(1), pid: z.number().int().positive(), port: z.number().int().min(1).max(65535), launchKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/) })
  .strict();
export type InstanceRecord = z.infer<typeof recordSchema>;

/**
 * PD_STATE_DIR (tests), else $XDG_RUNTIME_DIR/port-doctor (per-user, cleared at logout), else a
 * folder in the home directory.
 */
export function instanceDir(env: NodeJS.ProcessEnv = process.env, home: string = os.homedir()): string {
  if (env.PD_STATE_DIR) return env.PD_STATE_DIR;
  if (env.XDG_RUNTIME_DIR) return path.join(env.XDG_RUNTIME_DIR, 'port-doctor');
  return path.join(home, '.port-doctor');
}

/** Owner-only and ours (POSIX); Windows keeps profile folders per user already. */
async function privateToUs(file: string): Promise<boolean> {
  const st = await lstat(file);
  if (!st.isFile() && !st.isDirectory()) return false;
  if (process.platform === 'win32') return true;
  return (st.mode & 0o077) === 0 && st.uid === process.getuid?.();
}

export async function writeInstance(dir: string, record: InstanceRecord): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') await chmod(dir, 0o700);
  const tmp = path.join(dir, `.${FILE}.${randomBytes(6).toString('hex')}`);
  // Created 0600 from the start ('wx': never through a file or link someone planted).
  const handle = await open(tmp, 'wx', 0o600);
  try {
    await handle.writeFile(JSON.stringify(recordSchema.parse(record)));
  } finally {
    await handle.close();
  }
  await rename(tmp, path.join(dir, FILE));
}

/** The record, or null when absent, unreadable, malformed or not private to this user. */
export async function readInstance(dir: string): Promise<InstanceRecord | null> {
  const file = path.join(dir, FILE);
  try {
    if (!(await privateToUs(dir)) || !(await privateToUs(file))) return null;
    const parsed = recordSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Removes the record if it still names this process (a newer instance may have replaced it). */
export async function removeInstance(dir: string, pid: number): Promise<void> {
  const current = await readInstance(dir);
  if (current?.pid === pid) await rm(path.join(dir, FILE), { force: true });
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the port answers as a Port Doctor web UI (our mark header on the page). */
function answersAsUs(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: 'HEAD', path: '/', headers: { Host: `127.0.0.1:${port}` }, agent: false, timeout: PROBE_TIMEOUT_MS },
      (res) => {
        res.resume();
        resolve(res.headers[SERVE_MARK_HEADER] === 'serve');
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
    req.end();
  });
}

/** The running instance this user started, or null (stale files of dead instances are removed). */
export async function findRunningInstance(dir: string): Promise<InstanceRecord | null> {
  const record = await readInstance(dir);
  if (!record) return null;
  if (pidAlive(record.pid) && (await answersAsUs(record.port))) return record;
  if (!pidAlive(record.pid)) await rm(path.join(dir, FILE), { force: true });
  return null;
}
