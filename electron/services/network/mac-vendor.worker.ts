// Worker thread entry: looks up the makers of the MACs in `workerData` in the IEEE registry and
// posts them back in the same order. The registry is 5.6 MB of JSON; loading it here keeps that
// parse off the thread that answers the window (mac-vendor-client.ts starts this).
import { parentPort, workerData } from 'node:worker_threads';
import registry from 'oui-data';
import { lookupVendor } from './mac-vendor';
import type { MacVendorReply, MacVendorRequest } from './mac-vendor-client';

const port = parentPort;
if (!port) throw new Error('mac-vendor.worker.ts runs only as a worker thread');
const { macs } = workerData as MacVendorRequest;
const table = registry as Readonly<Record<string, string>>;
port.postMessage({ vendors: macs.map((m) => lookupVendor(table, m)) } satisfies MacVendorReply);
