/**
 * Reading a `.dockerignore` the way BuildKit's reader (moby/patternmatcher `ignorefile.ReadAll`) and
 * `patternmatcher.New` do, step for step:
 *  - lines split on `\n` with one trailing `\r` dropped; a UTF-8 BOM is removed from the first line only;
 *  - a line whose FIRST character is `#` is a comment (`  # x` is the pattern `# x`);
 *  - Go's `strings.TrimSpace` (Unicode spaces, not U+FEFF), blank lines skipped;
 *  - `!` marks an exception; the rest is trimmed again, `filepath.Clean`ed, a leading `/` dropped;
 *  - `patternmatcher.New` then trims and cleans the whole line again (so `!!x` is an exception for `!x`).
 */

/** One line that survived the reader, with the number of the line it came from (1-based). */
export interface RawPattern {
  /** The pattern as the matcher sees it, without the leading `!` of an exception. */
  readonly pattern: string;
  readonly exclusion: boolean;
  readonly line: number;
}

/** Go's unicode.IsSpace set (what strings.TrimSpace removes). */
const GO_SPACE = new Set([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006,
  0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
]);

export function goTrimSpace(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && GO_SPACE.has(s.charCodeAt(start))) start++;
  while (end > start && GO_SPACE.has(s.charCodeAt(end - 1))) end--;
  return s.slice(start, end);
}

/** Go's path/filepath.Clean on a Unix path. */
export function goClean(path: string): string {
  if (path === '') return '.';
  const rooted = path.startsWith('/');
  const out: string[] = [];
  for (const el of path.split('/')) {
    if (el === '' || el === '.') continue;
    if (el === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(el);
  }
  const joined = out.join('/');
  if (rooted) return `/${joined}`;
  return joined === '' ? '.' : joined;
}

/** ignorefile.ReadAll: the pattern strings, `!` re-attached to exceptions. */
function readAll(text: string): Array<{ text: string; line: number }> {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const out: Array<{ text: string; line: number }> = [];
  lines.forEach((rawLine, index) => {
    let line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (index === 0 && line.startsWith('\uFEFF')) line = line.slice(1);
    if (line.startsWith('#')) return;
    let pattern = goTrimSpace(line);
    if (pattern === '') return;
    const invert = pattern.startsWith('!');
    if (invert) pattern = goTrimSpace(pattern.slice(1));
    if (pattern.length > 0) {
      pattern = goClean(pattern);
      if (pattern.length > 1 && pattern.startsWith('/')) pattern = pattern.slice(1);
    }
    out.push({ text: invert ? `!${pattern}` : pattern, line: index + 1 });
  });
  return out;
}

/**
 * The patterns `patternmatcher.New` keeps, in order. Throws a plain Error with the line number for
 * the one pattern moby rejects at this stage (`!` alone); glob syntax is checked by the compiler.
 */
export function readPatterns(text: string): RawPattern[] {
  const out: RawPattern[] = [];
  for (const { text: entry, line } of readAll(text)) {
    let p = goTrimSpace(entry);
    if (p === '') continue;
    p = goClean(p);
    const exclusion = p.startsWith('!');
    if (exclusion) {
      if (p.length === 1) throw new PatternError(line, '!', 'illegal exclusion pattern: "!"');
      p = p.slice(1);
    }
    out.push({ pattern: p, exclusion, line });
  }
  return out;
}

/** A pattern BuildKit would refuse (the build fails); carries the line for the caller's message. */
export class PatternError extends Error {
  constructor(
    readonly line: number,
    readonly pattern: string,
    message: string,
  ) {
    super(message);
    this.name = 'PatternError';
  }
}
