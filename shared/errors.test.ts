// The closed error-code set: every code has a sentence for the user, AppError keeps its facts,
// and the exhaustiveness guard reports what slipped through.
import { describe, expect, it } from 'vitest';
import { AppError, ERROR_CODES, ERROR_MESSAGES, messageFor, missingCaseError } from './errors';
import { errorDataSchema } from './result';

describe('error codes', () => {
  it('the code list is exactly the message table, with no duplicates', () => {
    expect(ERROR_CODES.length).toBeGreaterThan(0);
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    expect([...ERROR_CODES].sort()).toEqual(Object.keys(ERROR_MESSAGES).sort());
  });

  it.each(ERROR_CODES)('%s is SCREAMING_SNAKE and has a user-facing sentence', (code) => {
    expect(code).toMatch(/^[A-Z]+(?:_[A-Z]+)*$/);
    const message = messageFor(code);
    expect(message.trim().length).toBeGreaterThan(10);
    expect(message).toBe(message.trim());
    expect(message).toMatch(/^[A-Z]/);
    expect(message).toMatch(/\.$/);
    // Users read sentences, not codes: no code name and no raw Node errno in the text.
    expect(message).not.toMatch(/\b[A-Z]{2,}_[A-Z_]+\b|\bE[A-Z]{4,}\b/);
  });

  it('no two codes share a message (the user could not tell them apart)', () => {
    const messages = ERROR_CODES.map(messageFor);
    expect(new Set(messages).size).toBe(messages.length);
  });

  it('the wire schema accepts every code and nothing outside the set', () => {
    for (const code of ERROR_CODES) {
      expect(errorDataSchema.safeParse({ code, message: messageFor(code) }).success, code).toBe(true);
    }
    expect(errorDataSchema.safeParse({ code: 'EADDRINUSE', message: 'x' }).success).toBe(false);
    expect(errorDataSchema.safeParse({ code: 'internal', message: 'x' }).success).toBe(false);
  });
});

describe('AppError', () => {
  it('keeps code, detail and cause; the message adds the detail to the user sentence', () => {
    const cause = Object.assign(new Error('listen EADDRINUSE: address already in use 127.0.0.1:80'), { code: 'EADDRINUSE' });
    const e = new AppError('PORT_ALREADY_USED', '127.0.0.1 port 80', { cause });
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('AppError');
    expect(e.code).toBe('PORT_ALREADY_USED');
    expect(e.detail).toBe('127.0.0.1 port 80');
    expect(e.cause).toBe(cause);
    expect(e.message).toBe(`${ERROR_MESSAGES.PORT_ALREADY_USED} (127.0.0.1 port 80)`);
  });

  it('toData carries the plain sentence and the detail separately, never the cause', () => {
    const data = new AppError('TIMEOUT', 'connect to 10.0.0.1:22', { cause: new Error('secret internals') }).toData();
    expect(data).toEqual({ code: 'TIMEOUT', message: ERROR_MESSAGES.TIMEOUT, detail: 'connect to 10.0.0.1:22' });
    expect(JSON.stringify(data)).not.toContain('secret internals');
  });

  it('without a detail, toData has no detail key at all (strict schemas downstream)', () => {
    const e = new AppError('CANCELLED');
    expect(e.detail).toBeUndefined();
    expect(e.message).toBe(ERROR_MESSAGES.CANCELLED);
    expect(Object.keys(e.toData())).toEqual(['code', 'message']);
    expect(errorDataSchema.parse(e.toData())).toEqual({ code: 'CANCELLED', message: ERROR_MESSAGES.CANCELLED });
  });

  it('an empty detail is treated as no detail in the message', () => {
    expect(new AppError('INTERNAL', '').message).toBe(ERROR_MESSAGES.INTERNAL);
  });
});

describe('missingCaseError', () => {
  type Shape = 'circle' | 'square';
  function corners(shape: Shape): number | Error {
    switch (shape) {
      case 'circle':
        return 0;
      case 'square':
        return 4;
      default:
        return missingCaseError(shape);
    }
  }

  it('returns (does not throw) an Error naming the value a closed switch did not expect', () => {
    // JSON.parse returns `any`: this is how an unexpected value really reaches such a switch.
    const fromTheWire: Shape = JSON.parse('"triangle"');
    const result = corners(fromTheWire);
    expect(result).toBeInstanceOf(Error);
    expect(result).toEqual(new Error('Unhandled case: triangle'));
    expect(corners('square')).toBe(4);
  });
});
