import { AppError, type ErrorCode } from '../core/errors.js';

/** Parse an ISO timestamp given to a writer; `what` names it in the error. */
export function parseTimestamp(text: string, what: string, code: ErrorCode = 'USAGE'): Date {
  const d = new Date(text);
  if (text.trim() === '' || Number.isNaN(d.getTime())) {
    throw new AppError(code, `${what} "${text}" is not a valid ISO 8601 timestamp`);
  }
  return d;
}

/** SPDX wants UTC without fractions: `2024-05-01T10:00:00Z`. */
export function spdxTimestamp(d: Date): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}
