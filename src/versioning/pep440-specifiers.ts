import {
  comparePep440,
  isPrerelease,
  parsePep440,
  withParts,
  type Pep440Version,
} from './pep440-version.js';
import { InvalidRangeError } from './scheme.js';
import type { Num } from './semver-core.js';

/**
 * PEP 440 version specifiers (`>=1.0,!=1.3.*,<2`) with pypa/packaging 26's semantics, hand-written:
 * @renovatebot/pep440's `satisfies` simplifies the exclusive `<`/`>` rules, compares wildcard
 * prefixes without zero padding and allocates per call (see test/versioning/pep440.test.ts, which
 * measures its disagreements with packaging on the conformance suite).
 */
type Operator = '~=' | '==' | '!=' | '<=' | '>=' | '<' | '>' | '===';

interface Specifier {
  readonly op: Operator;
  /** The spec's version (the prefix for `==X.*`/`!=X.*`); undefined for `===`. */
  readonly version: Pep440Version | undefined;
  readonly wildcard: boolean;
  /** The text after the operator, for `===`. */
  readonly text: string;
  /** `~=`: the release prefix that must match (`~=2.2.1` → `2.2`). */
  readonly prefix: readonly Num[];
  /** `<V`: `V.dev0`, the earliest pre-release of V. */
  readonly earliestPre: Pep440Version | undefined;
}

const PRE = String.raw`(?:[-_.]?(?:alpha|beta|preview|pre|a|b|c|rc)[-_.]?[0-9]*)?`;
const POST = String.raw`(?:(?:-[0-9]+)|(?:[-_.]?(?:post|rev|r)[-_.]?[0-9]*))?`;
const DEV = String.raw`(?:[-_.]?dev[-_.]?[0-9]*)?`;
const LOCAL = String.raw`(?:\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?`;
const HEAD = String.raw`v?(?:[0-9]+!)?[0-9]+`;
/** packaging's specifier grammar, one alternative per operator family. */
const SPECIFIER = new RegExp(
  String.raw`^\s*(?:(===)\s*([^\s;)]*)` +
    String.raw`|(==|!=)\s*(${HEAD}(?:\.[0-9]+)*(?:\.\*|${PRE}${POST}${DEV}${LOCAL}))` +
    String.raw`|(~=)\s*(${HEAD}(?:\.[0-9]+)+${PRE}${POST}${DEV})` +
    String.raw`|(<=|>=|<|>)\s*(${HEAD}(?:\.[0-9]+)*${PRE}${POST}${DEV}))\s*$`,
  'i',
);

function parseSpecifier(range: string, text: string): Specifier {
  const m = SPECIFIER.exec(text);
  const op = (m?.[1] ?? m?.[3] ?? m?.[5] ?? m?.[7]) as Operator | undefined;
  const body = m?.[2] ?? m?.[4] ?? m?.[6] ?? m?.[8];
  if (op === undefined || body === undefined) throw new InvalidRangeError('pep440', range, `bad specifier "${text.trim()}"`);
  if (op === '===') return { op, version: undefined, wildcard: false, text: body, prefix: [], earliestPre: undefined };
  const wildcard = body.endsWith('.*');
  const version = parsePep440(wildcard ? body.slice(0, -2) : body);
  if (!version) throw new InvalidRangeError('pep440', range, `bad version in specifier "${text.trim()}"`);
  return {
    op,
    version,
    wildcard,
    text: body,
    prefix: version.release.slice(0, -1),
    earliestPre: op === '<' && !isPrerelease(version) ? withParts(version, { dev: 0, local: undefined }) : undefined,
  };
}

/** A comma-separated specifier set; empty matches everything. Throws `InvalidRangeError`. */
export function parseSpecifierSet(range: string): Specifier[] {
  return range
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => parseSpecifier(range, s));
}

/** Zero-padded release prefix match with equal epochs (`==1.0.*` matches `1`, `1.0.post1`, `1.0.5a1`). */
function prefixMatch(v: Pep440Version, epoch: Num, release: readonly Num[]): boolean {
  if (v.epoch !== epoch) return false;
  return release.every((n, i) => (v.release[i] ?? 0) === n);
}

const publicOf = (v: Pep440Version): Pep440Version => (v.local === undefined ? v : withParts(v, { local: undefined }));

function equalTo(v: Pep440Version, s: Specifier, spec: Pep440Version): boolean {
  if (s.wildcard) return prefixMatch(v, spec.epoch, spec.release);
  return comparePep440(spec.local === undefined ? publicOf(v) : v, spec) === 0;
}

function greaterThan(v: Pep440Version, spec: Pep440Version): boolean {
  if (comparePep440(v, spec) <= 0) return false;
  // >V excludes V's post-releases (unless V is one) and V's local versions.
  if (spec.post === undefined && v.post !== undefined) {
    if (comparePep440(withParts(v, { post: undefined, dev: undefined, local: undefined }), spec) === 0) return false;
  }
  return !(v.local !== undefined && comparePep440(publicOf(v), spec) === 0);
}

function contains(s: Specifier, v: Pep440Version, raw: string): boolean {
  const spec = s.version;
  if (spec === undefined) return raw.toLowerCase() === s.text.toLowerCase();
  switch (s.op) {
    case '==':
      return equalTo(v, s, spec);
    case '!=':
      return !equalTo(v, s, spec);
    case '<=':
      return comparePep440(publicOf(v), spec) <= 0;
    case '>=':
      return comparePep440(publicOf(v), spec) >= 0;
    case '<':
      // <V excludes V's pre-releases unless V is one.
      return comparePep440(v, spec) < 0 && !(s.earliestPre !== undefined && isPrerelease(v) && comparePep440(v, s.earliestPre) >= 0);
    case '>':
      return greaterThan(v, spec);
    case '~=':
      return comparePep440(publicOf(v), spec) >= 0 && prefixMatch(v, spec.epoch, s.prefix);
    case '===':
      return false;
  }
}

/**
 * `version in SpecifierSet(range)` for one installed version. `prereleases: false` excludes
 * pre-releases; `true` and `undefined` (packaging's default for a single version: pre-releases match
 * when nothing else is offered) do not. `raw` is the version as written, for `===`.
 */
export function specifierSetContains(specs: readonly Specifier[], v: Pep440Version, raw: string, prereleases?: boolean): boolean {
  if (prereleases === false && isPrerelease(v)) return false;
  return specs.every((s) => contains(s, v, raw));
}

/** `===` compares the text, so a version packaging cannot parse may still match a set of `===` only. */
export function onlyArbitrary(specs: readonly Specifier[]): boolean {
  return specs.length > 0 && specs.every((s) => s.op === '===');
}
