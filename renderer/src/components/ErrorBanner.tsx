// A Result error shown the same way everywhere: the user-facing sentence, detail, and a retry.
import type { AppErrorData } from '../../../shared/result';

export function ErrorBanner({ error, onRetry }: { error: AppErrorData; onRetry?: () => void }) {
  return (
    <div className="error-banner" role="alert" data-code={error.code}>
      <p>
        <strong>{error.message}</strong>
        {error.detail && <span className="detail"> — {error.detail}</span>}
      </p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
