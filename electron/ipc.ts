// The only importer of ipcMain: checks the sender, hands `unknown` input to the dispatcher
// (which parses it with the channel's schema) and returns a Result. Events go back to the sender only.
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { INVOKE_NAMES } from '../shared/contract';
import { AppError } from '../shared/errors';
import { err } from '../shared/result';
import type { Dispatch } from './bridge/dispatch';
import { isTrustedSender } from './window-policy';

function senderFacts(event: IpcMainInvokeEvent) {
  const frame = event.senderFrame;
  return {
    frameUrl: frame ? frame.url : null,
    isMainFrame: frame ? frame.parent === null : false,
    webContentsId: event.sender.id,
  };
}

export function registerIpc(dispatch: Dispatch, trustedWebContentsIds: ReadonlySet<number>): void {
  for (const channel of INVOKE_NAMES) {
    ipcMain.handle(channel, async (event, input: unknown) => {
      if (!isTrustedSender(senderFacts(event), trustedWebContentsIds)) {
        return err(new AppError('FORBIDDEN_SENDER').toData());
      }
      const sender = event.sender;
      const controller = new AbortController();
      const onGone = () => controller.abort(new AppError('DISCONNECTED'));
      sender.once('destroyed', onGone);
      try {
        return await dispatch(channel, input, {
          signal: controller.signal,
          transport: 'electron-ipc',
          emit: (name, payload) => {
            if (!sender.isDestroyed()) sender.send(name, payload);
          },
        });
      } finally {
        sender.off('destroyed', onGone);
      }
    });
  }
}
