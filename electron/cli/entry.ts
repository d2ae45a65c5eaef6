// Process wiring for the CLI bundle: real stdout/stderr, signals, exit code.
import { runCli } from './main';

const controller = new AbortController();
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort(new Error(sig));
  });
}

runCli(process.argv.slice(2), {
  out: (t) => process.stdout.write(t),
  outBytes: (b) => process.stdout.write(b),
  err: (t) => process.stderr.write(t),
  stderrIsTTY: Boolean(process.stderr.isTTY),
  env: process.env,
  signal: controller.signal,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`port-doctor: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
