import { VERSION_PATTERN } from '@renovatebot/pep440/lib/version.js';
import type { Ordering } from './scheme.js';
import { toNum, type Num } from './semver-core.js';

/**
 * PEP 440 versions as pypa/packaging parses and orders them. Parsing uses the canonical PEP 440
 * pattern exported by @renovatebot/pep440 (the same pattern packaging uses); the parsed form and the
 * ordering are drydock's own: exact for numbers of any size (renovate's `Number()` rounds above
 * 2^53) and allocation-free in `comparePep440`.
 */
export interface Pep440Version {
  readonly epoch: Num;
  readonly release: readonly Num[];
  /** 0 = a, 1 = b, 2 = rc; undefined when not a pre-release. */
  readonly preKind: 0 | 1 | 2 | undefined;
  readonly preN: Num;
  readonly post: Num | undefined;
  readonly dev: Num | undefined;
  /** Local segments (lowercase strings or numbers); undefined when there is no `+local`. */
  readonly local: readonly (Num | string)[] | undefined;
}

const FULL = new RegExp(`^\\s*${VERSION_PATTERN}\\s*$`, 'i');
const PRE_KIND: Record<string, 0 | 1 | 2> = { a: 0, alpha: 0, b: 1, beta: 1, c: 2, rc: 2, pre: 2, preview: 2 };
const PRE_LETTER = ['a', 'b', 'rc'] as const;

/** A PEP 440 version, or undefined when the text is not one. */
export function parsePep440(text: string): Pep440Version | undefined {
  const g = FULL.exec(text)?.groups;
  if (!g || g['release'] === undefined) return undefined;
  const preL = g['pre_l']?.toLowerCase();
  const postN = g['post_n1'] ?? g['post_n2'];
  return {
    epoch: toNum(g['epoch'] ?? '0'),
    release: g['release'].split('.').map(toNum),
    preKind: preL === undefined ? undefined : PRE_KIND[preL],
    preN: toNum(g['pre_n'] ?? '0'),
    post: g['post_n1'] !== undefined || g['post_l'] !== undefined ? toNum(postN ?? '0') : undefined,
    dev: g['dev_l'] !== undefined ? toNum(g['dev_n'] ?? '0') : undefined,
    local: g['local']?.toLowerCase().split(/[-_.]/).map((s) => (/^\d+$/.test(s) ? toNum(s) : s)),
  };
}

function cmp(a: Num | string, b: Num | string): Ordering {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareRelease(a: readonly Num[], b: readonly Num[]): Ordering {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = cmp(a[i] ?? 0, b[i] ?? 0);
    if (c !== 0) return c;
  }
  return 0;
}

/** packaging's pre-release key: a dev release of a final (`1.0.dev1`) sorts before its pre-releases. */
function preRank(v: Pep440Version): number {
  if (v.preKind !== undefined) return v.preKind;
  return v.post === undefined && v.dev !== undefined ? -1 : 3;
}

function compareLocal(a: Pep440Version['local'], b: Pep440Version['local']): Ordering {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] as Num | string;
    const y = b[i] as Num | string;
    const xs = typeof x === 'string';
    // A numeric segment sorts above an alphanumeric one.
    if (xs !== (typeof y === 'string')) return xs ? -1 : 1;
    const c = cmp(x, y);
    if (c !== 0) return c;
  }
  return cmp(a.length, b.length);
}

/** packaging's `Version` ordering (`_cmpkey`), without allocating. */
export function comparePep440(a: Pep440Version, b: Pep440Version): Ordering {
  let c = cmp(a.epoch, b.epoch) || compareRelease(a.release, b.release);
  if (c !== 0) return c;
  const ra = preRank(a);
  const rb = preRank(b);
  c = cmp(ra, rb);
  if (c !== 0) return c;
  if (ra >= 0 && ra <= 2) c = cmp(a.preN, b.preN);
  if (c !== 0) return c;
  // No post-release sorts below any; no dev release sorts above any.
  c = a.post === undefined || b.post === undefined ? cmp(a.post === undefined ? 0 : 1, b.post === undefined ? 0 : 1) : cmp(a.post, b.post);
  if (c !== 0) return c;
  c = a.dev === undefined || b.dev === undefined ? cmp(a.dev === undefined ? 1 : 0, b.dev === undefined ? 1 : 0) : cmp(a.dev, b.dev);
  return c || compareLocal(a.local, b.local);
}

/**
 * Equality keys (VersionScheme.equalityKeys): the nonzero numbers of each version's text in order,
 * leading zeros dropped, dot-separated (`v1.0.0a01` → `1.1`). Every number of a PEP 440 version
 * (epoch, release, pre/post/dev numbers, numeric local segments) compares as an integer, padding and
 * implicit numbers are zeros, and letters and separators carry no digits, so equal versions always
 * have equal keys (`1.0` = `v1.0.0` = `1.00`; `1.0a1` = `1.0.0-alpha.1`). Computed for the whole list
 * at once with native string operations on the newline-joined list.
 */
export function pep440EqualityKeys(versions: readonly string[]): string[] {
  let joined = versions.join('\n');
  // An entry with a line break of its own would shift the lines: such entries (not PEP 440 anyway,
  // except as surrounding whitespace) get the break read as the separator it is.
  if (joined.split('\n', versions.length + 1).length !== versions.length) joined = versions.map((v) => v.replace(/\n/g, ' ')).join('\n');
  return joined
    .replace(/(?<![0-9])0+/g, '') // leading zeros, and numbers that are zero altogether
    .replace(/[^0-9\n]+/g, '.') // whatever is left between numbers separates them
    .replace(/^\.|\.$/gm, '')
    .split('\n');
}

export function isPrerelease(v: Pep440Version): boolean {
  return v.preKind !== undefined || v.dev !== undefined;
}

/** packaging's `str(Version)`: the normalised form (`1.0-r1` → `1.0.post1`, `1.0ALPHA` → `1.0a0`). */
export function formatPep440(v: Pep440Version): string {
  let s = v.epoch === 0 ? '' : `${v.epoch}!`;
  s += v.release.join('.');
  if (v.preKind !== undefined) s += `${PRE_LETTER[v.preKind]}${v.preN}`;
  if (v.post !== undefined) s += `.post${v.post}`;
  if (v.dev !== undefined) s += `.dev${v.dev}`;
  if (v.local !== undefined) s += `+${v.local.join('.')}`;
  return s;
}

/** The version with some parts replaced (for specifier bounds: `V.dev0`, the public part, ...). */
export function withParts(v: Pep440Version, parts: Partial<Pep440Version>): Pep440Version {
  return { ...v, ...parts };
}
