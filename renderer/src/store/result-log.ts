// Streamed probe results, appended without copying what is already held: a scan of every port
// sends hundreds of batches, and copying the whole list for each made the scan quadratic.
import type { PortState, ProbeResult } from '../../../shared/channels/probe';

type ByState<T> = Record<PortState, T>;

/** The results of each state in arrival order. Only ever pushed to, so every view's prefix stays as it was. */
interface Backing {
  readonly byState: ByState<ProbeResult[]>;
  /** How many results the newest view sees: only that view may push, older ones are frozen moments. */
  total: number;
}

/** Makes the arrays results are kept in (a seam for the test that counts the writes into them). */
export type NewArray = () => ProbeResult[];

const newArray: NewArray = () => [];

/**
 * One moment of a stream of results: an immutable view of how much of a shared, append-only
 * backing it sees. `append` costs the batch, not the list — a new view is four counters — and a
 * view taken earlier (a render React has not committed yet) keeps reading what it read.
 */
export class ResultLog {
  private constructor(
    private readonly backing: Backing,
    private readonly counts: Readonly<ByState<number>>,
    private readonly make: NewArray,
  ) {}

  static empty(make: NewArray = newArray): ResultLog {
    const byState: ByState<ProbeResult[]> = { open: make(), closed: make(), filtered: make(), 'open|filtered': make() };
    return new ResultLog({ byState, total: 0 }, { open: 0, closed: 0, filtered: 0, 'open|filtered': 0 }, make);
  }

  static from(results: readonly ProbeResult[], make: NewArray = newArray): ResultLog {
    return ResultLog.empty(make).append(results);
  }

  get length(): number {
    return this.counts.open + this.counts.closed + this.counts.filtered + this.counts['open|filtered'];
  }

  count(state: PortState): number {
    return this.counts[state];
  }

  /** This view plus a batch. Appending to an older view (never done by the slice) starts a copy of its own. */
  append(batch: readonly ProbeResult[]): ResultLog {
    if (batch.length === 0) return this;
    const backing = this.backing.total === this.length ? this.backing : this.fork();
    const counts = { ...this.counts };
    for (const r of batch) {
      backing.byState[r.state].push(r);
      counts[r.state]++;
    }
    backing.total += batch.length;
    return new ResultLog(backing, counts, this.make);
  }

  /** The states held, most common first (ties in nmap's order of states). */
  statesByCount(): PortState[] {
    return (Object.keys(this.counts) as PortState[]).filter((s) => this.counts[s] > 0).sort((a, b) => this.counts[b] - this.counts[a]);
  }

  /** This view's results of every state but `except`, in port order: what a table lists. */
  sortedExcept(except: PortState | null): ProbeResult[] {
    const out: ProbeResult[] = [];
    for (const state of Object.keys(this.counts) as PortState[]) {
      if (state === except) continue;
      const held = this.backing.byState[state];
      for (let i = 0; i < this.counts[state]; i++) out.push(held[i]!);
    }
    return out.sort((a, b) => a.port - b.port);
  }

  private fork(): Backing {
    const byState = {} as ByState<ProbeResult[]>;
    for (const state of Object.keys(this.counts) as PortState[]) {
      const arr = this.make();
      const held = this.backing.byState[state];
      for (let i = 0; i < this.counts[state]; i++) arr.push(held[i]!);
      byState[state] = arr;
    }
    return { byState, total: this.length };
  }
}
