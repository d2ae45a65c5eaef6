// Runs inside the benchmark namespace: times each command (stdout to /dev/null), interleaved so
// load from other work on the machine hits both alike. Prints one JSON line of seconds per command.
// The commands run as on a user's machine: without NODE_EXTRA_CA_CERTS (an extra CA bundle this
// build environment sets, whose parsing costs Node ~45 ms at every start).
// usage: node listeners-timer.mjs <runs> '<json array of argv arrays>'
import { spawnSync } from 'node:child_process';
import { openSync } from 'node:fs';

const runs = Number(process.argv[2]);
const commands = JSON.parse(process.argv[3]);
const devnull = openSync('/dev/null', 'w');
const env = { ...process.env };
delete env.NODE_EXTRA_CA_CERTS;
const times = commands.map(() => []);

for (let r = -1; r < runs; r++) {
  commands.forEach((argv, i) => {
    const t0 = process.hrtime.bigint();
    const res = spawnSync(argv[0], argv.slice(1), { stdio: ['ignore', devnull, 'pipe'], env });
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    if (res.status !== 0) throw new Error(`${argv.join(' ')} exited ${res.status}: ${res.stderr}`);
    if (r >= 0) times[i].push(seconds); // run -1 warms the page cache and procfs dentries for both
  });
}
process.stdout.write(`${JSON.stringify(times)}\n`);
