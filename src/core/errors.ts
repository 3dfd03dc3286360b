/**
 * One error type for everything drydock reports on purpose. `code` says what kind of problem it is;
 * the CLI maps codes to exit statuses (usage/input problems → 2, everything unexpected → 3).
 */
export type ErrorCode =
  | 'USAGE' // bad command line
  | 'INPUT' // a target, file or document that is malformed
  | 'NOT_FOUND' // a target, tag, digest or file that does not exist
  | 'UNSUPPORTED' // a valid input drydock does not handle (media type, compression, ...)
  | 'DIGEST_MISMATCH' // content whose digest or size differs from what was promised
  | 'LIMIT' // a safety limit was hit (decompression bomb, file too large, too many redirects)
  | 'AUTH' // the registry refused our credentials, or we have none
  | 'NETWORK' // the registry could not be reached or kept failing
  | 'REGISTRY' // the registry answered with an error
  | 'INTERNAL';

export class AppError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}

/** The message of any thrown value, for wrapping foreign errors into AppError messages. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

/** The promise's value, or undefined when it fails with AppError NOT_FOUND (other failures propagate). */
export async function unlessNotFound<T>(p: Promise<T>): Promise<T | undefined> {
  try {
    return await p;
  } catch (err) {
    if (isAppError(err) && err.code === 'NOT_FOUND') return undefined;
    throw err;
  }
}
