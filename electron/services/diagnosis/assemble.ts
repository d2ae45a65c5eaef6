// Plan + evidence → the diagnosis document: rules conclude, shared/render words them, the verdict is picked.
import { DIAGNOSIS_VERSION, causeCodeSchema, type DiagnosisDocument, type Evidence, type Plan } from '../../../shared/diagnosis/index';
import { describeConclusion, tellFriends } from '../../../shared/render/diagnosis';
import { conclude, verdictIndex } from './rules';

export function assemble(plan: Plan, evidence: Evidence): DiagnosisDocument {
  const conclusions = conclude(evidence);
  const ctx = { plan, evidence };
  const findings = conclusions.map((c) => ({ ...c, ...describeConclusion(c, ctx) }));
  const index = verdictIndex(conclusions);
  const chosen = findings[index];
  const parsed = causeCodeSchema.safeParse(chosen?.cause);
  // conclude() always yields at least one cause; a note here would be a rules bug.
  if (!chosen || !parsed.success) throw new Error('rules produced no cause');
  const cause = parsed.data;
  return {
    version: DIAGNOSIS_VERSION,
    plan,
    evidence,
    findings,
    verdict: {
      cause,
      friendsCanJoin: cause === 'reachable',
      confidence: chosen.confidence,
      summary: chosen.summary,
      finding: index,
      tellFriends: tellFriends(chosen, ctx),
    },
  };
}
