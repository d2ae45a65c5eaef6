// The CLI's subcommands, in the order `--help` lists them. Each domain adds one import and one line.
import type { Command } from '../command';
import { checkCommand } from './check';
import { companionCommand } from './companion';
import { whoamiCommand } from './whoami';
import { listenersCommand } from './listeners';
import { whoHasCommand } from './who-has';
import { probeCommand } from './probe';
import { serveCommand } from './serve';

export const COMMANDS: readonly Command[] = [listenersCommand, whoHasCommand, probeCommand, serveCommand, checkCommand, whoamiCommand, companionCommand];
