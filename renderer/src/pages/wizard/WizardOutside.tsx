// The wizard's outside step when no companion is configured: the phone link / friend code of "Test
// from outside", pre-filled with the diagnosis's port; what arrives redraws the verdict.
import { useEffect } from 'react';
import { useStore } from '../../store';
import { OutsidePanel } from '../outside/OutsidePanel';
import type { OutsideOffer } from './outside-offer';

export function WizardOutside({ offer }: { offer: OutsideOffer }) {
  const offered = useStore((s) => s.wizardOutsideOffered);
  const { port, protocol } = offer;
  useEffect(() => offered({ port, protocol }), [offered, port, protocol]);
  return (
    <section className="panel wz-outside-test" aria-labelledby="wz-outside-title" data-testid="wz-outside-test">
      <h2 id="wz-outside-title">Test from outside with your phone or a friend</h2>
      <p>
        No companion is set up, so Port Doctor could not test {protocol.toUpperCase()} {port} from the internet by itself. Start the test, then open the link on a phone with Wi-Fi off (mobile
        data), or send it or the friend code to a friend. The verdict below changes as soon as their test arrives.
      </p>
      <OutsidePanel />
    </section>
  );
}
