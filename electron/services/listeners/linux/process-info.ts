// What we can learn about an owning process (name, command line, executable) and uid → user name.
import fs from 'node:fs';
import { errorCode } from '../../os/proc-text';

export interface ProcessInfo {
  /**
   * When the process started (clock ticks since boot, /proc/<pid>/stat field 22): with the pid,
   * it names one process for good (a pid can be reused, a pid and start time cannot).
   */
  startTime: number;
  name: string | null;
  command: string | null;
  exePath: string | null;
}

function readOrNull(path: string): string | null {
  try {
    return fs.readFileSync(path, 'utf8');
  } catch (e) {
    if (isExpected(e)) return null;
    throw e;
  }
}

function isExpected(e: unknown): boolean {
  const code = errorCode(e);
  // Vanished, another user's (exe needs ptrace rights), or a kernel thread without an exe.
  return code === 'ENOENT' || code === 'ESRCH' || code === 'EACCES' || code === 'EPERM';
}

/** `pid (comm) state ppid …`: comm (as /proc/<pid>/comm has it) and the start time; null if malformed. */
export function parseStat(text: string): { name: string; startTime: number } | null {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return null;
  // Fields after the name start at field 3 (state); starttime is field 22.
  const startText = text.slice(close + 2).split(' ')[22 - 3];
  if (startText === undefined || !/^\d{1,20}$/.test(startText)) return null;
  return { name: text.slice(open + 1, close), startTime: Number(startText) };
}

/**
 * Reads stat, cmdline and exe; null when the process is gone. Read afresh on every refresh: the
 * same pid and start time can exec another program, which changes all three.
 */
export function readProcessInfo(procRoot: string, pid: number): ProcessInfo | null {
  const dir = `${procRoot}/${pid}`;
  const statText = readOrNull(`${dir}/stat`);
  const stat = statText === null ? null : parseStat(statText);
  if (stat === null) return null;
  const cmdline = readOrNull(`${dir}/cmdline`);
  let exePath: string | null = null;
  try {
    exePath = fs.readlinkSync(`${dir}/exe`);
  } catch (e) {
    if (!isExpected(e)) throw e;
  }
  return { startTime: stat.startTime, name: stat.name, command: cmdline ? commandText(cmdline) : null, exePath };
}

/** cmdline is NUL-separated arguments with a trailing NUL; shown joined by spaces. */
export function commandText(cmdline: string): string | null {
  const text = cmdline.replace(/\0+$/, '').replaceAll('\0', ' ');
  return text.length > 0 ? text : null;
}

/** uid → login name from passwd(5) text; malformed lines are skipped (first entry per uid wins). */
export function parsePasswd(text: string): Map<number, string> {
  const users = new Map<number, string>();
  for (const line of text.split('\n')) {
    if (line.length === 0 || line.startsWith('#')) continue;
    const first = line.indexOf(':');
    const second = first < 0 ? -1 : line.indexOf(':', first + 1);
    const third = second < 0 ? -1 : line.indexOf(':', second + 1);
    if (first <= 0 || third < 0) continue;
    const uidText = line.slice(second + 1, third);
    if (!/^\d{1,10}$/.test(uidText)) continue;
    const uid = Number(uidText);
    if (!users.has(uid)) users.set(uid, line.slice(0, first));
  }
  return users;
}

export function readPasswd(path: string): Map<number, string> {
  const text = readOrNull(path);
  return text === null ? new Map() : parsePasswd(text);
}
