import type { z } from 'zod';

/**
 * Every issue of a failed parse, `; `-separated: `components.3.name: missing (expected string)`.
 * `root` names the parsed value itself when an issue has an empty path.
 */
export function formatIssues(error: z.ZodError, root = '(document)'): string {
  return error.issues
    .map((i) => {
      const path = i.path.map(String).join('.');
      const message = i.message.replace(/^Invalid input: expected (\w+), received undefined$/, 'missing (expected $1)');
      return `${path === '' ? root : path}: ${message}`;
    })
    .join('; ');
}
