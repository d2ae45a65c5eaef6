// The CLI's subcommands, in the order `--help` lists them. Each domain adds one line; each command's
// module is imported only when that command runs (or `--help` lists them all).
import type { LazyCommand } from '../command';

export const COMMANDS: readonly LazyCommand[] = [
  { name: 'diagnose', load: async () => (await import('./diagnose')).diagnoseCommand },
  { name: 'games', load: async () => (await import('./games')).gamesCommand },
  { name: 'listeners', load: async () => (await import('./listeners')).listenersCommand },
  { name: 'who-has', load: async () => (await import('./who-has')).whoHasCommand },
  { name: 'audit', load: async () => (await import('./audit')).auditCommand },
  { name: 'port', load: async () => (await import('./port')).portCommand },
  { name: 'probe', load: async () => (await import('./probe')).probeCommand },
  { name: 'serve', load: async () => (await import('./serve')).serveCommand },
  { name: 'check', load: async () => (await import('./check')).checkCommand },
  { name: 'whoami', load: async () => (await import('./whoami')).whoamiCommand },
  { name: 'invite', load: async () => (await import('./invite')).inviteCommand },
  { name: 'reach', load: async () => (await import('./reach')).reachCommand },
  { name: 'network', load: async () => (await import('./network')).networkCommand },
  { name: 'firewall', load: async () => (await import('./firewall')).firewallCommand },
  { name: 'companion', load: async () => (await import('./companion')).companionCommand },
];
