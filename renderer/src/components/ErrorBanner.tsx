// A Result error shown the same way everywhere: the specific reason first, then the general advice, and a retry.
import { errorWords } from '../../../shared/render/errors';
import type { AppErrorData } from '../../../shared/result';

export function ErrorBanner({ error, onRetry, onDismiss }: { error: AppErrorData; onRetry?: () => void; onDismiss?: () => void }) {
  const words = errorWords(error);
  return (
    <div className="error-banner" role="alert" data-code={error.code}>
      <p>
        <strong>{words.headline}</strong>
        {words.more && <span className="detail"> {words.more}</span>}
      </p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
      {onDismiss && (
        <button type="button" onClick={onDismiss}>
          Dismiss
        </button>
      )}
    </div>
  );
}
