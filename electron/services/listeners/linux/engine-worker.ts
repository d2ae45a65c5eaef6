// Worker thread entry (bundled to listeners-worker.cjs): runs the warm Linux engine off the app's
// main thread. One request at a time; a cancel arrives on its own port and is seen between steps.
import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { AppError } from '../../../../shared/errors';
import { LinuxListenersEngine } from './engine';
import type { EngineReply, EngineRequest, EngineWorkerData } from './engine-messages';

const port = parentPort;
if (port === null) throw new Error('listeners-worker.cjs runs only as a worker thread');
const { seams, cancelPort } = workerData as EngineWorkerData & { cancelPort: MessagePort };
const engine = new LinuxListenersEngine(seams);
const cancelled = new Set<number>();

/** Takes every cancel posted so far (without waiting: nothing here ever blocks on the main thread). */
function drainCancels(): void {
  for (let m = receiveMessageOnPort(cancelPort); m !== undefined; m = receiveMessageOnPort(cancelPort)) {
    cancelled.add((m.message as { cancel: number }).cancel);
  }
}

port.on('message', (request: EngineRequest) => {
  drainCancels();
  let reply: EngineReply;
  try {
    const checkpoint = () => {
      drainCancels();
      if (cancelled.has(request.id)) throw new AppError('CANCELLED', 'listing sockets');
    };
    checkpoint();
    reply = { id: request.id, rows: engine.refresh(request.filter, checkpoint) };
  } catch (e) {
    reply = {
      id: request.id,
      error: e instanceof AppError ? { code: e.code, detail: e.detail ?? null } : { code: 'COMMAND_FAILED', detail: e instanceof Error ? e.message : String(e) },
    };
  }
  cancelled.delete(request.id);
  port.postMessage(reply);
});
