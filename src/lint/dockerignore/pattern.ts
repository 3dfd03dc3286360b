/**
 * One `.dockerignore` pattern compiled the way moby/patternmatcher's `Pattern.compile` does it (Unix
 * separator): a single pass over the runes decides the match type and builds a Go regular expression.
 *  - exact:  no wildcard at all → string equality;
 *  - prefix: `foo**` (only a trailing `**`) → `path.startsWith('foo')` (so `foo/**` needs `foo/…`);
 *  - suffix: a leading `**` and nothing else special → `path.endsWith(rest)`, and `**` + `/foo` also
 *    matches `foo` itself (note `**foo` matches `barfoo` here, unlike the regexp form);
 *  - regexp: everything else. `*` → `[^/]*`, `?` → `[^/]`, `**` → an optional run of whole directories (or `.*` at the end), the
 *    characters `.+()|{}$` are quoted, `\x` is passed to the regexp as `\x`, and `[`, `]`, `^` are
 *    passed through raw — so classes, escapes and anchors follow Go's regexp syntax (translated to a
 *    JavaScript RegExp by go-regexp.ts).
 */
import { goRegexpToJs } from './go-regexp.js';

export type MatchType = 'exact' | 'prefix' | 'suffix' | 'regexp';

export interface CompiledPattern {
  readonly type: MatchType;
  /** The Go regexp source moby builds (for `regexp` patterns; diagnostics and tests). */
  readonly goSource: string | undefined;
  test(path: string): boolean;
}

const QUOTED = new Set(['.', '+', '(', ')', '|', '{', '}', '$']);

/** Compiles a cleaned pattern; throws Error with the reason when Go's regexp would reject it. */
export function compilePattern(pattern: string): CompiledPattern {
  const { type, source } = toGoRegexp(pattern);
  switch (type) {
    case 'exact':
      return { type, goSource: undefined, test: (p) => p === pattern };
    case 'prefix': {
      const prefix = pattern.slice(0, -2);
      return { type, goSource: undefined, test: (p) => p.startsWith(prefix) };
    }
    case 'suffix': {
      const suffix = pattern.slice(2);
      const bare = suffix.startsWith('/') ? suffix.slice(1) : undefined;
      return { type, goSource: undefined, test: (p) => p.endsWith(suffix) || p === bare };
    }
    case 'regexp': {
      const re = goRegexpToJs(source);
      return { type, goSource: source, test: (p) => re.test(p) };
    }
  }
}

function toGoRegexp(pattern: string): { type: MatchType; source: string } {
  const runes = Array.from(pattern);
  let re = '^';
  let type: MatchType = 'exact';
  let pos = 0;
  const peek = (): string | undefined => runes[pos];
  for (let i = 0; pos < runes.length; i++) {
    const ch = runes[pos++] as string;
    if (ch === '*') {
      if (peek() === '*') {
        pos++;
        if (peek() === '/') pos++;
        if (peek() === undefined) {
          if (type === 'exact') type = 'prefix';
          else {
            re += '.*';
            type = 'regexp';
          }
        } else {
          re += '(.*/)?';
          type = 'regexp';
        }
        if (i === 0) type = 'suffix';
      } else {
        re += '[^/]*';
        type = 'regexp';
      }
    } else if (ch === '?') {
      re += '[^/]';
      type = 'regexp';
    } else if (QUOTED.has(ch)) {
      re += `\\${ch}`;
    } else if (ch === '\\') {
      const next = runes[pos];
      if (next !== undefined) {
        pos++;
        re += `\\${next}`;
        type = 'regexp';
      } else {
        re += '\\';
      }
    } else if (ch === '[' || ch === ']') {
      re += ch;
      type = 'regexp';
    } else {
      re += ch;
    }
  }
  return { type, source: type === 'regexp' ? `${re}$` : re };
}
