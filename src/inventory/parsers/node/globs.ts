/**
 * Workspace globs as package managers write them in package.json (`packages/*`, `apps/**`,
 * `./tools/cli`, `!packages/private-*`): `*` and `?` within one path segment, `**` across any
 * number of segments. Matching is iterative (no regular expressions, no exponential backtracking).
 */
export function matchesWorkspaces(dir: string, patterns: readonly string[]): boolean {
  let included = false;
  for (const raw of patterns) {
    const negated = raw.startsWith('!');
    const pattern = normalize(negated ? raw.slice(1) : raw);
    if (pattern === '' || !globMatch(pattern.split('/'), dir.split('/'))) continue;
    if (negated) return false;
    included = true;
  }
  return included;
}

function normalize(p: string): string {
  let out = p.trim();
  while (out.startsWith('./')) out = out.slice(2);
  while (out.endsWith('/')) out = out.slice(0, -1);
  return out;
}

/** Segment-wise match; `**` may stand for zero or more segments. */
function globMatch(pattern: string[], path: string[]): boolean {
  let p = 0;
  let s = 0;
  let starP = -1;
  let starS = 0;
  while (s < path.length) {
    if (p < pattern.length && pattern[p] === '**') {
      starP = p++;
      starS = s;
    } else if (p < pattern.length && segmentMatch(pattern[p] as string, path[s] as string)) {
      p++;
      s++;
    } else if (starP >= 0) {
      p = starP + 1;
      s = ++starS;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '**') p++;
  return p === pattern.length;
}

/** `*` any run of characters, `?` one character, within a segment. */
function segmentMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === text[t])) {
      p++;
      t++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = t;
    } else if (star >= 0) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}
