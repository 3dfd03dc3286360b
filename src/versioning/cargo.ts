import { InvalidRangeError, InvalidVersionError, comparer, type VersionScheme } from './scheme.js';
import {
  comparePre,
  compareSemver,
  parsePreIds,
  parseStrictSemver,
  toNum,
  validBuild,
  type Num,
  type PreId,
  type SemVerParts,
} from './semver-core.js';

/**
 * Cargo (crates.io): versions are strict SemVer 2.0.0 (the `semver` crate: no `v`, no leading zeros,
 * no whitespace); build metadata never orders (the crate only uses it as a last tie-break for a total
 * order, which no requirement consults).
 *
 * Requirements are the `semver` crate's `VersionReq`, written from its documented behaviour and test
 * suite: comparators joined by commas (all must hold), each `OP VERSION` with OP one of `=` `>` `>=`
 * `<` `<=` `~` `^` or none (= `^`), partial versions (`^1.2`, `<1`) and wildcards (`1.*`, `1.2.x`, `*`).
 *
 * Pre-releases: the crate lets a pre-release match only a requirement that names a pre-release of the
 * same `major.minor.patch` — a rule for choosing dependencies. For vulnerability matching drydock
 * orders pre-releases instead (`satisfies`), like npm's includePrerelease: `1.2.0-alpha` is inside
 * `>=1.0.0, <1.2.0`. `cargoSatisfies(v, req, { includePrerelease: false })` is the crate's exact rule.
 */
type Op = '=' | '>' | '>=' | '<' | '<=' | '~' | '^' | '*';

interface Comparator {
  readonly op: Op;
  /** `*` alone: every version. */
  readonly any: boolean;
  readonly major: Num;
  readonly minor: Num | undefined;
  readonly patch: Num | undefined;
  readonly pre: readonly PreId[];
}

function parse(version: string): SemVerParts {
  const parsed = parseStrictSemver(version);
  if (typeof parsed === 'string') throw new InvalidVersionError('cargo', version, parsed);
  return parsed;
}

const NUMBER = /^(?:0|[1-9]\d*)$/;
const WILD = /^[*xX]$/;
const COMPARATOR = /^(=|>=|<=|>|<|~|\^)?\s*([^\s+-]+)(?:-([^+\s]*))?(?:\+(\S*))?$/;

function parseComparator(range: string, text: string): Comparator {
  const m = COMPARATOR.exec(text);
  const fail = (why: string): never => {
    throw new InvalidRangeError('cargo', range, `${why}: "${text}"`);
  };
  if (!m) return fail('bad comparator');
  const [, opText, core = '', preText, build] = m;
  const parts = core.split('.');
  if (parts.length > 3 || parts.some((p) => !NUMBER.test(p) && !WILD.test(p))) return fail('bad version');
  const firstWild = parts.findIndex((p) => WILD.test(p));
  if (firstWild >= 0 && parts.slice(firstWild).some((p) => !WILD.test(p))) return fail('unexpected character after wildcard');
  const nums = (firstWild < 0 ? parts : parts.slice(0, firstWild)).map(toNum);
  if (preText !== undefined && (nums.length < 3 || firstWild >= 0)) return fail('pre-release needs a full version');
  const pre = preText === undefined ? [] : parsePreIds(preText);
  if (typeof pre === 'string') return fail(pre);
  if (build !== undefined && !validBuild(build)) return fail('bad build metadata');
  const op: Op = (opText as Op | undefined) ?? (firstWild >= 0 ? '*' : '^');
  const any = nums[0] === undefined;
  if (any && opText !== undefined) return fail('a bare * takes no operator');
  return { op, any, major: nums[0] ?? 0, minor: nums[1], patch: nums[2], pre };
}

/** A `VersionReq`; `*` must stand alone. Throws `InvalidRangeError`. */
export function parseCargoReq(range: string): Comparator[] {
  const cmps = range.split(',').map((c) => parseComparator(range, c.trim()));
  if (cmps.length > 1 && cmps.some((c) => c.any)) {
    throw new InvalidRangeError('cargo', range, 'wildcard req (*) must be the only comparator');
  }
  return cmps;
}

function exact(c: Comparator, v: SemVerParts): boolean {
  if (v.major !== c.major) return false;
  if (c.minor !== undefined && v.minor !== c.minor) return false;
  if (c.patch !== undefined && v.patch !== c.patch) return false;
  return comparePre(v.pre, c.pre) === 0;
}

/** `v` above (`dir` 1) or below (`dir` -1) the comparator, partial parts counting as "any". */
function beyond(c: Comparator, v: SemVerParts, dir: 1 | -1): boolean {
  if (v.major !== c.major) return (v.major > c.major ? 1 : -1) === dir;
  if (c.minor === undefined) return false;
  if (v.minor !== c.minor) return (v.minor > c.minor ? 1 : -1) === dir;
  if (c.patch === undefined) return false;
  if (v.patch !== c.patch) return (v.patch > c.patch ? 1 : -1) === dir;
  return comparePre(v.pre, c.pre) === dir;
}

function tilde(c: Comparator, v: SemVerParts): boolean {
  if (v.major !== c.major) return false;
  if (c.minor !== undefined && v.minor !== c.minor) return false;
  if (c.patch !== undefined && v.patch !== c.patch) return v.patch > c.patch;
  return comparePre(v.pre, c.pre) >= 0;
}

function caret(c: Comparator, v: SemVerParts): boolean {
  if (v.major !== c.major) return false;
  if (c.minor === undefined) return true;
  if (c.patch === undefined) return c.major !== 0 ? v.minor >= c.minor : v.minor === c.minor;
  if (c.major !== 0) {
    if (v.minor !== c.minor) return v.minor > c.minor;
    if (v.patch !== c.patch) return v.patch > c.patch;
  } else if (c.minor !== 0) {
    if (v.minor !== c.minor) return false;
    if (v.patch !== c.patch) return v.patch > c.patch;
  } else if (v.minor !== c.minor || v.patch !== c.patch) return false;
  return comparePre(v.pre, c.pre) >= 0;
}

function matches(c: Comparator, v: SemVerParts): boolean {
  switch (c.op) {
    case '*':
      return c.any || exact(c, v);
    case '=':
      return exact(c, v);
    case '>':
      return beyond(c, v, 1);
    case '>=':
      return exact(c, v) || beyond(c, v, 1);
    case '<':
      return beyond(c, v, -1);
    case '<=':
      return exact(c, v) || beyond(c, v, -1);
    case '~':
      return tilde(c, v);
    case '^':
      return caret(c, v);
  }
}

/** Does a pre-release comparator of the same `major.minor.patch` admit `v`'s pre-release? (the crate's rule) */
function preCompatible(c: Comparator, v: SemVerParts): boolean {
  return c.pre.length > 0 && v.major === c.major && v.minor === c.minor && v.patch === c.patch;
}

export function cargoSatisfies(version: string, range: string, options: { includePrerelease: boolean }): boolean {
  const v = parse(version);
  const cmps = parseCargoReq(range);
  if (!cmps.every((c) => matches(c, v))) return false;
  return options.includePrerelease || v.pre.length === 0 || cmps.some((c) => preCompatible(c, v));
}

export const cargoScheme: VersionScheme<SemVerParts> = {
  id: 'cargo',
  aliases: ['crates.io', 'rust'],
  parse,
  compareParsed: compareSemver,
  compare: comparer(parse, compareSemver),
  satisfies: (version, range) => cargoSatisfies(version, range, { includePrerelease: true }),
};
