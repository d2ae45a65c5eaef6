// Part of bench:listeners: the /proc/net parser's time grows with its input, not faster. Timed here,
// not in a unit test (timed unit tests fail on a loaded machine with nothing wrong). A parser that
// rescanned from the start per line would take 16× as long for 4× the rows; a linear one about 4×.
import { kernelText } from '../electron/services/os/kernel-format.test-util';
import { ProcNetFormatError, TCP_LISTEN, parseProcNet } from '../electron/services/os/proc-net';

const ROWS = 40_000;
/** 4× the rows may take at most this many times as long: linear is 4, quadratic 16. */
const MAX_GROWTH = 8;
/** A 10 MB line must be refused after MAX_LINE_LENGTH characters, not after scanning it per character. */
const HUGE_LINE_CHARS = 10_000_000;

function table(rows: number): string {
  return kernelText(
    'tcp',
    6,
    Array.from({ length: rows }, (_, i) => ({
      family: 6 as const,
      local: [0x20, 1, 0xd, 0xb8, ...new Array<number>(8).fill(0), (i >> 24) & 255, (i >> 16) & 255, (i >> 8) & 255, i & 255],
      localPort: i % 65536,
      remote: new Array<number>(16).fill(0),
      remotePort: 0,
      state: TCP_LISTEN,
      uid: 1000,
      inode: i,
    })),
  );
}

/** Fastest of a few runs, in ms: the least disturbed by other work on the machine. */
function fastest(runs: number, f: () => void): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

export interface ParserScaling {
  lines: string[];
  met: boolean;
}

export function parserScaling(): ParserScaling {
  const small = table(ROWS);
  const large = table(ROWS * 4);
  const parse = (text: string, rows: number) => () => {
    if (parseProcNet(text, { family: 6, littleEndian: true, state: TCP_LISTEN }).length !== rows) throw new Error('parser lost rows');
  };
  parse(small, ROWS)(); // compiled and warm before timing
  const tSmall = fastest(5, parse(small, ROWS));
  const tLarge = fastest(5, parse(large, ROWS * 4));
  const huge = `${kernelText('tcp', 4, [])}   9: ${'A'.repeat(HUGE_LINE_CHARS)}`;
  const tHuge = fastest(3, () => {
    try {
      parseProcNet(huge, { family: 4, littleEndian: true });
    } catch (e) {
      if (e instanceof ProcNetFormatError && e.reason === 'line-too-long') return;
      throw e;
    }
    throw new Error('a 10 MB line was accepted');
  });
  const growth = tLarge / tSmall;
  const met = growth <= MAX_GROWTH;
  return {
    met,
    lines: [
      `/proc/net parser: ${ROWS} rows ${tSmall.toFixed(1)} ms, ${ROWS * 4} rows ${tLarge.toFixed(1)} ms: ×${growth.toFixed(1)} for ×4 rows (linear ≈ 4, quadratic ≈ 16; limit ${MAX_GROWTH}): ${met ? 'MET' : 'MISSED'}`,
      `/proc/net parser: a ${HUGE_LINE_CHARS / 1e6} MB line refused as line-too-long in ${tHuge.toFixed(1)} ms`,
    ],
  };
}
