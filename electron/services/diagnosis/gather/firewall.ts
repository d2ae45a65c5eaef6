// Host firewall fact per target port. The reader is the network engineer's (issue #11); until it is
// on main, the fact is 'not-checked' with that reason rather than a guess.
import { notChecked, type Fact, type Target } from '../../../../shared/diagnosis/index';

export async function readFirewallFact(_t: Target, _iface: string | null, _signal: AbortSignal): Promise<Fact> {
  return notChecked('not-available-yet', 'the host firewall reader is not available yet');
}
