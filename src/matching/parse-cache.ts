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
  /** Per scheme, one table keyed by the source object (not a table per object: most are used once). */
  private readonly derived = new Map<SchemeId, Map<object, unknown>>();
  private readonly keys = new Map<string, string>();

  /** The scheme's equality key of one version (VersionScheme.equalityKeys), once per run. */
  equalityKey(scheme: VersionScheme, version: string): string | undefined {
    if (!scheme.equalityKeys) return undefined;
    const memoKey = `${scheme.id}\u0000${version}`;
    let k = this.keys.get(memoKey);
    if (k === undefined) this.keys.set(memoKey, (k = scheme.equalityKeys([version])[0] ?? ''));
    return k;
  }

  /**
   * A value derived from `key` (an events array, a versions list) in `scheme`, computed once per run.
   * Held by this run's cache, not by a module-level table: it dies with the run (a long-lived weak
   * table keeps every value alive through young-generation collections).
   */
  memo<T>(key: object, scheme: VersionScheme, compute: () => T): T {
    let perKey = this.derived.get(scheme.id);
    if (!perKey) this.derived.set(scheme.id, (perKey = new Map()));
    let v = perKey.get(key) as T | undefined;
    if (v === undefined) perKey.set(key, (v = compute()));
    return v;
  }

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
