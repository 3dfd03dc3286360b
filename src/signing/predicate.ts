import { AppError } from '../core/errors.js';
import { PREDICATE_TYPES } from './predicate-types.js';

/** cosign's predicate type for `--type custom`, whose predicate wraps the file's text. */
export const CUSTOM_PREDICATE_TYPE = PREDICATE_TYPES.custom;

/**
 * The predicate to attest from a file's bytes: parsed JSON for every typed predicate; for `custom`
 * cosign's wrapper `{"Data": <the file's text>, "Timestamp": <now>}`, so any file can be attested.
 */
export function predicateFromFile(bytes: Buffer, predicateType: string, source: string, now: Date): unknown {
  const text = bytes.toString('utf8');
  if (predicateType === CUSTOM_PREDICATE_TYPE) return { Data: text, Timestamp: now.toISOString().replace(/\.\d{3}Z$/, 'Z') };
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('INPUT', `${source}: a ${predicateType} predicate must be JSON, and this file is not`);
  }
}
