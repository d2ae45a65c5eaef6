import { describe, expect, it } from 'vitest';
import { RttEstimator } from './rtt';

describe('RttEstimator', () => {
  it('uses the ceiling until an answer arrives', () => {
    expect(new RttEstimator(1000).timeoutMs()).toBe(1000);
  });
  it('tightens to the floor for a near host and never below it', () => {
    const e = new RttEstimator(1000);
    for (let i = 0; i < 20; i++) e.add(0.2);
    expect(e.timeoutMs()).toBe(100);
  });
  it('follows a far, jittery host (srtt + 4 rttvar) but never above the ceiling', () => {
    const e = new RttEstimator(1000);
    e.add(200);
    // RFC 6298 first sample: rttvar = r/2 → 200 + 4·100
    expect(e.timeoutMs()).toBe(600);
    e.add(800);
    expect(e.timeoutMs()).toBe(1000);
  });
});
