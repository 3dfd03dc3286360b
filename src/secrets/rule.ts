/**
 * The secret-rule contract. Built-in rules are data (src/secrets/rules/<family>.ts, listed in
 * `SECRET_RULES`); rules from a gitleaks TOML or a drydock/Trivy YAML config are turned into the same
 * `RuleSpec` (their Go RE2 patterns translated by re2.ts). `compileRules` (compile.ts) prepares a set
 * for `scanContent` (scanner.ts).
 *
 * Patterns are JavaScript RegExp sources matched over file content decoded as latin1 (one char per
 * byte): offsets are byte offsets and `\s`, `.`… must be written with that in mind (see re2.ts).
 */
import type { Severity } from '../core/severity.js';

/** What an allow-list regex is tested against: the secret (default), the whole regex match, or its line(s). */
export type AllowTarget = 'secret' | 'match' | 'line';

/** A RegExp source (compiled without flags) or a RegExp (its `g`/`y` flags are dropped). */
export type Pattern = string | RegExp;

/**
 * gitleaks' allow-list semantics. With condition 'or' (default) the file is skipped when a path
 * matches, and a finding is dropped when a regex matches its target or the secret contains a stopword.
 * With 'and', a finding is dropped only when every kind of check given (paths, regexes, stopwords) passes.
 */
export interface AllowList {
  readonly description?: string;
  readonly condition?: 'or' | 'and';
  /** Tested against the file path (no leading `/`). */
  readonly paths?: readonly Pattern[];
  /** Tested against `target`. */
  readonly regexes?: readonly Pattern[];
  readonly target?: AllowTarget;
  /** Case-insensitive substrings of the secret. */
  readonly stopwords?: readonly string[];
}

/** The short form built-in rules use: every entry on its own allows (OR). */
export interface RuleAllow {
  /** The file path. */
  readonly paths?: readonly Pattern[];
  /** The secret. */
  readonly values?: readonly Pattern[];
  /** The whole regex match (extended back over the identifier before it, see `identifierPrefix`). */
  readonly matches?: readonly Pattern[];
  /** The line(s) holding the match. */
  readonly lines?: readonly Pattern[];
  /** Case-insensitive substrings of the secret. */
  readonly stopwords?: readonly string[];
}

export interface RuleSpec {
  /** gitleaks' id where gitleaks has the rule (users recognise them), else Trivy's, else our own. */
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  /** Lower-case; the rule runs only where one occurs (ASCII case-insensitively). Empty: always runs. */
  readonly keywords: readonly string[];
  /**
   * A JavaScript RegExp source (no flags inside). Absent: a path-only rule (gitleaks' `path` without
   * `regex`), reported once for any file whose path matches `path`, binary or not.
   */
  readonly pattern?: string;
  /** 'i' for a case-insensitive pattern; no other flag. */
  readonly flags?: '' | 'i';
  /**
   * Which capture group is the secret: a group number (0 = the whole match), several (one finding per
   * group that took part: Trivy's repeated group names), or by default the first non-empty group
   * (the whole match when the pattern has none), as gitleaks does.
   */
  readonly secretGroup?: number | readonly number[];
  /** Shannon entropy (bits per char) the secret must EXCEED. */
  readonly entropy?: number;
  /** RegExp source: the rule only applies to files whose path matches. */
  readonly path?: string;
  readonly allow?: RuleAllow;
  readonly allowlists?: readonly AllowList[];
  /** Trivy's exclude-block: RegExp sources; a secret inside any of their matches is dropped. */
  readonly excludeBlocks?: readonly string[];
  /**
   * Matches may span many lines: when a keyword occurs the pattern runs over the whole file. Otherwise
   * it runs over the lines around each keyword (one line of context each side).
   */
  readonly multiline?: boolean;
  /**
   * Every match begins where one of the keywords begins (ASCII case-insensitively), e.g. `key = …`:
   * the pattern is only tried at those positions, as a sticky match. (`multiline` takes precedence.)
   */
  readonly anchored?: boolean;
  /** Lines after the keyword's line the pattern may reach (default 1), e.g. continuation lines. */
  readonly linesAfter?: number;
  /**
   * The pattern starts at its keyword; the `match` an allow-list sees is extended back over the
   * identifier chars (`[\w.-]`, up to 50) before it, as if the pattern began with `[\w.-]{0,50}?`.
   * Same findings as that prefix, without trying it at every position of the text.
   */
  readonly identifierPrefix?: boolean;
}

export interface RuleExamples {
  /** The file path the examples are scanned as (for rules with a `path`); default `app/config.txt`. */
  readonly path?: string;
  /** Each must produce at least one finding of this rule. */
  readonly match: readonly string[];
  /** Each must produce none. */
  readonly noMatch: readonly string[];
}

/** A built-in rule: a RuleSpec with its own examples (run by test/secrets/rules.test.ts). */
export interface SecretRule extends RuleSpec {
  readonly pattern: string;
  readonly examples: RuleExamples;
}

/** One secret found. Never holds the secret itself: `masked` shows at most its first 4 chars. */
export interface SecretHit {
  readonly ruleId: string;
  readonly title: string;
  readonly severity: Severity;
  /** 1-based line and byte column of the secret's first byte. */
  readonly line: number;
  readonly column: number;
  /** The first chars of the secret + `****` (4 chars when the secret has 16 or more, fewer for shorter ones). */
  readonly masked: string;
  /** Byte offset and length of the secret in the content. */
  readonly offset: number;
  readonly length: number;
}
