// Test helper: result arrays that count what is written into them, to prove appends copy nothing.
import type { ProbeResult } from '../../../shared/channels/probe';
import type { NewArray } from './result-log';

/** Arrays that count every element written into them and how many were made: copies show up as writes. */
export function countingArrays(): { make: NewArray; writes: () => number; made: () => number } {
  let writes = 0;
  let made = 0;
  const make: NewArray = () => {
    made++;
    return new Proxy<ProbeResult[]>([], {
      set(target, key, value) {
        if (key !== 'length') writes++;
        return Reflect.set(target, key, value);
      },
    });
  };
  return { make, writes: () => writes, made: () => made };
}
