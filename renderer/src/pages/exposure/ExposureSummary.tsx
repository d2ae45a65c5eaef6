// The Listeners page's one line about exposure, from the rows already on screen; the firewall is
// read only by the audit itself, so this line says "could reach" and links there.
import { useMemo } from 'react';
import { buildAudit } from '../../../../shared/audit/rules';
import { summaryText } from '../../../../shared/audit/words';
import type { Listener } from '../../../../shared/channels/listeners';
import { ExplainLink } from '../../components/ExplainLink';
import './exposure.css';

const NOT_READ = { state: 'not-checked', reason: 'read by the exposure audit' } as const;

export function ExposureSummary({ rows }: { rows: readonly Listener[] }) {
  const audit = useMemo(() => buildAudit(rows, () => NOT_READ, { collectedAt: '', firewall: NOT_READ }), [rows]);
  return (
    <p className={audit.flaggedCount > 0 ? 'lst-exposure au-risky' : 'lst-exposure'} data-testid="listeners-exposure">
      <strong>Exposure:</strong> {summaryText(audit.counts, audit.flaggedCount)}, before the firewall.{' '}
      <a href="#/exposure" data-testid="open-audit">
        Open the exposure audit
      </a>{' '}
      <ExplainLink id="exposure" />
    </p>
  );
}
