// One read-only NAT-PMP request (RFC 6886 opcode 0) to the default gateway: the router's WAN address
// without UPnP. Never a mapping request: Port Doctor does not change the router.
import dgram from 'node:dgram';
import type { RouterWanFact } from '../../../shared/network/facts';
import { addressKind } from '../../../shared/network/address-kind';
import { NAT_PMP_PORT, NAT_PMP_RESULTS, decodeExternalAddressAnswer, externalAddressRequest } from '../../../shared/protocol/nat-pmp';

/**
 * RFC 6886 §3.1 retransmits at 250 ms, doubling. A router that speaks NAT-PMP answers within a few
 * milliseconds on the LAN, so three sends (0, 200, 400 ms) inside 600 ms are plenty; the rest of
 * the RFC's 64 s schedule would only make every user without NAT-PMP wait. Most routers drop it
 * silently, and then this budget is on the diagnosis's critical path (bench:diagnose: with 1 s it
 * was the longest step whenever the ports answered).
 */
export const NAT_PMP_SENDS_AT_MS = [0, 200, 400] as const;
export const NAT_PMP_BUDGET_MS = 600;

export async function readRouterWan(gateway: string | null, options: { signal?: AbortSignal | undefined; port?: number } = {}): Promise<RouterWanFact> {
  const none = (natPmp: RouterWanFact['natPmp'], detail: string): RouterWanFact => ({ address: null, kind: null, source: 'none', natPmp, detail });
  if (!gateway) return none('not-checked', 'there is no default gateway to ask');
  if (addressKind(gateway) === 'other' || gateway.includes(':')) return none('not-checked', `the gateway ${gateway} is not an IPv4 router`);
  const port = options.port ?? NAT_PMP_PORT;
  const socket = dgram.createSocket('udp4');
  const timers: NodeJS.Timeout[] = [];
  try {
    return await new Promise<RouterWanFact>((resolve) => {
      const finish = (f: RouterWanFact) => resolve(f);
      const onAbort = () => finish(none('not-checked', 'cancelled'));
      options.signal?.addEventListener('abort', onAbort, { once: true });
      const late = () => finish(none('no-answer', `no NAT-PMP answer from ${gateway} within ${NAT_PMP_BUDGET_MS / 1000} s`));
      socket.on('error', (e: NodeJS.ErrnoException) => {
        // A connected UDP socket hears the router's ICMP "port unreachable": nothing serves NAT-PMP there.
        if (e.code === 'ECONNREFUSED') finish(none('no-answer', `${gateway} does not serve NAT-PMP (port ${port} closed)`));
        else finish(none('no-answer', `NAT-PMP request failed: ${e.code ?? e.message}`));
      });
      socket.on('message', (msg) => {
        const answer = decodeExternalAddressAnswer(new Uint8Array(msg));
        if (!answer) return;
        if (answer.resultCode !== 0) {
          finish(none('refused', `the router answered NAT-PMP with result ${answer.resultCode}: ${NAT_PMP_RESULTS[answer.resultCode] ?? 'unknown'}`));
          return;
        }
        finish({ address: answer.address, kind: addressKind(answer.address), source: 'nat-pmp', natPmp: 'answered', detail: `router up for ${answer.epochSeconds} s` });
      });
      // Connecting filters answers to the gateway's own address and port (RFC 6886 §3.1).
      socket.connect(port, gateway, () => {
        const request = externalAddressRequest();
        for (const at of NAT_PMP_SENDS_AT_MS) timers.push(setTimeout(() => socket.send(request), at));
        // The budget counts from the first request, not from the call: a busy event loop may reach
        // this callback late. And it is decided after the poll phase that follows it: an answer that
        // came in time but waits behind other work (timers run before I/O) still counts.
        timers.push(setTimeout(() => setImmediate(late), NAT_PMP_BUDGET_MS));
      });
    });
  } finally {
    timers.forEach(clearTimeout);
    socket.close();
  }
}
