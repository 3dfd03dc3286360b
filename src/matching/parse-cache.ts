import { errorMessage } from '../core/errors.js';
import type { SchemeId, VersionScheme } from '../versioning/scheme.js';

/** A version parsed by a scheme, or why it did not parse. */
export type ParseResult = { ok: true; value: unknown } | { ok: false; reason: string };

/**
 * Parse-once memo for one matching run: the same event versions (`fixed: 3.3.2-r1`) and installed
 * versions recur across thousands of comparisons. Failures are memoised too, with their reason.
 */
export class ParseCache {
  private readonly perScheme = new Map<SchemeId, Map<string, ParseResult>>();

  parse(scheme: VersionScheme, version: string): ParseResult {
    let memo = this.perScheme.get(scheme.id);
    if (!memo) {
      memo = new Map();
      this.perScheme.set(scheme.id, memo);
    }
    let r = memo.get(version);
    if (r === undefined) {
      try {
        r = { ok: true, value: scheme.parse(version) };
      } catch (err) {
        r = { ok: false, reason: errorMessage(err) };
      }
      memo.set(version, r);
    }
    return r;
  }
}
