// Hairpin self-test: connect from this computer to its own public address and port (NAT loopback).
import net from 'node:net';
import { no, yes, type Fact } from '../../../../shared/diagnosis/index';

export function tcpHairpin(publicAddress: string, port: number, deadlineMs: number, signal: AbortSignal): Promise<Fact> {
  return new Promise((resolve) => {
    const s = net.connect({ host: publicAddress, port });
    const done = (f: Fact) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      s.destroy();
      resolve(f);
    };
    const onAbort = () => done(no('no answer before the diagnosis ended'));
    const timer = setTimeout(() => done(no(`no answer from ${publicAddress}:${port} within ${deadlineMs} ms`)), deadlineMs);
    timer.unref();
    signal.addEventListener('abort', onAbort, { once: true });
    s.once('connect', () => done(yes(`connected to ${publicAddress}:${port}`)));
    s.once('error', (e: NodeJS.ErrnoException) => done(no(`${publicAddress}:${port}: ${e.code ?? e.message}`)));
  });
}
