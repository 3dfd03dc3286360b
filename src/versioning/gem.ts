import { parseBound } from './comparator-ranges.js';
import { InvalidRangeError, InvalidVersionError, comparer, type Ordering, type VersionScheme } from './scheme.js';
import { toNum, type Num } from './semver-core.js';

/**
 * RubyGems: Gem::Version and Gem::Requirement (current rubygems, lib/rubygems/version.rb and
 * requirement.rb), written from their documented behaviour and tests.
 *
 * Versions: digits, then `.`-separated alphanumeric parts, optionally `-` parts. A part with a letter
 * makes a pre-release: `1.0.a` < `1.0` (letter segments sort below numbers, strings by byte order),
 * `1.0.b1` = `1.0.b.1`, trailing zeros are insignificant (`1.0` = `1`). A SemVer hyphen becomes a dot
 * before a lettered identifier (`1.0.0-beta.1` = `1.0.0.beta.1`) and `.pre.` before a numeric one
 * (`1.0.0-1` = `1.0.0.pre.1`, a pre-release); a redundant `pre` before a lettered segment is ignored
 * (`1.0.0.pre.beta.1` = `1.0.0.beta.1`, rubygems issue 9910).
 *
 * One deliberate difference: Gem::Version reads an empty or blank string as `0`; drydock refuses it
 * (`InvalidVersionError`) — an empty installed version is missing data, not version zero.
 *
 * Requirements: `OP VERSION` with OP in `=` (default) `!=` `>` `<` `>=` `<=` `~>`, several joined by
 * commas (all must hold): `~> 1.2, >= 1.2.3`. `~> 1.2.3` means `>= 1.2.3` and, on the release part,
 * `< 1.3`. Pre-releases are ordered like any version (Gem::Requirement does not exclude them).
 */
type Segment = Num | string;

export interface GemVersion {
  /** The normalised version string (hyphens rewritten). */
  readonly version: string;
  /** Segments as written (for `~>`'s bump and `release`). */
  readonly segments: readonly Segment[];
  /** Segments used for ordering (insignificant zeros and redundant `pre` removed). */
  readonly canonical: readonly Segment[];
  readonly prerelease: boolean;
}

const ANCHORED = /^[ \t\r\n\f\v]*([0-9]+(?:\.[0-9a-zA-Z]+)*(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?)[ \t\r\n\f\v]*$/;

function normalizeHyphens(s: string): string {
  if (!s.includes('-')) return s;
  const parts = s.split('-');
  while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop(); // Ruby's split drops trailing empties
  // a lettered first identifier keeps its part (`-beta.1` → `.beta.1`); a numeric one gets `pre.`
  return parts.map((part, i) => (i === 0 || /[a-zA-Z]/.test(/^[^.]+/.exec(part)?.[0] ?? '') ? part : `pre.${part}`)).join('.');
}

function partition(s: string): Segment[] {
  return (s.match(/\d+|[a-z]+/gi) ?? []).map((x) => (/^\d/.test(x) ? toNum(x) : x));
}

function canonicalSegments(version: string, prerelease: boolean): Segment[] {
  let v = version.replace(/(?<=[a-zA-Z.])[.0]+$/, '');
  if (prerelease) v = v.replace(/(?<=\.|^)[0.]+(?=[a-zA-Z])/, '');
  const segs = partition(v);
  return segs.filter((s, i) => !(s === 'pre' && typeof segs[i + 1] === 'string'));
}

function parse(text: string): GemVersion {
  const m = ANCHORED.exec(text);
  if (!m?.[1]) throw new InvalidVersionError('gem', text, text.trim() === '' ? 'empty version' : 'malformed version number string');
  const version = normalizeHyphens(m[1]);
  const prerelease = /[a-zA-Z]/.test(version);
  return { version, segments: partition(version), canonical: canonicalSegments(version, prerelease), prerelease };
}

/** Gem::Version#<=> (allocation-free). */
function compareParsed(a: GemVersion, b: GemVersion): Ordering {
  const l = a.canonical;
  const r = b.canonical;
  const limit = Math.min(l.length, r.length);
  for (let i = 0; i < limit; i++) {
    const x = l[i] as Segment;
    const y = r[i] as Segment;
    if (x === y) continue;
    const xs = typeof x === 'string';
    if (xs !== (typeof y === 'string')) return xs ? -1 : 1;
    return x < y ? -1 : 1;
  }
  // The longer side decides by its tail: a string (pre-release) makes it smaller, a non-zero larger.
  for (let i = limit; i < l.length; i++) {
    const x = l[i] as Segment;
    if (typeof x === 'string') return -1;
    if (x !== 0) return 1;
  }
  for (let i = limit; i < r.length; i++) {
    const y = r[i] as Segment;
    if (typeof y === 'string') return 1;
    if (y !== 0) return -1;
  }
  return 0;
}

const numericPrefix = (v: GemVersion): Num[] => {
  const segs = [...v.segments];
  while (segs.some((s) => typeof s === 'string')) segs.pop();
  return segs as Num[];
};

/** Gem::Version#release: the version without its pre-release part. */
function releaseOf(v: GemVersion): GemVersion {
  return v.prerelease ? parse(numericPrefix(v).join('.')) : v;
}

/** Gem::Version#bump: `5.2.4` → `5.3`, `5.2.4.a` → `5.3`, `5` → `6`. */
function bump(v: GemVersion): GemVersion {
  const segs = numericPrefix(v);
  if (segs.length > 1) segs.pop();
  const last = segs.length - 1;
  const n = segs[last] ?? 0;
  segs[last] = typeof n === 'bigint' ? n + 1n : toNum(String(n + 1));
  return parse(segs.join('.'));
}

type Op = '=' | '!=' | '>' | '<' | '>=' | '<=' | '~>';
interface Requirement {
  readonly op: Op;
  readonly version: GemVersion;
  /** `~>`: the exclusive upper bound of the release part. */
  readonly bumped: GemVersion | undefined;
}

const REQUIREMENT = /^[ \t\r\n\f\v]*(=|!=|>=|<=|>|<|~>)?[ \t\r\n\f\v]*(\S+?)[ \t\r\n\f\v]*$/;

/** A Gem::Requirement list, comma-separated. Throws `InvalidRangeError`. */
export function parseGemRequirement(range: string): Requirement[] {
  return range.split(',').map((part) => {
    const m = REQUIREMENT.exec(part);
    if (!m?.[2]) throw new InvalidRangeError('gem', range, `illformed requirement "${part.trim()}"`);
    const op = (m[1] ?? '=') as Op;
    const version = parseBound('gem', range, m[2], parse);
    return { op, version, bumped: op === '~>' ? bump(version) : undefined };
  });
}

function holds(req: Requirement, v: GemVersion): boolean {
  const c = compareParsed(v, req.version);
  switch (req.op) {
    case '=':
      return c === 0;
    case '!=':
      return c !== 0;
    case '>':
      return c > 0;
    case '<':
      return c < 0;
    case '>=':
      return c >= 0;
    case '<=':
      return c <= 0;
    case '~>':
      return c >= 0 && compareParsed(releaseOf(v), req.bumped as GemVersion) < 0;
  }
}

export const gemScheme: VersionScheme<GemVersion> = {
  id: 'gem',
  aliases: ['rubygems', 'ruby', 'bundler'],
  parse,
  compareParsed,
  compare: comparer(parse, compareParsed),
  satisfies(version, range) {
    const v = parse(version);
    return parseGemRequirement(range).every((r) => holds(r, v));
  },
};
