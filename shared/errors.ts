// The closed set of error codes that may cross a boundary, each with the sentence a user sees.
// Raw Node errors are translated into these in exactly one place per concern (see AppError.from*).

export const ERROR_MESSAGES = {
  INVALID_INPUT: 'The request was not understood: a value is missing or out of range.',
  UNKNOWN_CHANNEL: 'The app asked for something this version does not offer. Restart Port Doctor.',
  FORBIDDEN_SENDER: 'A request came from outside Port Doctor\'s own window and was refused.',
  INTERNAL: 'Something went wrong inside Port Doctor. Export a report and tell us what you did.',
  CANCELLED: 'The operation was cancelled.',
  TIMEOUT: 'The operation took too long and was stopped.',
  PORT_ALREADY_USED: 'That port is already in use by another program. Pick another port or stop that program.',
  PERMISSION_DENIED: 'The operating system refused access. Run Port Doctor with more rights to see this.',
  NOT_SUPPORTED: 'This is not available on this operating system yet.',
  COMMAND_FAILED: 'A system tool Port Doctor relies on failed or is missing.',
  TOO_BUSY: 'Port Doctor is already doing as much of this at once as it allows. Wait for a check to finish, or cancel one, and try again.',
  DISCONNECTED: 'Port Doctor\'s engine stopped, or the connection to it was lost. Start Port Doctor again.',
  NO_ANSWER: 'Port Doctor\'s engine did not answer in time: it may be stuck or overloaded. Try again, and restart Port Doctor if it keeps happening.',
  COMPANION_UNREACHABLE: 'The companion server could not be reached. Check its address and your internet connection, or try another companion.',
  COMPANION_REFUSED: 'The companion server refused the check (too many checks, busy, or your address is not allowed). Wait a minute and try again, or use another companion.',
  COMPANION_BAD_RESPONSE: 'The companion server answered with something Port Doctor does not understand. Update Port Doctor or the companion, or use another companion.',
  HOST_NOT_FOUND: 'That host name could not be found. Check the spelling, or enter the device\'s IP address instead.',
  NOT_CONFIGURED: 'A setting Port Doctor needs has not been given yet; the details say which one and how to set it.',
  SAVE_FAILED: 'The report could not be saved. Pick a folder that exists and that you can write to, on a disk with free space.',
  STUN_FAILED: 'No STUN server answered, so the public address and NAT type are unknown. Check that UDP is allowed out, or configure other STUN servers.',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export const ERROR_CODES = Object.keys(ERROR_MESSAGES) as [ErrorCode, ...ErrorCode[]];

export function messageFor(code: ErrorCode): string {
  return ERROR_MESSAGES[code];
}

/** An error with a stable code; `cause` keeps the original (Node) error for logs, never for the UI. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly detail: string | undefined;

  constructor(code: ErrorCode, detail?: string, options?: { cause?: unknown }) {
    super(detail ? `${ERROR_MESSAGES[code]} (${detail})` : ERROR_MESSAGES[code], options);
    this.name = 'AppError';
    this.code = code;
    this.detail = detail;
  }

  toData(): { code: ErrorCode; message: string; detail?: string } {
    return this.detail === undefined
      ? { code: this.code, message: ERROR_MESSAGES[this.code] }
      : { code: this.code, message: ERROR_MESSAGES[this.code], detail: this.detail };
  }
}

/** Exhaustiveness guard for switches over closed unions. */
export function missingCaseError(value: never): Error {
  return new Error(`Unhandled case: ${String(value)}`);
}
