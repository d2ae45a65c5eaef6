// One-shot Linux collection (a fresh engine that knows nothing yet), for callers that ask once.
import type { Listener } from '../../../../shared/channels/listeners';
import type { ListenerFilter } from '../rows';
import { DEFAULT_LINUX_SEAMS, LinuxListenersEngine, type LinuxSeams } from './engine';

export { DEFAULT_LINUX_SEAMS, type LinuxSeams } from './engine';

export function collectLinux(filter: ListenerFilter, seams: LinuxSeams = DEFAULT_LINUX_SEAMS): Listener[] {
  return new LinuxListenersEngine(seams).refresh(filter);
}
