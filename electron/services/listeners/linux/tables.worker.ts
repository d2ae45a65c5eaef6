// Worker thread entry: reads socket tables for a cold refresh (table-read.ts), in the order given,
// sending each text as soon as it is read. The starting thread reads the rest itself, from the
// other end, once its own work is done, and then says stop.
import { receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import { readProcText } from '../../os/proc-text';

const { procRoot, files, reply } = workerData as { procRoot: string; files: string[]; reply: MessagePort };
for (const file of files) {
  if (receiveMessageOnPort(reply) !== undefined) break;
  let text: string | null;
  try {
    text = readProcText(`${procRoot}/net/${file}`);
  } catch {
    // The starting thread reads this table itself and meets the same error, in its own words.
    break;
  }
  reply.postMessage({ file, text });
}
reply.close();
