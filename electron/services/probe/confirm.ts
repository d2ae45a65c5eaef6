// Protocol-aware confirmation: which ports get which protocol ping, and the TCP exchanges
// (Minecraft Java status, SSH/HTTP banner) that turn "something answered" into "what answered".
import net from 'node:net';
import type { ServiceInfo } from '../../../shared/channels/probe';
import { decodeInfoReply, encodeInfoRequest } from '../../../shared/protocol/codecs/a2s';
import { HTTP_PROBE, classifyBanner } from '../../../shared/protocol/codecs/banner';
import { CodecError } from '../../../shared/protocol/codecs/bytes';
import { decodeStatusFrame, encodeStatusRequest, javaInfoFromStatus } from '../../../shared/protocol/codecs/minecraft-java';
import { bedrockInfoFromPong, decodeUnconnectedPong, encodeUnconnectedPing } from '../../../shared/protocol/codecs/raknet';
import type { UdpExchange } from './udp-probe';

/** A status request is answered within a few round trips; a loaded game server may take a second. */
export const CONFIRM_TIMEOUT_MS = 2000;
/** SSH and most banner services speak first at once; after this, we speak HTTP to the silent ones. */
export const BANNER_WAIT_MS = 600;
/** Enough of a reply to classify it; also a cap on what a hostile peer can make us buffer. */
const MAX_BANNER_BYTES = 4096;

const range = (lo: number, hi: number): number[] => Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);

/** Defaults from the games' documentation (see DOMAIN.md's presets). */
export const MINECRAFT_JAVA_PORTS: ReadonlySet<number> = new Set([25565]);
export const BEDROCK_PORTS: ReadonlySet<number> = new Set([19132, 19133]);
export const A2S_PORTS: ReadonlySet<number> = new Set([...range(27015, 27020), 2457, 2458, 7778, 16261, 28015, 28017]);
export const SSH_PORTS: ReadonlySet<number> = new Set([22, 2222]);
export const HTTP_PORTS: ReadonlySet<number> = new Set([80, 8000, 8008, 8080, 8888]);

export interface UdpConfirmer {
  exchange: UdpExchange;
  decode(reply: Uint8Array): ServiceInfo | null;
}

const decodeOrNull = <T>(f: () => T): T | null => {
  try {
    return f();
  } catch (e) {
    // A reply that is not the protocol still proves the port answered; it just says nothing more.
    if (e instanceof CodecError) return null;
    throw e;
  }
};

/** The datagram to send to a UDP port: its game's ping where known, else empty (as nmap does). */
export function udpConfirmerFor(port: number, now: () => number = Date.now): UdpConfirmer | null {
  if (BEDROCK_PORTS.has(port)) {
    return {
      exchange: { first: () => encodeUnconnectedPing(BigInt(now()), 0x5044_5044_5044_5044n) },
      decode: (reply) => decodeOrNull(() => bedrockInfoFromPong(decodeUnconnectedPong(reply))),
    };
  }
  if (A2S_PORTS.has(port)) {
    return {
      exchange: {
        first: () => encodeInfoRequest(),
        next: (reply) => {
          const r = decodeOrNull(() => decodeInfoReply(reply));
          return r?.type === 'challenge' ? encodeInfoRequest(r.challenge) : null;
        },
      },
      decode: (reply) => {
        const r = decodeOrNull(() => decodeInfoReply(reply));
        return r?.type === 'info' ? r.info : null;
      },
    };
  }
  return null;
}

export type TcpConfirmer = 'minecraft-java' | 'banner';

/** Which exchange an open TCP port gets; null: none (a scan does not talk to every open port). */
export function tcpConfirmerFor(port: number): TcpConfirmer | null {
  if (MINECRAFT_JAVA_PORTS.has(port)) return 'minecraft-java';
  return SSH_PORTS.has(port) || HTTP_PORTS.has(port) ? 'banner' : null;
}

export interface TcpConfirmOptions {
  address: string;
  family: 4 | 6;
  port: number;
  /** The name the user typed: Minecraft servers with virtual hosts route on it. */
  host: string;
  confirmer: TcpConfirmer;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Asks an open TCP port what it is; null when it does not say (or is not what its port suggests). */
export function confirmTcp(opts: TcpConfirmOptions): Promise<ServiceInfo | null> {
  const { address, family, port, host, signal } = opts;
  const minecraft = opts.confirmer === 'minecraft-java';
  return new Promise((resolve) => {
    const socket = net.connect({ host: address, port, family });
    let buffered = new Uint8Array(0);
    let done = false;
    const finish = (info: ServiceInfo | null): void => {
      if (done) return;
      done = true;
      clearTimeout(deadline);
      clearTimeout(nudge);
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(info);
    };
    const onAbort = (): void => finish(null);
    signal?.addEventListener('abort', onAbort, { once: true });
    const deadline = setTimeout(() => finish(buffered.length > 0 && !minecraft ? classifyBanner(buffered) : null), opts.timeoutMs ?? CONFIRM_TIMEOUT_MS);
    let nudge: ReturnType<typeof setTimeout> | undefined;
    socket.on('connect', () => {
      if (minecraft) socket.write(encodeStatusRequest(host, port));
      else nudge = setTimeout(() => socket.write(HTTP_PROBE), BANNER_WAIT_MS);
    });
    socket.on('data', (chunk: Buffer) => {
      const next = new Uint8Array(buffered.length + chunk.length);
      next.set(buffered);
      next.set(chunk, buffered.length);
      buffered = next;
      if (minecraft) {
        let json: string | null;
        try {
          json = decodeStatusFrame(buffered);
        } catch (e) {
          // Not a status frame: whatever listens there is not a Minecraft server.
          if (e instanceof CodecError) return finish(null);
          throw e;
        }
        if (json !== null) finish(decodeOrNull(() => javaInfoFromStatus(json)));
        return;
      }
      if (buffered.includes(0x0a) || buffered.length >= MAX_BANNER_BYTES) finish(classifyBanner(buffered));
    });
    socket.on('error', () => finish(null));
    socket.on('close', () => finish(!minecraft && buffered.length > 0 ? classifyBanner(buffered) : null));
  });
}
