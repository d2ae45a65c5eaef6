// The companion's HTTP API: /healthz, /v1/whoami, /v1/check — hardened request handling and abuse rules.
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  COMPANION_PROTOCOL_VERSION,
  MAX_CHECK_BODY_BYTES,
  checkRequestSchema,
  parseJsonRefusingProto,
  type CompanionErrorCode,
  type CompanionProbeResult,
} from '../shared/companion-protocol';
import type { CompanionConfig } from './config';
import type { AggregateLimiter, DestinationLocks, SlotPool, TokenBuckets } from './limits';
import type { Logger } from './log';
import { callerAddress, isProbeTargetAllowed, networkKey, rateKey, rateKeys, type ParsedAddress } from './net-address';
import type { ProbeTarget } from './probes';
import { COMPANION_VERSION } from './version';

export interface ApiDeps {
  config: CompanionConfig;
  log: Logger;
  checkLimiter: AggregateLimiter;
  whoamiBuckets: TokenBuckets;
  slots: SlotPool;
  destinations: DestinationLocks;
  probe: (target: ProbeTarget, signal: AbortSignal) => Promise<CompanionProbeResult>;
  /** Aborted on SIGTERM: in-flight probes stop and their checks answer 503. */
  shutdown: AbortSignal;
  /** The UDP ports the STUN server really listens on, announced in whoami. */
  stunPorts: () => number[];
}

const ENVELOPE = { service: 'port-doctor-companion', version: COMPANION_VERSION, protocol: COMPANION_PROTOCOL_VERSION } as const;

const STATUS: Record<CompanionErrorCode, number> = {
  'not-found': 404,
  'method-not-allowed': 405,
  'unsupported-media-type': 415,
  'body-too-large': 413,
  'invalid-request': 400,
  'target-refused': 403,
  'rate-limited': 429,
  'destination-busy': 429,
  overloaded: 503,
  'shutting-down': 503,
  timeout: 408,
};

export function sendJson(res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify({ ...ENVELOPE, ...body });
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'x-port-doctor-companion': COMPANION_VERSION,
    ...headers,
  });
  res.end(text);
}

export function sendError(res: ServerResponse, code: CompanionErrorCode, message: string, headers: Record<string, string> = {}): void {
  sendJson(res, STATUS[code], { error: { code, message } }, headers);
}

export function createApi(deps: ApiDeps) {
  const { config, log } = deps;

  function caller(req: IncomingMessage): ParsedAddress | null {
    return callerAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], config.trustProxy);
  }

  async function check(req: IncomingMessage, res: ServerResponse, who: ParsedAddress): Promise<void> {
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') return sendError(res, 'unsupported-media-type', 'send Content-Type: application/json');
    const declared = req.headers['content-length'];
    if (declared !== undefined && !(Number(declared) <= MAX_CHECK_BODY_BYTES)) {
      // Refuse on the header alone and drop the connection, so not one byte of the body is buffered.
      return sendError(res, 'body-too-large', `body must be at most ${MAX_CHECK_BODY_BYTES} bytes`, { connection: 'close' });
    }
    const body = await readBody(req, MAX_CHECK_BODY_BYTES);
    if (body === 'too-large') return sendError(res, 'body-too-large', `body must be at most ${MAX_CHECK_BODY_BYTES} bytes`, { connection: 'close' });
    if (body === 'aborted') return;
    let parsed;
    try {
      parsed = checkRequestSchema.safeParse(parseJsonRefusingProto(body));
    } catch {
      return sendError(res, 'invalid-request', 'body is not JSON, or uses a forbidden key');
    }
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return sendError(res, 'invalid-request', `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`.slice(0, 300));
    }
    // Caller addresses are personal data: info lines carry none; an operator who needs them turns on debug.
    log.debug('check caller', { caller: who.text });
    if (!isProbeTargetAllowed(who, config.allowTargets)) {
      log.info('check refused: special range', { family: who.family });
      return sendError(res, 'target-refused', 'this companion does not connect back to private or special-purpose addresses');
    }
    const wait = deps.checkLimiter.take(rateKeys(who));
    if (wait > 0) {
      const seconds = Math.ceil(wait / 1000);
      return sendError(res, 'rate-limited', `too many checks from your address; retry in ${seconds} s`, { 'retry-after': String(seconds) });
    }
    const unlock = deps.destinations.tryLock(who.text);
    if (!unlock) return sendError(res, 'destination-busy', 'a check to your address is already running; wait for it');
    const abort = new AbortController();
    const onClose = () => {
      if (!res.writableFinished) abort.abort();
    };
    const onShutdown = () => abort.abort();
    res.on('close', onClose);
    deps.shutdown.addEventListener('abort', onShutdown, { once: true });
    try {
      // A check's probes (≤ 4, all to the caller's own address) run at once, each in its own probe
      // slot: one check in flight per destination stays the limit, and a check of silent ports takes
      // one probe deadline instead of one per port (a diagnosis of TCP and UDP waited 2 s + 2 s).
      // Slots are taken one by one while earlier probes already run: a held slot always belongs to a
      // running probe that ends by its deadline, so two checks waiting for slots cannot deadlock.
      const refused = new AbortController();
      const signal = AbortSignal.any([abort.signal, refused.signal]);
      const running: Promise<CompanionProbeResult>[] = [];
      for (const p of parsed.data.probes) {
        const release = await deps.slots.acquire(abort.signal, networkKey(who));
        if (!release) {
          refused.abort();
          break;
        }
        running.push(deps.probe({ protocol: p.protocol, port: p.port, nonce: p.nonce, query: p.query, address: who.text, family: who.family }, signal).finally(release));
      }
      const results = await Promise.all(running);
      if (refused.signal.aborted) {
        if (deps.shutdown.aborted) return sendError(res, 'shutting-down', 'the companion is restarting; try again shortly');
        if (abort.signal.aborted) return;
        return sendError(res, 'overloaded', 'the companion is busy; try again in a minute', { 'retry-after': '30' });
      }
      if (deps.shutdown.aborted) return sendError(res, 'shutting-down', 'the companion is restarting; try again shortly');
      log.info('check', {
        family: who.family,
        probes: results.map((r) => `${r.port}/${r.protocol}:${r.state}${r.nonceMatched ? '+nonce' : ''}`).join(' '),
      });
      sendJson(res, 200, { target: who.text, results });
    } finally {
      unlock();
      res.off('close', onClose);
      deps.shutdown.removeEventListener('abort', onShutdown);
    }
  }

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = requestTarget(req.url);
    if (url === null) return sendError(res, 'invalid-request', 'the request target must be a path starting with one /');
    const route = url.pathname;
    if (deps.shutdown.aborted) return sendError(res, 'shutting-down', 'the companion is restarting; try again shortly', { connection: 'close' });
    if (route === '/healthz') {
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, 'method-not-allowed', 'use GET', { allow: 'GET' });
      return sendJson(res, 200, { status: 'ok' });
    }
    if (route !== '/v1/whoami' && route !== '/v1/check') return sendError(res, 'not-found', 'no such endpoint');
    // The target is never taken from the URL: any query string is a mistake or an attempt.
    if (url.search !== '') return sendError(res, 'invalid-request', 'this endpoint takes no query parameters');
    const who = caller(req);
    if (!who) return sendError(res, 'invalid-request', 'could not tell your address (bad X-Forwarded-For from the proxy)');
    if (route === '/v1/whoami') {
      if (req.method !== 'GET') return sendError(res, 'method-not-allowed', 'use GET', { allow: 'GET' });
      if (!deps.whoamiBuckets.take(rateKey(who))) return sendError(res, 'rate-limited', 'too many requests; slow down', { 'retry-after': '1' });
      // Behind a trusted proxy this is the proxy-facing port; direct callers get their own.
      return sendJson(res, 200, { address: who.text, port: req.socket.remotePort ?? 0, family: who.family, stunPorts: deps.stunPorts() });
    }
    if (req.method !== 'POST') return sendError(res, 'method-not-allowed', 'use POST', { allow: 'POST' });
    await check(req, res, who);
  };
}

/**
 * The request target as a path on this server, or null. `//x` would read as a host to `new URL`
 * (and `//` alone throws), and absolute- or asterisk-form targets are never sent to us by clients:
 * all are the caller's mistake (400), never an internal error worth a log line.
 */
function requestTarget(raw: string | undefined): URL | null {
  if (raw === undefined || !raw.startsWith('/') || raw.startsWith('//')) return null;
  try {
    return new URL(`http://companion.invalid${raw}`);
  } catch {
    return null;
  }
}

/** Reads at most `max` bytes; stops and reports `too-large` the moment the limit is crossed. */
function readBody(req: IncomingMessage, max: number): Promise<string | 'too-large' | 'aborted'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (v: string | 'too-large' | 'aborted') => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      resolve(v);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        req.pause();
        return settle('too-large');
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => settle(Buffer.concat(chunks).toString('utf8')));
    req.once('error', () => settle('aborted'));
    req.once('close', () => settle(size > max ? 'too-large' : 'aborted'));
  });
}
