import { errorMessage } from '../core/errors.js';
import type { AffectedPackage, AffectedStatus, VersionRange } from '../vulndb/model.js';
import { schemeForNamespace } from '../vulndb/ecosystems.js';
import { InvalidRangeError, type VersionScheme } from '../versioning/scheme.js';
import { equalLines, lineCount } from './key-lines.js';
import type { ParseCache } from './parse-cache.js';
import { evaluateRange, type RangeOutcome } from './ranges.js';

/**
 * One affected entry (an advisory × namespace × package) against one installed version, per OSV:
 * affected when the `versions` list holds the version (scheme equality, not string equality) OR any
 * range says so; plus the feed's native range (`nativeRange`, checked with the scheme's `satisfies`).
 * Three-valued: any "yes" wins; otherwise any "cannot tell" (installed or event version the scheme
 * cannot parse) makes the entry an unknown — never a silent "not affected".
 */
export type AffectedVerdict =
  | { kind: 'affected'; range: string; fixed?: string }
  | { kind: 'not-affected'; why: string; byStatus: boolean }
  | { kind: 'unknown'; cause: 'installed' | 'event' | 'scheme'; why: string };

export interface AffectedContext {
  /** The namespace's scheme (ECOSYSTEM ranges, `versions`, `nativeRange`); undefined when drydock has none. */
  scheme: VersionScheme | undefined;
  /** SemVer 2.0 (SEMVER ranges). */
  semver: VersionScheme;
  cache: ParseCache;
}

/** Statuses that mean "affected" when an entry gives no ranges at all. */
const AFFECTED_LIKE: ReadonlySet<AffectedStatus> = new Set(['affected', 'will-not-fix', 'fix-deferred', 'end-of-life', 'under-investigation']);

type Part =
  | { kind: 'in'; text: string; fixed?: string; scheme: VersionScheme; fromRange: boolean }
  | { kind: 'out'; why: string }
  | { kind: 'unknown'; cause: 'installed' | 'event' | 'scheme'; why: string };

/**
 * The listed version equal to `v` by the scheme (`1.0` = `1.0.0` in PEP 440). A scheme with
 * `equalityKeys` compares keys first, so only the entries sharing the installed version's key are
 * parsed (PyPA lists hundreds of versions per entry): the keys the DB stored with the list when they
 * are of this scheme and one per version, else computed once per run. Without keys every entry is
 * parsed and compared. Parses are memoised per run; a listed version the scheme cannot read cannot
 * equal one it can (string equality was checked first).
 */
function findEqual(a: AffectedPackage, storedKeys: string | undefined, installed: string, v: unknown, scheme: VersionScheme, cache: ParseCache): string | undefined {
  const versions = a.versions;
  const key = cache.equalityKey(scheme, installed);
  if (key !== undefined && scheme.equalityKeys) {
    if (storedKeys !== undefined && schemeForNamespace(a.namespace) === scheme.id && lineCount(storedKeys) === versions.length) {
      const lines = equalLines(storedKeys, key);
      for (let i = 0; i < lines.length; i++) {
        const text = versions[lines[i] as number] as string;
        if (equalParsed(text, v, scheme, cache)) return text;
      }
      return undefined;
    }
    const keyOf = scheme.equalityKeys;
    const keys = cache.memo(versions, scheme, () => keyOf(versions));
    for (let i = keys.indexOf(key); i >= 0; i = keys.indexOf(key, i + 1)) {
      const text = versions[i] as string;
      if (equalParsed(text, v, scheme, cache)) return text;
    }
    return undefined;
  }
  for (let i = 0; i < versions.length; i++) if (equalParsed(versions[i] as string, v, scheme, cache)) return versions[i];
  return undefined;
}

function equalParsed(text: string, v: unknown, scheme: VersionScheme, cache: ParseCache): boolean {
  const p = cache.parse(scheme, text);
  return p.ok && scheme.compareParsed(p.value, v) === 0;
}

function inVersions(a: AffectedPackage, storedKeys: string | undefined, installed: string, ctx: AffectedContext): Part {
  if (a.versions.includes(installed)) return { kind: 'in', text: `= ${installed}`, scheme: ctx.scheme ?? ctx.semver, fromRange: false };
  if (!ctx.scheme) return { kind: 'unknown', cause: 'scheme', why: `no version scheme for ${a.namespace}` };
  const v = ctx.cache.parse(ctx.scheme, installed);
  if (!v.ok) return { kind: 'unknown', cause: 'installed', why: `installed version "${installed}" is not a valid ${ctx.scheme.id} version (${v.reason})` };
  const equal = findEqual(a, storedKeys, installed, v.value, ctx.scheme, ctx.cache);
  if (equal !== undefined) return { kind: 'in', text: `= ${equal}`, scheme: ctx.scheme, fromRange: false };
  return { kind: 'out', why: `${installed} is not one of the ${a.versions.length} listed versions` };
}

function inNative(range: string, installed: string, ctx: AffectedContext): Part {
  const s = ctx.scheme;
  if (!s?.satisfies) return { kind: 'unknown', cause: 'scheme', why: `no range syntax${s ? ` in scheme ${s.id}` : ''} to evaluate "${range}"` };
  const v = ctx.cache.parse(s, installed);
  if (!v.ok) return { kind: 'unknown', cause: 'installed', why: `installed version "${installed}" is not a valid ${s.id} version (${v.reason})` };
  try {
    return s.satisfies(installed, range) ? { kind: 'in', text: range, scheme: s, fromRange: false } : { kind: 'out', why: `${installed} does not satisfy ${range}` };
  } catch (err) {
    const cause = err instanceof InvalidRangeError ? 'event' : 'installed';
    return { kind: 'unknown', cause, why: `cannot evaluate "${range}": ${errorMessage(err)}` };
  }
}

function fromRange(o: RangeOutcome, scheme: VersionScheme): Part | undefined {
  if (o.kind === 'skipped') return undefined;
  if (o.kind !== 'in') return o;
  const part: Part = { kind: 'in', text: o.interval, scheme, fromRange: true };
  if (o.fixed !== undefined) part.fixed = o.fixed;
  return part;
}

/**
 * The fix that leaves every matching range interval: the highest `fixed`, none when some interval has
 * none. `versions` and native-range hits say nothing about fixes; only range intervals do.
 */
function combinedFix(hits: ReadonlyArray<Extract<Part, { kind: 'in' }>>, cache: ParseCache): string | undefined {
  let best: { text: string; parsed: unknown; scheme: VersionScheme } | undefined;
  for (let i = 0; i < hits.length; i++) {
    const h = hits[i] as Extract<Part, { kind: 'in' }>;
    if (!h.fromRange) continue;
    if (h.fixed === undefined) return undefined;
    const p = cache.parse(h.scheme, h.fixed);
    if (!p.ok) return undefined;
    if (!best || (best.scheme === h.scheme && h.scheme.compareParsed(p.value, best.parsed) > 0)) best = { text: h.fixed, parsed: p.value, scheme: h.scheme };
  }
  return best?.text;
}

/**
 * Ranges and the native range first; the `versions` list (PyPA lists hundreds) only when they do not
 * already say "affected" — a union needs no second yes (explain's trace still shows the list check).
 */
function collectParts(a: AffectedPackage, storedKeys: string | undefined, installed: string, ctx: AffectedContext, trace?: string[]): Part[] {
  const parts: Part[] = [];
  let anyIn = false;
  for (let i = 0; i < a.ranges.length; i++) {
    const r = a.ranges[i] as VersionRange;
    const scheme = r.type === 'SEMVER' ? ctx.semver : ctx.scheme;
    if (!scheme && r.type === 'ECOSYSTEM') {
      parts.push({ kind: 'unknown', cause: 'scheme', why: `no version scheme for ${a.namespace}` });
      continue;
    }
    trace?.push(`${r.type} range: ${r.events.map((e) => Object.entries(e)[0]?.join(' ')).join(', ')}`);
    const part = fromRange(evaluateRange(r, installed, scheme ?? ctx.semver, ctx.cache, trace), scheme ?? ctx.semver);
    if (part) {
      parts.push(part);
      if (part.kind === 'in') anyIn = true;
    } else trace?.push('GIT range: not evaluated (commit hashes, not versions)');
  }
  // Like `versions` below: a native range can only add a "yes" (it says nothing about fixes), so it is
  // evaluated only when the ranges did not already say yes — or when explaining.
  if (a.nativeRange !== undefined && (trace !== undefined || !anyIn)) {
    const part = inNative(a.nativeRange, installed, ctx);
    parts.push(part);
    if (part.kind === 'in') anyIn = true;
  }
  if (a.versions.length > 0 && (trace !== undefined || !anyIn)) {
    const v = inVersions(a, storedKeys, installed, ctx);
    trace?.push(`versions list: ${v.kind === 'in' ? v.text : v.why}`);
    parts.push(v);
  }
  return parts;
}

/**
 * Whether an ECOSYSTEM range of the entry, in the namespace's scheme `ctx.scheme`, puts `version`
 * inside. A listed version this holds for adds nothing to a match: any installed version equal to it
 * by that scheme compares the same against every event, so the same range says "affected". (SEMVER
 * ranges do not count: the list's equality is the namespace's scheme, not SemVer.) The DB writer drops
 * such versions from the lists it stores (sqlite/listed-versions.ts).
 */
export function ecosystemRangesCover(a: AffectedPackage, version: string, ctx: AffectedContext): boolean {
  if (!ctx.scheme) return false;
  for (let i = 0; i < a.ranges.length; i++) {
    const r = a.ranges[i] as VersionRange;
    if (r.type === 'ECOSYSTEM' && evaluateRange(r, version, ctx.scheme, ctx.cache).kind === 'in') return true;
  }
  return false;
}

function evaluable(a: AffectedPackage): boolean {
  if (a.versions.length > 0 || a.nativeRange !== undefined) return true;
  for (let i = 0; i < a.ranges.length; i++) if ((a.ranges[i] as VersionRange).type !== 'GIT') return true;
  return false;
}

/**
 * The verdict of one entry. A not-affected verdict's `why` details every range only when `trace` is
 * given (`drydock explain`); a scan never shows it, so it is not built there.
 * `storedKeys`: the equality keys of the entry's `versions` the DB keeps (AffectedMatch.versionKeys).
 */
export function evaluateAffected(a: AffectedPackage, installed: string, ctx: AffectedContext, trace?: string[], storedKeys?: string): AffectedVerdict {
  if (a.status === 'not-affected') return { kind: 'not-affected', why: `status not-affected${a.note ? ` (${a.note})` : ''}`, byStatus: true };
  if (!evaluable(a)) {
    if (a.ranges.length > 0) return { kind: 'not-affected', why: 'only GIT ranges, which are not evaluated against versions', byStatus: false };
    if (AFFECTED_LIKE.has(a.status)) return { kind: 'affected', range: `all versions (${a.status})` };
    return { kind: 'unknown', cause: 'event', why: `status ${a.status} without any version or range` };
  }
  const parts = collectParts(a, storedKeys, installed, ctx, trace);
  const hits: Array<Extract<Part, { kind: 'in' }>> = [];
  let unknown: Extract<Part, { kind: 'unknown' }> | undefined;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i] as Part;
    if (p.kind === 'in') hits.push(p);
    else if (p.kind === 'unknown') unknown ??= p;
  }
  if (hits.length > 0) {
    const fixed = combinedFix(hits, ctx.cache);
    const range = hits.length === 1 ? (hits[0] as Extract<Part, { kind: 'in' }>).text : hits.map((h) => h.text).join('; ');
    return fixed === undefined ? { kind: 'affected', range } : { kind: 'affected', range, fixed };
  }
  if (unknown) return unknown;
  let why = '';
  for (const p of parts) if (p.kind === 'out' && p.why !== '') why = why === '' ? p.why : `${why}; ${p.why}`;
  return { kind: 'not-affected', why: why || 'not affected', byStatus: false };
}
