// Serves the handler table over one WebSocket connection: same dispatcher as Electron IPC.
import type { WebSocket } from 'ws';
import { wireCallSchema } from '../../shared/wire-call';
import type { WireServerMessage } from '../../shared/wire';
import { AppError } from '../../shared/errors';
import type { Dispatch } from '../bridge/dispatch';

/** Calls in flight per connection: a page flooding calls must not queue unbounded work. */
export const MAX_IN_FLIGHT_PER_CONNECTION = 16;
/** Calls in flight over all connections of one engine (connections are capped too, in server.ts). */
export const MAX_IN_FLIGHT_OVERALL = 32;

/** The in-flight count every connection of one server shares. */
export interface CallBudget {
  inFlight: number;
  readonly perConnection: number;
  readonly overall: number;
}

export function newCallBudget(perConnection = MAX_IN_FLIGHT_PER_CONNECTION, overall = MAX_IN_FLIGHT_OVERALL): CallBudget {
  return { inFlight: 0, perConnection, overall };
}

export function attachWsTransport(ws: WebSocket, dispatch: Dispatch, budget: CallBudget = newCallBudget()): void {
  const controller = new AbortController();
  let inFlight = 0;

  const send = (msg: WireServerMessage): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
  };

  ws.on('close', () => controller.abort(new AppError('DISCONNECTED')));
  ws.on('error', () => controller.abort(new AppError('DISCONNECTED')));

  ws.on('message', (data, isBinary) => {
    if (isBinary) {
      send({ t: 'error', code: 'INVALID_INPUT', message: 'Binary frames are not accepted.' });
      return;
    }
    let parsedJson: unknown;
    try {
      parsedJson = JSON.parse(data.toString());
    } catch {
      send({ t: 'error', code: 'INVALID_INPUT', message: 'The message was not valid JSON.' });
      return;
    }
    const call = wireCallSchema.safeParse(parsedJson);
    if (!call.success) {
      const id = readableId(parsedJson);
      const message = 'The message was not a call.';
      send(id === null ? { t: 'error', code: 'INVALID_INPUT', message } : { t: 'error', id, code: 'INVALID_INPUT', message });
      return;
    }
    const { id, channel, input } = call.data;
    if (inFlight >= budget.perConnection || budget.inFlight >= budget.overall) {
      const which = inFlight >= budget.perConnection ? `${budget.perConnection} calls from this page` : `${budget.overall} calls in all`;
      send({ t: 'result', id, result: { ok: false, error: new AppError('TOO_BUSY', `${which} are already running`).toData() } });
      return;
    }
    inFlight++;
    budget.inFlight++;
    dispatch(channel, input, {
      signal: controller.signal,
      transport: 'websocket',
      emit: (event, payload) => send({ t: 'event', event, payload }),
    })
      .then((result) => send({ t: 'result', id, result }))
      .finally(() => {
        inFlight--;
        budget.inFlight--;
      });
  });
}

/** The id of a message that is not a valid call but names one, so the page can fail that call. */
function readableId(message: unknown): number | null {
  if (typeof message !== 'object' || message === null || !('id' in message)) return null;
  const id = message.id;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : null;
}
