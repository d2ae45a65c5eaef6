// `port-doctor serve`: the full UI in a browser, for machines without a desktop or without Electron.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { createEngine } from '../../engine';
import { rendererDir } from '../../paths';
import { startServe } from '../../serve/server';
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

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Serve the Port Doctor UI on this computer only (127.0.0.1 / ::1), for use in a browser',
  usage: 'port-doctor serve [--port N] [--no-open]',
  help: [
    `  --port N    listen on port N (default ${DEFAULT_SERVE_PORT}; 0 picks a free one)`,
    '  --no-open   do not open a browser, just print the URL',
    '',
    'The printed URL carries a secret token for this launch; it works once per browser and',
    'is then kept in a cookie. The UI is never reachable from other machines.',
  ].join('\n'),
  async run(args: string[], io: CliIo): Promise<number> {
    const { values } = parseCommandArgs(args, { port: { type: 'string' }, 'no-open': { type: 'boolean' } }, { min: 0, max: 0 });
    const port = intFlag('port', values.port, 0, 65535) ?? DEFAULT_SERVE_PORT;
    const dir = rendererDir();
    if (!existsSync(path.join(dir, 'index.html'))) {
      throw new AppError('NOT_SUPPORTED', `the UI is not built (missing ${dir}); run npm run build`);
    }
    const handle = await startServe({ port, dispatch: createEngine(), rendererDir: dir, log: (l) => io.err(`${l}\n`) });
    io.out(`Port Doctor is running at ${handle.launchUrl}\n`);
    io.out(`Open that URL in a browser on this computer. Press Ctrl+C to stop.\n`);
    if (!values['no-open']) openBrowser(handle.launchUrl, io);
    await new Promise<void>((resolve) => {
      if (io.signal.aborted) resolve();
      io.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await handle.close();
    return EXIT_OK;
  },
};
