// "Friends can't join": the home screen. Pick the game, Check, watch the checklist, read the verdict.
import { ErrorBanner } from '../../components/ErrorBanner';
import { useStore } from '../../store';
import { Checklist } from './Checklist';
import { GamePicker } from './GamePicker';
import { VerdictCard } from './VerdictCard';
import { WizardOutside } from './WizardOutside';
import { outsideOffer } from './outside-offer';
import './wizard.css';

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
      {offer && <WizardOutside offer={offer} />}
      {doc && <VerdictCard doc={doc} />}
    </section>
  );
}
