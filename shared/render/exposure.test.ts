import { describe, expect, it } from 'vitest';
import { EXPOSURE_WORDS } from './exposure';

describe('exposure words (issue 16 item 20)', () => {
  it('"one network" does not promise that other networks cannot connect (a router may forward to it)', () => {
    expect(EXPOSURE_WORDS.interface.sentence).not.toMatch(/other networks cannot/);
    expect(EXPOSURE_WORDS.interface.sentence).toMatch(/router forwards/);
  });
  it('"every network" names this computer\'s firewall', () => {
    expect(EXPOSURE_WORDS.all.sentence).toMatch(/this computer's firewall/);
    expect(EXPOSURE_WORDS.interface.sentence).toMatch(/firewall/);
  });
});
