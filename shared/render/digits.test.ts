import { describe, expect, it } from 'vitest';
import { groupDigits } from './digits';

describe('groupDigits', () => {
  it('groups whole numbers in threes the way en-US does', () => {
    // Compared with the ICU formatter it replaces, on the boundaries where a comma appears or not.
    for (const n of [0, 1, 12, 999, 1000, 1001, 9999, 65435, 65535, 100000, 999999, 1000000, 123456789, -1, -1000, -65535]) {
      expect(groupDigits(n)).toBe(n.toLocaleString('en-US'));
    }
  });
});
