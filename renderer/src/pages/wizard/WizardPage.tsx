// "Friends can't join": the home screen. Pick the game, Check, watch the checklist, read the verdict.
import { lazy, Suspense } from 'react';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useStore } from '../../store';
import { Checklist } from './Checklist';
import { GamePicker } from './GamePicker';
import { VerdictCard } from './VerdictCard';
import { outsideOffer } from './outside-offer';
import './wizard.css';

// The phone/friend panel (with its QR encoder) loads only when a diagnosis without a companion needs it:
// the wizard is the first screen, and its JavaScript is kept small.
const WizardOutside = lazy(() => import('./WizardOutside').then((m) => ({ default: m.WizardOutside })));

export function WizardPage() {
  const doc = useStore((s) => s.wizardDocument);
  const error = useStore((s) => s.wizardError);
  const running = useStore((s) => s.wizardRunId !== null);
  const started = useStore((s) => s.wizardCheckStarted);
  const showChecklist = running || doc !== null;
  // Without a companion the outside step is the user's own phone or friend test, offered right here.
  const offer = doc && !running ? outsideOffer(doc.plan.companion, doc.evidence.ports) : null;
  return (
    <section className="page wz-page" aria-labelledby="wizard-title" data-page="wizard">
      <header className="page-header">
        <h1 id="wizard-title">Why can't my friends join?</h1>
        <p className="lede">Pick your game and press Check: Port Doctor tests the whole way in — your server, this computer's firewall, your router, your internet provider — and tells you what to fix.</p>
      </header>
      {!doc && !running && <GamePicker />}
      {error && <ErrorBanner error={error} onRetry={() => void started()} />}
      {showChecklist && <Checklist />}
      {offer && (
        <Suspense fallback={null}>
          <WizardOutside offer={offer} />
        </Suspense>
      )}
      {doc && <VerdictCard doc={doc} />}
    </section>
  );
}
