// HTTP calls to a companion: whoami and check, parsed against the shared wire schemas, errors translated here.
import type { z } from 'zod';
import {
  checkResponseSchema,
  errorResponseSchema,
  whoamiResponseSchema,
  type CheckRequest,
  type CheckResponse,
  type WhoamiResponse,
} from '../../../shared/companion-protocol';
import { AppError } from '../../../shared/errors';

/** Whoami is one round trip; 10 s covers a slow mobile link without hanging the wizard. */
export const WHOAMI_TIMEOUT_MS = 10_000;
/** A check runs ≤ 4 probes of ≤ 2 s each, one after another, plus the round trip. */
export const CHECK_TIMEOUT_MS = 15_000;
/** Companion answers are small; anything bigger is not a companion (and is never buffered). */
export const MAX_RESPONSE_BYTES = 64 * 1024;

export type Fetch = typeof fetch;

export interface ApiOptions {
  signal?: AbortSignal | undefined;
  fetch?: Fetch | undefined;
  /** Overrides the call's deadline (tests); covers the headers and the whole body. */
  timeoutMs?: number | undefined;
}

function endpoint(base: URL, path: string): URL {
  const u = new URL(base.href);
  u.pathname = `${u.pathname.replace(/\/+$/, '')}${path}`;
  u.search = '';
  u.hash = '';
  return u;
}

async function call<T extends z.ZodType>(
  url: URL,
  init: RequestInit,
  schema: T,
  timeoutMs: number,
  options: ApiOptions,
): Promise<z.output<T>> {
  const signals = [AbortSignal.timeout(options.timeoutMs ?? timeoutMs), ...(options.signal ? [options.signal] : [])];
  const signal = AbortSignal.any(signals);
  const translate = (e: unknown): AppError => {
    if (e instanceof AppError) return e;
    if (options.signal?.aborted) return new AppError('CANCELLED', undefined, { cause: e });
    if (signal.aborted || (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError'))) return new AppError('TIMEOUT', url.host, { cause: e });
    return new AppError('COMPANION_UNREACHABLE', url.host, { cause: e });
  };
  let res: Response;
  let text: string;
  try {
    res = await (options.fetch ?? fetch)(url, { ...init, redirect: 'error', signal });
    text = await readCapped(res, MAX_RESPONSE_BYTES, url.host);
  } catch (e) {
    throw translate(e);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    throw new AppError('COMPANION_BAD_RESPONSE', `${url.host}: HTTP ${res.status}, not JSON`, { cause: e });
  }
  if (!res.ok) {
    const parsed = errorResponseSchema.safeParse(body);
    if (!parsed.success) throw new AppError('COMPANION_BAD_RESPONSE', `${url.host}: HTTP ${res.status}`);
    const { code, message } = parsed.data.error;
    throw new AppError(code === 'invalid-request' ? 'COMPANION_BAD_RESPONSE' : 'COMPANION_REFUSED', `${code}: ${message}`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new AppError('COMPANION_BAD_RESPONSE', `${url.host}: ${parsed.error.issues[0]?.message ?? 'unexpected shape'}`);
  return parsed.data;
}

/**
 * The body as text, read chunk by chunk and abandoned (connection closed) the moment it passes
 * `max` bytes: a hostile or intercepted companion must not make the app buffer gigabytes. The
 * call's signal still bounds the time a trickling body may take.
 */
async function readCapped(res: Response, max: number, host: string): Promise<string> {
  const tooLarge = () => new AppError('COMPANION_BAD_RESPONSE', `${host}: response larger than ${max} bytes`);
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > max) {
    await res.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function fetchWhoami(base: URL, options: ApiOptions = {}): Promise<WhoamiResponse> {
  return call(endpoint(base, '/v1/whoami'), { method: 'GET', headers: { accept: 'application/json' } }, whoamiResponseSchema, WHOAMI_TIMEOUT_MS, options);
}

export function postCheck(base: URL, request: CheckRequest, options: ApiOptions = {}): Promise<CheckResponse> {
  return call(
    endpoint(base, '/v1/check'),
    { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(request) },
    checkResponseSchema,
    CHECK_TIMEOUT_MS,
    options,
  );
}
