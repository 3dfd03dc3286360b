/**
 * The security tracker's text list syntax, shared by `data/CVE/list` and the `data/DSA/list` /
 * `data/DLA/list` advisory lists: a header line at column 0, then indented annotation lines:
 *
 *   [bookworm] - openssl 3.0.13-1~deb12u1        fixed in a release (no `[release]` = unstable)
 *   - apt <unfixed> (unimportant; bug #642480)   a pseudo-version; `(...)` holds urgency / bug flags
 *   [buster] - glibc <not-affected> (reason)     no-dsa / not-affected / end-of-life / ignored /
 *                                                postponed take free text in the parentheses
 *   {DSA-5673-1 DLA-3807-1}                      cross references
 *   NOTE: text / TODO: text / NOT-FOR-US: text
 *   RESERVED / REJECTED
 *
 * `- pkg` without a version is `<unfixed>` (the tracker's own reading). Problems are reported with
 * line numbers through `warn`; a bad line is skipped, never fatal.
 */

export type ListKind =
  | 'fixed'
  | 'unfixed'
  | 'removed'
  | 'itp'
  | 'undetermined'
  | 'no-dsa'
  | 'not-affected'
  | 'end-of-life'
  | 'ignored'
  | 'postponed';

const FREE_TEXT_KINDS: ReadonlySet<string> = new Set(['no-dsa', 'not-affected', 'end-of-life', 'ignored', 'postponed']);
const FLAG_KINDS: ReadonlySet<string> = new Set(['unfixed', 'removed', 'itp', 'undetermined']);
const URGENCIES: ReadonlySet<string> = new Set(['unimportant', 'low', 'medium', 'high']);

export interface PackageAnnotation {
  type: 'package';
  line: number;
  /** Codename; undefined = unstable (sid). */
  release?: string;
  package: string;
  kind: ListKind;
  /** The fixed version (kind `fixed` only). */
  version?: string;
  urgency?: string;
  bugs: number[];
  /** Free text: the reason given with no-dsa / not-affected / ignored / postponed / end-of-life. */
  description?: string;
}

export type Annotation =
  | PackageAnnotation
  | { type: 'xref'; line: number; ids: string[] }
  | { type: 'flag'; line: number; flag: 'RESERVED' | 'REJECTED' }
  | { type: 'text'; line: number; label: 'NOT-FOR-US' | 'NOTE' | 'TODO'; text: string };

/** One header with its annotations. `match` is the header regex's match. */
export interface ListBlock {
  line: number;
  match: RegExpExecArray;
  annotations: Annotation[];
}

export type Warn = (message: string) => void;

const PKG = String.raw`(?:\[([a-z]+)\]\s+)?-\s+([A-Za-z0-9][A-Za-z0-9:.+-]*)`;
const PKG_VERSION = new RegExp(String.raw`^${PKG}(?:\s+([A-Za-z0-9:][A-Za-z0-9:.+~-]*))?(?:\s+\((.*)\))?$`);
const PKG_PSEUDO = new RegExp(String.raw`^${PKG}\s+<([a-z-]+)>(?:\s+\((.*)\))?$`);

interface InnerFlags {
  urgency?: string;
  bugs: number[];
  unknown: string[];
}

function parseInner(inner: string | undefined): InnerFlags {
  const flags: InnerFlags = { bugs: [], unknown: [] };
  if (inner === undefined || inner.trim() === '') return flags;
  for (const raw of inner.split(';')) {
    const part = raw.trim();
    const bug = /^bug #(\d+)$/.exec(part);
    if (bug?.[1] !== undefined) flags.bugs.push(Number(bug[1]));
    else if (URGENCIES.has(part) && flags.urgency === undefined) flags.urgency = part;
    else flags.unknown.push(part);
  }
  return flags;
}

function packageAnnotation(
  line: number,
  release: string | undefined,
  pkg: string,
  kind: ListKind,
  rest: { version?: string | undefined; inner?: string | undefined },
): PackageAnnotation | string {
  const ann: PackageAnnotation = { type: 'package', line, package: pkg, kind, bugs: [] };
  if (release !== undefined) ann.release = release;
  if (rest.version !== undefined) ann.version = rest.version;
  if (FREE_TEXT_KINDS.has(kind)) {
    if (rest.inner !== undefined && rest.inner.trim() !== '') ann.description = rest.inner.trim();
    return ann;
  }
  const flags = parseInner(rest.inner);
  ann.bugs = flags.bugs;
  if (flags.urgency !== undefined) ann.urgency = flags.urgency;
  if (flags.unknown.length > 0) return `invalid inner annotation ${JSON.stringify(flags.unknown.join('; '))}`;
  if (kind === 'itp' && ann.bugs.length === 0) return '<itp> needs a Debian bug reference';
  return ann;
}

/** One indented line (already known to start with whitespace); a string is the problem found. */
export function parseAnnotation(text: string, line: number): Annotation | string {
  const t = text.trim();
  if (t === 'RESERVED' || t === 'REJECTED') return { type: 'flag', line, flag: t };
  const label = /^(NOT-FOR-US|NOTE|TODO):(?:\s+(.*))?$/.exec(t);
  if (label) return { type: 'text', line, label: label[1] as 'NOT-FOR-US' | 'NOTE' | 'TODO', text: (label[2] ?? '').trim() };
  const xref = /^\{(.*)\}$/.exec(t);
  if (xref) {
    const ids = (xref[1] ?? '').split(/\s+/).filter((s) => s !== '');
    return ids.length > 0 ? { type: 'xref', line, ids } : 'empty cross-reference';
  }
  const pseudo = PKG_PSEUDO.exec(t);
  if (pseudo) {
    const [, release, pkg = '', kind = '', inner] = pseudo;
    if (!FREE_TEXT_KINDS.has(kind) && !FLAG_KINDS.has(kind)) return `invalid pseudo-version <${kind}>`;
    return packageAnnotation(line, release, pkg, kind as ListKind, { inner });
  }
  const fixed = PKG_VERSION.exec(t);
  if (fixed) {
    const [, release, pkg = '', version, inner] = fixed;
    return packageAnnotation(line, release, pkg, version === undefined ? 'unfixed' : 'fixed', { version, inner });
  }
  return 'invalid annotation';
}

/**
 * Split a list into header blocks. Headers that do not match `header` are reported once and their
 * annotations skipped; duplicate `[release] - package` lines in one block are reported and dropped.
 */
export function parseBlocks(text: string, source: string, header: RegExp, warn: Warn): ListBlock[] {
  const blocks: ListBlock[] = [];
  let current: ListBlock | undefined;
  let skipping = false;
  let seen = new Set<string>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = (lines[i] ?? '').replace(/\r$/, '');
    const lineNo = i + 1;
    if (raw.trim() === '') continue;
    if (!/^\s/.test(raw)) {
      const m = header.exec(raw);
      current = m ? { line: lineNo, match: m, annotations: [] } : undefined;
      skipping = !m;
      seen = new Set();
      if (current) blocks.push(current);
      else warn(`${source}:${lineNo}: malformed header ${JSON.stringify(raw.slice(0, 80))}; entry skipped`);
      continue;
    }
    if (skipping) continue;
    if (!current) {
      warn(`${source}:${lineNo}: annotation before any header; skipped`);
      continue;
    }
    const ann = parseAnnotation(raw, lineNo);
    if (typeof ann === 'string') {
      warn(`${source}:${lineNo}: ${ann}: ${JSON.stringify(raw.trim().slice(0, 120))}; line skipped`);
      continue;
    }
    if (ann.type === 'package') {
      const key = `${ann.release ?? ''} ${ann.package}`;
      if (seen.has(key)) {
        warn(`${source}:${lineNo}: duplicate annotation for ${ann.release ?? 'unstable'} ${ann.package}; line skipped`);
        continue;
      }
      seen.add(key);
    }
    current.annotations.push(ann);
  }
  return blocks;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `01`, `Jul`, `2024` → `2024-07-01T00:00:00Z`, or undefined when it is not a real date. */
export function listDate(day: string, month: string, year: string): string | undefined {
  const m = MONTHS.indexOf(month);
  const d = Number(day);
  const y = Number(year);
  if (m < 0 || !Number.isInteger(d) || d < 1 || d > 31) return undefined;
  const date = new Date(Date.UTC(y, m, d));
  if (date.getUTCDate() !== d) return undefined;
  return date.toISOString().replace('.000Z', 'Z');
}
