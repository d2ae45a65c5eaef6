import { describe, expect, it } from 'vitest';
import { AppError, ERROR_CODES } from '../errors';
import { errorWords } from './errors';

describe('errorWords', () => {
  it('leads with the specific reason of a bad value, not "the request was not understood"', () => {
    expect(errorWords(new AppError('INVALID_INPUT', "range '80-70' runs backwards").toData())).toEqual({ headline: "Range '80-70' runs backwards.", more: null });
  });
  it('names the host that was not found first', () => {
    const w = errorWords(new AppError('HOST_NOT_FOUND', 'nas.lan').toData());
    expect(w.headline).toBe('No device named “nas.lan” could be found.');
    expect(w.more).toMatch(/IP address/);
  });
  it('every code has a headline that is a sentence, with or without detail', () => {
    for (const code of ERROR_CODES) {
      for (const e of [new AppError(code), new AppError(code, 'some detail')]) {
        const w = errorWords(e.toData());
        expect(w.headline).toMatch(/^\S.*[.!?]$/);
      }
    }
  });
});
