// The engine's error about no call in particular (it could not read a message from this page),
// shown over whichever page is open until the user dismisses it.
import { useStore } from '../store';
import { ErrorBanner } from './ErrorBanner';

export function EngineErrorBanner() {
  const error = useStore((s) => s.connectionEngineError);
  const dismissed = useStore((s) => s.connectionEngineErrorDismissed);
  if (!error) return null;
  return (
    <div data-testid="engine-error">
      <ErrorBanner error={error} onDismiss={dismissed} />
    </div>
  );
}
