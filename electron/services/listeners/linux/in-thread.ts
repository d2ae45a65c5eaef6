// The warm engine run on the calling thread: for the CLI, which has no UI to keep responsive and
// would only pay a thread's start-up cost. Cancellation is seen between steps of a refresh.
import { AppError } from '../../../../shared/errors';
import { DEFAULT_LINUX_SEAMS, LinuxListenersEngine, type LinuxSeams } from './engine';
import type { LinuxCollector } from './engine-host';

export function inThreadCollector(seams: LinuxSeams = DEFAULT_LINUX_SEAMS): LinuxCollector {
  const engine = new LinuxListenersEngine(seams);
  return (filter, signal) => {
    const checkpoint = () => {
      if (signal?.aborted) throw new AppError('CANCELLED', 'listing sockets');
    };
    try {
      return Promise.resolve(engine.refresh(filter, checkpoint));
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
  };
}
