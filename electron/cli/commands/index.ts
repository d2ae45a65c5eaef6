// The CLI's subcommands, in the order `--help` lists them. Each domain adds one import and one line.
import type { Command } from '../command';

export const COMMANDS: readonly Command[] = [];
