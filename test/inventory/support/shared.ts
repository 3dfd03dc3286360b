import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The read-only shared data directory that sits next to the repository (`../shared`). */
export const SHARED_DIR = fileURLToPath(new URL('../../../../shared/', import.meta.url));

export function sharedPath(...parts: string[]): string {
  return join(SHARED_DIR, ...parts);
}
