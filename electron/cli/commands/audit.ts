// `port-doctor audit`: what other devices could reach on this computer, grouped by how far, with
// known-risky services flagged and the fix in words.
import type { Audit, AuditGroup, AuditItem } from '../../../shared/channels/audit';
import { GROUP_TEXT, firewallText, summaryText } from '../../../shared/audit/words';
import { runAudit } from '../../services/audit/run';
import { oneReading } from '../../services/firewall/snapshot';
import { EXIT_FAILURE, EXIT_OK, parseCommandArgs, printJson, type CliIo, type Command } from '../command';
import { endpointText } from '../../../shared/render/listener';
import { fetchListeners } from './listeners';

const GROUPS: readonly AuditGroup[] = ['internet-if-forwarded', 'your-network', 'this-computer'];

function itemLine(i: AuditItem): string {
  const who = i.pid === null ? '(unknown program)' : `${i.process ?? '?'} (pid ${i.pid})`;
  const service = i.service ? ` ${i.service}` : '';
  const head = `  ${i.flagged ? '! ' : '  '}${i.protocol} ${endpointText(i)}${service} — ${who}`;
  if (i.flagged && i.advice) return `${head}\n      ${i.advice}`;
  if (i.group === 'this-computer') return head;
  return `${head}; ${firewallText(i.firewall)}`;
}

export function renderAudit(a: Audit): string {
  const out = [summaryText(a.counts, a.flaggedCount)];
  if (a.firewall.state === 'not-checked') out.push(`The host firewall was not checked: ${a.firewall.reason}.`);
  for (const g of GROUPS) {
    const items = a.items.filter((i) => i.group === g);
    out.push('', `${GROUP_TEXT[g].title} (${items.length})`);
    if (items.length === 0) out.push('  nothing');
    for (const i of items) out.push(itemLine(i));
  }
  return `${out.join('\n')}\n`;
}

export const auditCommand: Command = {
  name: 'audit',
  summary: 'What other devices can reach on this computer; risky services flagged with the fix',
  usage: 'port-doctor audit [--json]',
  help: [
    'Groups every listening socket: your network and, if forwarded, the internet / your network / only this computer.',
    'The host firewall is read once and answered for each exposed port (run as root to read every rule).',
    'Exit code 0 when no known-risky service is exposed, 1 when one is.',
  ].join('\n'),
  async run(args: string[], io: CliIo): Promise<number> {
    const { values } = parseCommandArgs(args, { json: { type: 'boolean' } }, { min: 0, max: 0 });
    const audit = await runAudit({
      listListeners: () => fetchListeners(io, undefined, undefined),
      // One ruleset reading answers every port of this audit.
      readFirewall: oneReading({ signal: io.signal }),
    });
    if (values.json) printJson(io, audit);
    else io.out(renderAudit(audit));
    return audit.flaggedCount === 0 ? EXIT_OK : EXIT_FAILURE;
  },
};
