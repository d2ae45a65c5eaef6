// A small "what does this mean?" link to an explainer, placed next to the term it explains.
import type { ReactNode } from 'react';
import { explainer } from '../../../shared/explainers/content';
import { explainerHref, type ExplainerId } from '../../../shared/explainers/ids';
import './explain-link.css';

export function ExplainLink({ id, children }: { id: ExplainerId; children?: ReactNode }) {
  const { title } = explainer(id);
  return (
    <a className={children ? 'explain-link' : 'explain-link explain-icon'} href={explainerHref(id)} title={`Explain: ${title}`} aria-label={children ? undefined : `Explain: ${title}`} data-explain={id}>
      {children ?? '?'}
    </a>
  );
}
