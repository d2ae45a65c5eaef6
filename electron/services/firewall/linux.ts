// Linux: reads the kernel's rulesets (nftables, legacy iptables) and the front-ends users manage
// them with (ufw, firewalld), then evaluates what happens to a new connection to the port.
import type { FirewallReader } from '../../../shared/network/firewall';
import { describeOutcome, type CommandOutcome, type CommandRunner } from '../os/command';
import { evaluate } from './evaluate';
import { isNftBackend, parseIptablesSave } from './iptables-save';
import type { Chain, Packet } from './model';
import { parseNftHandles, parseNftJson } from './nft-json';
import type { AnswerInput } from './answer';

/** Reading a ruleset is a netlink dump: well under a second even with thousands of rules. */
const RULESET_TIMEOUT_MS = 5_000;
/** ufw and firewall-cmd are Python programs: start-up alone can take a second or two. */
const FRONT_END_TIMEOUT_MS = 8_000;
/** Tools print the English words the parsers look for. */
const C_LOCALE = { LC_ALL: 'C' } as const;

const DENIED = /Operation not permitted|Permission denied|must be root|need to be root|you must be root|Authorization failed|access denied/i;

function readerState(outcome: CommandOutcome): FirewallReader['state'] {
  if (outcome.kind === 'not-installed') return 'not-installed';
  if (outcome.kind === 'exited' && outcome.exitCode === 0) return 'read';
  if (outcome.kind === 'exited' && DENIED.test(outcome.stderr + outcome.stdout)) return 'needs-elevation';
  return 'failed';
}

export interface LinuxRulesQuery {
  run: CommandRunner;
  signal?: AbortSignal | undefined;
  /**
   * Also ask ufw and firewalld whether they run (default true). Their rules are in the kernel
   * ruleset either way, so the verdicts do not change; they only add a reader line each, and
   * being Python programs they take a second or two to start — too slow for every list refresh.
   */
  frontEnds?: boolean;
}

/** The kernel's rulesets as read once: every port's answer is evaluated from these, in-process. */
export interface LinuxRules {
  chains: Chain[];
  readers: FirewallReader[];
  caveats: string[];
  unreadable: boolean;
}

/** What the rules read once do to one new connection. */
export function linuxOutcomes(rules: LinuxRules, packet: Packet): Omit<AnswerInput, 'port' | 'protocol' | 'program'> {
  const caveats = [...rules.caveats];
  if (packet.iif === null) caveats.push('Rules that depend on the network interface were evaluated both ways.');
  const outcomes = rules.unreadable ? [] : evaluate({ chains: rules.chains }, packet);
  return { outcomes, readers: rules.readers, caveats, unreadable: rules.unreadable };
}

export async function readLinuxRules(q: LinuxRulesQuery): Promise<LinuxRules> {
  const run = (file: string, args: string[], timeoutMs = RULESET_TIMEOUT_MS) => q.run({ file, args, timeoutMs, signal: q.signal, env: C_LOCALE });
  const [[nftJson, nftText, ipt, iptLegacy], frontEndOutcomes] = await Promise.all([
    Promise.all([run('nft', ['-j', 'list', 'ruleset']), run('nft', ['-a', 'list', 'ruleset']), run('iptables-save', []), run('iptables-legacy-save', [])]),
    (q.frontEnds ?? true) ? Promise.all([run('ufw', ['status', 'verbose'], FRONT_END_TIMEOUT_MS), run('firewall-cmd', ['--state'], FRONT_END_TIMEOUT_MS)]) : null,
  ]);
  const readers: FirewallReader[] = [];
  const caveats: string[] = [];
  const chains: Chain[] = [];

  // nftables: the kernel's own view, including what iptables-nft, ufw and firewalld wrote.
  let nftRead = false;
  const nftState = readerState(nftJson);
  if (nftState === 'read' && nftJson.kind === 'exited') {
    try {
      const texts = nftText.kind === 'exited' && nftText.exitCode === 0 ? parseNftHandles(nftText.stdout) : new Map<string, string>();
      chains.push(...parseNftJson(nftJson.stdout, texts).chains);
      nftRead = true;
      readers.push({ source: 'nftables', state: 'read', detail: null });
    } catch (e) {
      readers.push({ source: 'nftables', state: 'failed', detail: (e as Error).message });
    }
  } else {
    readers.push({ source: 'nftables', state: nftState, detail: nftState === 'not-installed' ? 'nft is not installed' : describeOutcome(nftJson, 'nft') });
  }

  // iptables: with the nft back-end its rules are already in the nft ruleset; legacy tables are separate.
  let legacyText: string | undefined;
  let iptState = readerState(ipt);
  let iptDetail: string | null;
  const hasTables = (o: CommandOutcome) => o.kind === 'exited' && o.exitCode === 0 && /^\*/m.test(o.stdout);
  const legacyTables = hasTables(iptLegacy) && iptLegacy.kind === 'exited' ? iptLegacy.stdout : undefined;
  if (iptState === 'read' && ipt.kind === 'exited') {
    const nftBackend = isNftBackend(ipt.stdout) || (!hasTables(ipt) && legacyTables !== undefined);
    if (!nftBackend) {
      legacyText = hasTables(ipt) ? ipt.stdout : undefined;
      iptDetail = legacyText ? 'legacy iptables' : 'no iptables tables loaded';
    } else {
      // Without a readable nft ruleset, iptables-nft's own view is the next best thing.
      if (!nftRead && hasTables(ipt)) legacyText = ipt.stdout;
      if (legacyTables) legacyText = `${legacyText ?? ''}\n${legacyTables}`;
      iptDetail = legacyTables ? 'iptables-nft, plus legacy iptables tables' : 'iptables-nft: its rules are part of the nftables ruleset';
    }
  } else if (legacyTables) {
    legacyText = legacyTables;
    iptState = 'read';
    iptDetail = 'legacy iptables';
  } else {
    iptDetail = iptState === 'not-installed' ? 'iptables-save is not installed' : describeOutcome(ipt, 'iptables-save');
  }
  if (legacyText !== undefined) {
    try {
      chains.push(...parseIptablesSave(legacyText).chains);
    } catch (e) {
      iptState = 'failed';
      iptDetail = (e as Error).message;
    }
  }
  readers.push({ source: 'iptables', state: iptState, detail: iptDetail });

  if (frontEndOutcomes) {
    readers.push(ufwReader(frontEndOutcomes[0]));
    readers.push(firewalldReader(frontEndOutcomes[1]));
  }

  const unreadable = !nftRead && legacyText === undefined;
  if (unreadable) {
    caveats.push(
      readers.some((r) => r.state === 'needs-elevation')
        ? 'The firewall rules can only be read with root rights: run Port Doctor with sudo to see them.'
        : 'Neither nft nor iptables-save could be read, so the firewall rules are unknown.',
    );
  }
  return { chains, readers, caveats, unreadable };
}

function ufwReader(o: CommandOutcome): FirewallReader {
  const state = readerState(o);
  if (state !== 'read' || o.kind !== 'exited') return { source: 'ufw', state, detail: state === 'not-installed' ? null : describeOutcome(o, 'ufw') };
  if (/^Status: inactive/m.test(o.stdout)) return { source: 'ufw', state: 'inactive', detail: 'ufw is installed but not enabled' };
  const defaults = /^Default: (.*)$/m.exec(o.stdout)?.[1];
  return { source: 'ufw', state: 'read', detail: defaults ? `active; default: ${defaults}` : 'active' };
}

function firewalldReader(o: CommandOutcome): FirewallReader {
  if (o.kind === 'not-installed') return { source: 'firewalld', state: 'not-installed', detail: null };
  if (o.kind === 'exited' && /not running/.test(o.stdout + o.stderr)) return { source: 'firewalld', state: 'inactive', detail: 'firewalld is installed but not running' };
  const state = readerState(o);
  return { source: 'firewalld', state, detail: state === 'read' ? 'running: its rules are part of the nftables ruleset' : describeOutcome(o, 'firewall-cmd') };
}
