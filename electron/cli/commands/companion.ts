// `port-doctor companion`: run the self-hostable companion endpoint in the foreground.
import { startCompanion } from '../../../companion/companion';
import { COMPANION_HELP, COMPANION_USAGE, parseCompanionArgs } from '../../../companion/config';
import { createLogger } from '../../../companion/log';
import { EXIT_OK, UsageError, type CliIo, type Command } from '../command';

export const companionCommand: Command = {
  name: 'companion',
  summary: 'Run the companion endpoint (whoami, TCP/UDP connect-back, STUN) for others to check ports against',
  usage: COMPANION_USAGE,
  help: `${COMPANION_HELP}\n\nLogs are JSON lines on stderr. SIGTERM / Ctrl+C stops gracefully. See companion/README.md.`,
  async run(args: string[], io: CliIo): Promise<number> {
    let config;
    try {
      config = parseCompanionArgs(args);
    } catch (e) {
      if (e instanceof RangeError) throw new UsageError(e.message);
      throw e;
    }
    const handle = await startCompanion(config, createLogger((line) => io.err(line), config.logLevel));
    io.out(`Port Doctor companion listening: HTTP ${handle.httpPort}, STUN ${handle.udpPort}${handle.stunAltPort ? ` and ${handle.stunAltPort}` : ''}/udp\n`);
    await new Promise<void>((resolve) => {
      if (io.signal.aborted) return resolve();
      io.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await handle.close();
    return EXIT_OK;
  },
};
