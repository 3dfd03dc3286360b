import { expect } from 'vitest';
import { AppError } from '../../src/core/errors.js';

/** The AppError a promise rejects with (the test fails if it resolves or rejects with something else). */
export async function failure(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}
