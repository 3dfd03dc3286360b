import { MODIFIER, normalizeComposer, phpCompare, phpParts, stabilityOf, type PhpPart } from './composer-normalize.js';
import { opHolds, type Op } from './comparator-ranges.js';
import { InvalidRangeError, InvalidVersionError, comparer, type Ordering, type VersionScheme } from './scheme.js';

/**
 * Composer (Packagist): versions normalised as composer/semver does (composer-normalize.ts) and
 * ordered by PHP's version_compare; constraints parsed like VersionParser::parseConstraints — `||`
 * (or `|`) between alternatives, `,` or space between conjuncts, `^1.2`, `~1.2`, `1.2.*`, hyphen
 * ranges `1.0 - 2.0`, comparators `>=` `>` `<` `<=` `=` `==` `!=` `<>`, `@stability` flags — into
 * Composer's own bounds (`^1.2` → `>=1.2.0.0-dev <2.0.0.0-dev`).
 *
 * `satisfies` keeps Composer's meaning exactly, as `composer audit` applies it to advisories: `<1.2.0`
 * is `<1.2.0.0-dev`, so 1.2.0's own pre-releases (`1.2.0-RC1`) are outside it. The ordering (`compare`,
 * which OSV `ECOSYSTEM` ranges use) puts `1.2.0-RC1` below `1.2.0`.
 *
 * Branches (`dev-main`) have no order: Composer lets only `==`/`!=` constraints decide them. drydock's
 * `parse` rejects them (`InvalidVersionError`), and `satisfies` decides them only where Composer can
 * (every clause `==`/`!=`), refusing otherwise rather than answering "not affected".
 */
export interface ComposerVersion {
  readonly normalized: string;
  readonly parts: readonly PhpPart[];
}

function normalizeOrThrow(version: string): string {
  const n = normalizeComposer(version);
  if (n === undefined) throw new InvalidVersionError('composer', version, 'not a Composer version');
  return n;
}

function parse(version: string): ComposerVersion {
  const normalized = normalizeOrThrow(version);
  if (normalized.startsWith('dev-')) throw new InvalidVersionError('composer', version, 'a dev branch has no version order');
  return { normalized, parts: phpParts(normalized) };
}

const compareParsed = (a: ComposerVersion, b: ComposerVersion): Ordering => phpCompare(a.parts, b.parts);

/** One bound: Composer's Constraint(op, normalised version); `any` for `*`. */
export type Clause = { readonly any: true } | { readonly any: false; readonly op: Op; readonly version: string; readonly parts: readonly PhpPart[] };

const VERSION_RE = String.raw`v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?(?:${MODIFIER}|\.([xX*][.-]?dev))(?:\+[^\s]+)?`;
const TILDE = new RegExp(`^~>?${VERSION_RE}$`, 'i');
const CARET = new RegExp(String.raw`^\^${VERSION_RE}$`, 'i');
const XRANGE = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.[xX*])+$/;
const HYPHEN = new RegExp(`^(${VERSION_RE}) +- +(${VERSION_RE})$`, 'i');
const BASIC = /^(<>|!=|>=?|<=?|==?)?\s*(.*)$/s;

function clause(op: string, version: string): Clause {
  const o: Op = op === '==' ? '=' : op === '<>' ? '!=' : (op as Op);
  return { any: false, op: o, version, parts: phpParts(version) };
}

/** manipulateVersionString: increment part `position` (1-4) by `inc`, zero the parts after it. */
function bump(m: readonly (string | undefined)[], position: number, inc: number): string {
  const parts = [1, 2, 3, 4].map((i) => (i > position ? '0' : i === position && inc ? String(Number(m[i] ?? 0) + inc) : (m[i] ?? '')));
  return parts.join('.');
}

const lastNumeric = (m: readonly (string | undefined)[]): number => (m[4] ? 4 : m[3] ? 3 : m[2] ? 2 : 1);

function tildeOrCaret(c: string, range: string, norm: (v: string) => string): Clause[] | undefined {
  let m = TILDE.exec(c);
  if (m) {
    if (c.startsWith('~>')) throw new InvalidRangeError('composer', range, `invalid operator "~>" in ${c}, did you mean "~"?`);
    const position = lastNumeric(m) + (m[8] ? 1 : 0);
    const suffix = !m[5] && !m[7] && !m[8] ? '-dev' : '';
    return [clause('>=', norm(c.slice(1) + suffix)), clause('<', `${bump(m, Math.max(1, position - 1), 1)}-dev`)];
  }
  m = CARET.exec(c);
  if (m) {
    const position = m[1] !== '0' || !m[2] ? 1 : m[2] !== '0' || !m[3] ? 2 : 3;
    const suffix = !m[5] && !m[7] && !m[8] ? '-dev' : '';
    return [clause('>=', norm(c.slice(1) + suffix)), clause('<', `${bump(m, position, 1)}-dev`)];
  }
  return undefined;
}

function xOrHyphen(c: string, norm: (v: string) => string): Clause[] | undefined {
  let m = XRANGE.exec(c);
  if (m) {
    const position = lastNumeric(m);
    const low = `${bump(m, position, 0)}-dev`;
    const high = clause('<', `${bump(m, position, 1)}-dev`);
    return low === '0.0.0.0-dev' ? [high] : [clause('>=', low), high];
  }
  m = HYPHEN.exec(c);
  if (!m) return undefined;
  const lowSuffix = !m[6] && !m[8] && !m[9] ? '-dev' : '';
  const low = clause('>=', norm(m[1] ?? '') + lowSuffix);
  const present = (x: string | undefined): boolean => x !== undefined && x !== '';
  if ((present(m[12]) && present(m[13])) || m[15] || m[17] || m[18]) return [low, clause('<=', norm(m[10] ?? ''))];
  norm(m[10] ?? '');
  return [low, clause('<', `${bump(['', m[11], m[12], m[13], m[14]], present(m[12]) ? 2 : 1, 1)}-dev`)];
}

function basic(c: string, stabilityModifier: string | undefined, norm: (v: string) => string): Clause[] {
  const m = BASIC.exec(c);
  const op = m?.[1] || '=';
  const text = m?.[2] ?? '';
  let version = normalizeComposer(text);
  // `foobar-dev` is read as the branch `dev-foobar`
  if (version === undefined && text.endsWith('-dev') && /^[0-9a-zA-Z./-]+$/.test(text)) version = normalizeComposer(`dev-${text.slice(0, -4)}`);
  if (version === undefined) return [clause(op, norm(text))];
  if (op !== '==' && op !== '=' && stabilityModifier !== undefined && stabilityOf(version) === 'stable') version += `-${stabilityModifier}`;
  else if ((op === '<' || op === '>=') && !new RegExp(`-${MODIFIER}$`).test(text.toLowerCase()) && !text.startsWith('dev-')) version += '-dev';
  return [clause(op, version)];
}

/** VersionParser::parseConstraint for one conjunct. */
function parseOne(range: string, input: string): Clause[] {
  const norm = (v: string): string => {
    const n = normalizeComposer(v);
    if (n === undefined) throw new InvalidRangeError('composer', range, `could not parse version constraint ${input}`);
    return n;
  };
  let c = /^([^,\s]+) +as +([^,\s]+)$/.exec(input)?.[1] ?? input;
  let stabilityModifier: string | undefined;
  const flag = /^([^,\s]*?)@(stable|RC|beta|alpha|dev)$/i.exec(c);
  if (flag) {
    c = flag[1] || '*';
    if (flag[2] !== 'stable') stabilityModifier = flag[2];
  }
  c = /^(dev-[^,\s@]+?|[^,\s@]+?\.x-dev)#.+$/i.exec(c)?.[1] ?? c;
  const star = /^(v)?[xX*](\.[xX*])*$/i.exec(c);
  if (star) return star[1] || star[2] ? [clause('>=', '0.0.0.0-dev')] : [{ any: true }];
  return tildeOrCaret(c, range, norm) ?? xOrHyphen(c, norm) ?? basic(c, stabilityModifier, norm);
}

/** VersionParser::parseConstraints: alternatives (OR) of conjunctions (AND). */
export function parseComposerConstraints(range: string): Clause[][] {
  if (range.trim() === '') throw new InvalidRangeError('composer', range, 'empty constraint');
  return range
    .trim()
    .split(/\s*\|\|?\s*/)
    .map((or) => or.split(/(?<!^|as|[=>< ,]) *(?<!-)[, ](?!-) *(?!,|as|$)/).flatMap((and) => parseOne(range, and)));
}

/** Constraint::matchSpecific against `== version` (Composer's Semver::satisfies). */
function clauseMatches(c: Clause, version: string, parts: readonly PhpPart[]): boolean {
  if (c.any) return true;
  const branch = version.startsWith('dev-') || c.version.startsWith('dev-');
  if (c.op === '!=') return branch ? version !== c.version : phpCompare(parts, c.parts) !== 0;
  if (c.op === '=') return branch ? version === c.version : phpCompare(parts, c.parts) === 0;
  return !branch && opHolds(c.op, phpCompare(parts, c.parts));
}

export function composerSatisfies(version: string, range: string): boolean {
  const normalized = normalizeOrThrow(version);
  const groups = parseComposerConstraints(range);
  if (normalized.startsWith('dev-') && groups.some((g) => g.some((c) => c.any || (c.op !== '=' && c.op !== '!=')))) {
    throw new InvalidVersionError('composer', version, 'a dev branch can only be matched by == / != constraints');
  }
  const parts = phpParts(normalized);
  return groups.some((g) => g.every((c) => clauseMatches(c, normalized, parts)));
}

export const composerScheme: VersionScheme<ComposerVersion> = {
  id: 'composer',
  aliases: ['packagist', 'php'],
  parse,
  compareParsed,
  compare: comparer(parse, compareParsed),
  satisfies: composerSatisfies,
};
