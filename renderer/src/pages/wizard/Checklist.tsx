// Step 2: the live checklist — each step's state and its one-line result as it lands.
import { STEP_IDS } from '../../../../shared/diagnosis/steps';
import { STEP_LABELS } from '../../../../shared/render/diagnosis';
import { useStore } from '../../store';

const ICON = { running: '…', done: '✓', skipped: '–', failed: '✗', 'timed-out': '⏱', cancelled: '✗' } as const;

export function Checklist() {
  const steps = useStore((s) => s.wizardSteps);
  const running = useStore((s) => s.wizardRunId !== null);
  const cancelled = useStore((s) => s.wizardCheckCancelled);
  return (
    <section className="panel wz-checklist" aria-label="Checks" aria-live="polite">
      <ol>
        {STEP_IDS.map((id) => {
          const st = steps[id];
          return (
            <li key={id} data-step={id} data-state={st?.state ?? 'waiting'} className={`wz-step ${st?.state ?? 'waiting'}`}>
              <span className="wz-icon" aria-hidden="true">
                {st ? ICON[st.state] : '·'}
              </span>
              <span className="wz-step-label">{STEP_LABELS[id]}</span>
              {st?.note && <span className="wz-step-note">{st.note}</span>}
            </li>
          );
        })}
      </ol>
      {running && (
        <button type="button" onClick={() => void cancelled()}>
          Stop
        </button>
      )}
    </section>
  );
}
