// `port-doctor serve`: the full UI in a browser, for machines without a desktop or without Electron.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { createEngine } from '../../engine';
import { rendererDir } from '../../paths';
import { launchUrl, mintLaunchToken, LAUNCH_LINK_TTL_MS } from '../../serve/launch';
import { findRunningInstance, instanceDir, removeInstance, writeInstance } from '../../serve/instance-file';
import { startServe, type ServeHandle } from '../../serve/server';
import { EXIT_OK, intFlag, parseCommandArgs, type CliIo, type Command } from '../command';

/** Registered range and (per IANA) unassigned, so it rarely collides with a game or service. */
export const DEFAULT_SERVE_PORT = 47287;

function openBrowser(url: string, io: CliIo): void {
  const [cmd, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]];
  const child = spawn(cmd, args, { detached: true, stdio: 'ignore' });
  child.on('error', () => io.err('Could not open a browser here; open the URL above yourself.\n'));
  child.unref();
}

const HOW_TO_OPEN = `Open that link in a browser on this computer. It works once, within ${LAUNCH_LINK_TTL_MS / 60_000} minutes; run this again for a fresh one.`;

/** The requested port, or — when another program holds it — a free one, said out loud. */
async function startOnFreePort(port: number, start: (p: number) => Promise<ServeHandle>, io: CliIo): Promise<ServeHandle> {
  try {
    return await start(port);
  } catch (e) {
    if (!(e instanceof AppError && e.code === 'PORT_ALREADY_USED') || port === 0) throw e;
    const handle = await start(0);
    io.err(`Port ${port} is used by another program, so Port Doctor uses port ${handle.port} instead.\n`);
    return handle;
  }
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Serve the Port Doctor UI on this computer only (127.0.0.1 / ::1), for use in a browser',
  usage: 'port-doctor serve [--port N] [--no-open]',
  help: [
    `  --port N    listen on port N (default ${DEFAULT_SERVE_PORT}; 0 picks a free one; a busy port falls back to a free one)`,
    '  --no-open   do not open a browser, just print the link',
    '',
    'The printed link carries a secret that works once, for a few minutes; the page trades it for',
    'a session of its own. If Port Doctor is already running for you, this prints a fresh link to',
    'it instead of starting another. The UI is never reachable from other machines.',
  ].join('\n'),
  async run(args: string[], io: CliIo): Promise<number> {
    const { values } = parseCommandArgs(args, { port: { type: 'string' }, 'no-open': { type: 'boolean' } }, { min: 0, max: 0 });
    const port = intFlag('port', values.port, 0, 65535) ?? DEFAULT_SERVE_PORT;
    const dir = rendererDir();
    if (!existsSync(path.join(dir, 'index.html'))) {
      throw new AppError('NOT_SUPPORTED', `the UI is not built (missing ${dir}); run npm run build`);
    }
    const stateDir = instanceDir();
    const running = await findRunningInstance(stateDir);
    if (running) {
      const url = launchUrl(running.port, mintLaunchToken(running.launchKey));
      io.out(`Port Doctor is already running (process ${running.pid}) at ${url}\n`);
      io.out(`${HOW_TO_OPEN}\n`);
      if (!values['no-open']) openBrowser(url, io);
      return EXIT_OK;
    }
    const engine = createEngine();
    const handle = await startOnFreePort(port, (p) => startServe({ port: p, dispatch: engine, rendererDir: dir, log: (l) => io.err(`${l}\n`) }), io);
    try {
      await writeInstance(stateDir, { version: 1, pid: process.pid, port: handle.port, launchKey: handle.launchKey });
    } catch (e) {
      // Not fatal: only a second start loses the ability to find this one.
      io.err(`Could not record this instance in ${stateDir} (${e instanceof Error ? e.message : String(e)}); a second start will not find it.\n`);
    }
    const url = handle.launchUrl();
    io.out(`Port Doctor is running at ${url}\n`);
    io.out(`${HOW_TO_OPEN} Press Ctrl+C to stop.\n`);
    if (!values['no-open']) openBrowser(url, io);
    await new Promise<void>((resolve) => {
      if (io.signal.aborted) resolve();
      io.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await removeInstance(stateDir, process.pid).catch(() => undefined);
    await handle.close();
    return EXIT_OK;
  },
};
