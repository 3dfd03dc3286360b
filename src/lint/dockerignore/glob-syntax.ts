/**
 * The syntax check `patternmatcher.New` runs on every pattern: Go's `filepath.Match(pattern, ".")`,
 * which (since Go 1.16) validates the whole pattern. Only its error cases matter here:
 *  - a `\` with nothing after it;
 *  - a character class `[...]` that is unterminated, empty, or has an element starting with `-` or
 *    `]` (so `[]a]`, `[^]`, `[-a]` and `[a-]` are all errors), or a `\` at its very end.
 * Returns undefined when the pattern is valid, else the reason.
 */
export function globSyntaxError(pattern: string): string | undefined {
  const cps = Array.from(pattern);
  let i = 0;
  while (i < cps.length) {
    const c = cps[i];
    if (c === '\\') {
      if (i + 1 >= cps.length) return 'syntax error in pattern (trailing "\\")';
      i += 2;
    } else if (c === '[') {
      const end = classEnd(cps, i + 1);
      if (end === undefined) return 'syntax error in pattern (bad character class)';
      i = end;
    } else {
      i++;
    }
  }
  return undefined;
}

/** Parses a class body starting after `[`; returns the index after its closing `]`, or undefined. */
function classEnd(cps: readonly string[], start: number): number | undefined {
  let i = start;
  if (cps[i] === '^') i++;
  let ranges = 0;
  for (;;) {
    if (cps[i] === ']' && ranges > 0) return i + 1;
    const lo = classChar(cps, i);
    if (lo === undefined) return undefined;
    i = lo;
    if (cps[i] === '-') {
      const hi = classChar(cps, i + 1);
      if (hi === undefined) return undefined;
      i = hi;
    }
    ranges++;
  }
}

/** Go's getEsc: one (possibly escaped) class character that must be followed by more pattern. */
function classChar(cps: readonly string[], at: number): number | undefined {
  let i = at;
  const c = cps[i];
  if (c === undefined || c === '-' || c === ']') return undefined;
  if (c === '\\') {
    i++;
    if (cps[i] === undefined) return undefined;
  }
  i++;
  return i < cps.length ? i : undefined;
}
