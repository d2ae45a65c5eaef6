// Round-trip estimate and the probe deadline it implies, the way TCP (RFC 6298) and nmap do it.

/**
 * Floor for a deadline however fast the network: below this, a busy machine's scheduler, not the
 * network, decides whether an answer counts (nmap -T4 uses the same 100 ms --min-rtt-timeout).
 */
export const MIN_PROBE_TIMEOUT_MS = 100;

/** Deadline before any answer was seen: nmap's initial RTT timeout, long enough for a far host. */
export const INITIAL_PROBE_TIMEOUT_MS = 1000;

export class RttEstimator {
  private srtt: number | null = null;
  private rttvar = 0;
  samples = 0;

  constructor(
    /** Ceiling: never wait longer than this (the caller's --timeout). */
    private readonly maxMs: number,
    private readonly minMs: number = Math.min(MIN_PROBE_TIMEOUT_MS, maxMs),
  ) {}

  /** One measured round trip, in milliseconds. */
  add(rttMs: number): void {
    this.samples++;
    if (this.srtt === null) {
      this.srtt = rttMs;
      this.rttvar = rttMs / 2;
      return;
    }
    const delta = rttMs - this.srtt;
    this.srtt += delta / 8;
    this.rttvar += (Math.abs(delta) - this.rttvar) / 4;
  }

  /** srtt + 4·rttvar, clamped to [min, max]; the ceiling itself until a sample arrives. */
  timeoutMs(): number {
    if (this.srtt === null) return this.maxMs;
    return Math.min(this.maxMs, Math.max(this.minMs, Math.ceil(this.srtt + 4 * this.rttvar)));
  }

  smoothedMs(): number | null {
    return this.srtt;
  }
}
