// Process entry of the standalone companion bundle (dist/companion/companion.cjs): flags, logs, signals.
import { startCompanion } from './companion';
import { COMPANION_HELP, COMPANION_USAGE, parseCompanionArgs } from './config';
import { createLogger } from './log';
import { COMPANION_VERSION } from './version';

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`Usage: ${COMPANION_USAGE.replace('port-doctor companion', 'node companion.cjs')}\n\n${COMPANION_HELP}\n`);
    return 0;
  }
  if (argv.includes('--version')) {
    process.stdout.write(`${COMPANION_VERSION}\n`);
    return 0;
  }
  let config;
  try {
    config = parseCompanionArgs(argv);
  } catch (e) {
    process.stderr.write(`companion: ${e instanceof Error ? e.message : String(e)}\nUsage: ${COMPANION_USAGE}\n`);
    return 2;
  }
  const log = createLogger((line) => process.stderr.write(line), config.logLevel);
  const handle = await startCompanion(config, log);
  await new Promise<void>((resolve) => {
    for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => resolve());
  });
  await handle.close();
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level: 'error', msg: 'companion failed', error: e instanceof Error ? e.message : String(e) })}\n`);
    process.exitCode = 1;
  },
);
