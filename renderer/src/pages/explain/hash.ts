// Reads which explainer the URL names (#/explain/<id>); an unknown or missing id shows the index.
import { isExplainerId, type ExplainerId } from '../../../../shared/explainers/ids';

export function explainerFromHash(hash: string): ExplainerId | null {
  const m = /^#\/explain\/([^/?#]+)$/.exec(hash);
  const id = m?.[1] ?? null;
  return isExplainerId(id) ? id : null;
}
