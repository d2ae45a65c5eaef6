// Test helper: /proc/<pid>/stat text as the kernel writes it (fs/proc/array.c do_task_stat).

/** A stat line whose name is `comm` and whose start time (field 22) is `startTime`. */
export function statLine(pid: number, comm: string, startTime: number): string {
  // Fields 3–21 (state … itrealvalue), then 22 starttime, then a few of the rest.
  const middle = ['S', '1', String(pid), String(pid), '0', '-1', '4194560', '120', '0', '0', '0', '3', '1', '0', '0', '20', '0', '1', '0'];
  return `${pid} (${comm}) ${middle.join(' ')} ${startTime} 12345 678 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0\n`;
}
