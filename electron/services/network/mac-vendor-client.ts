// The makers of a list of MACs, from the registry in a worker thread (mac-vendor.worker.ts): the
// worker starts, answers once and ends, so the 5.6 MB registry is held only while it is needed.
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../shared/errors';
import { workerFile } from '../worker-file';

/**
 * Starting the worker and parsing the registry takes about 0.1 s on an idle machine; on a busy
 * one (or a slow laptop on battery) a few times that. Past this something is wrong, and the
 * network facts go on without makers rather than wait.
 */
const MAC_VENDOR_TIMEOUT_MS = 10_000;

export interface MacVendorRequest {
  macs: string[];
}
export interface MacVendorReply {
  vendors: (string | null)[];
}

export type LookupVendors = (macs: readonly string[], signal?: AbortSignal) => Promise<Map<string, string | null>>;

/** Maker (or null) per distinct MAC; rejects if the worker fails, times out or `signal` aborts. */
export const lookupVendors: LookupVendors = async (macs, signal) => {
  const distinct = [...new Set(macs)];
  if (distinct.length === 0) return new Map();
  if (signal?.aborted) throw new AppError('CANCELLED', 'MAC vendor lookup');
  const worker = new Worker(workerFile('mac-vendor'), { workerData: { macs: distinct } satisfies MacVendorRequest });
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  try {
    const reply = await new Promise<MacVendorReply>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`the maker registry did not answer within ${MAC_VENDOR_TIMEOUT_MS / 1000} s`)), MAC_VENDOR_TIMEOUT_MS);
      timer.unref();
      onAbort = () => reject(new AppError('CANCELLED', 'MAC vendor lookup'));
      signal?.addEventListener('abort', onAbort, { once: true });
      worker.once('message', (m: MacVendorReply) => resolve(m));
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the maker registry worker ended (exit code ${code}) without answering`)));
    });
    if (!Array.isArray(reply.vendors) || reply.vendors.length !== distinct.length) throw new Error('the maker registry worker answered with the wrong number of makers');
    return new Map(distinct.map((m, i) => [m, reply.vendors[i] ?? null]));
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
    await worker.terminate();
  }
};
