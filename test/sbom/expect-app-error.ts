import { expect } from 'vitest';
import { AppError, type ErrorCode } from '../../src/core/errors.js';

/** Run fn, expect an AppError with this code whose message contains every fragment; return it. */
export function expectAppError(fn: () => unknown, code: ErrorCode, ...fragments: string[]): AppError {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(AppError);
  const err = caught as AppError;
  expect(err.code).toBe(code);
  for (const f of fragments) expect(err.message).toContain(f);
  return err;
}
