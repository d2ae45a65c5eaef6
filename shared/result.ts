// Result: how every outcome crosses a boundary (IPC, WebSocket, CLI) — never a thrown value.
import { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from './errors';

export interface AppErrorData {
  code: ErrorCode;
  message: string;
  detail?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };

export const errorDataSchema = z
  .object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    detail: z.string().optional(),
  })
  .strict();

export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }).strict(),
    z.object({ ok: z.literal(false), error: errorDataSchema }).strict(),
  ]);
}

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const err = <T = never>(error: AppErrorData): Result<T> => ({ ok: false, error });
