/**
 * Parser directives (`# syntax=`, `# escape=`, `# check=`): BuildKit reads them only from the lines at
 * the very top, each matching `^#\s*NAME\s*=\s*VALUE\s*$` (leading whitespace of the line ignored,
 * NAME case-insensitive); the first line that is not a known directive — an instruction, a blank line,
 * any other comment — ends the directive block.
 */

export const DIRECTIVE_NAMES: ReadonlySet<string> = new Set(['syntax', 'escape', 'check']);

export interface DirectiveMatch {
  /** Lower-cased name. */
  readonly name: string;
  readonly value: string;
  /** Index in `line` of the value's first and past-last characters. */
  readonly valueStart: number;
  readonly valueEnd: number;
}

/** Go's `\s` in RE2: space, \t, \n, \f, \r (not \v). */
function isReSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 12 || c === 13;
}

function isAlpha(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Matches a directive in `line[from, to)` (from = first non-blank character). Returns undefined when the
 * line is not of directive form or names an unknown directive (which ends the directive block).
 */
export function matchDirective(line: string, from: number, to: number): DirectiveMatch | undefined {
  if (from >= to || line.charCodeAt(from) !== 35 /* # */) return undefined;
  let i = from + 1;
  while (i < to && isReSpace(line.charCodeAt(i))) i++;
  const nameStart = i;
  if (i >= to || !isAlpha(line.charCodeAt(i))) return undefined;
  i++;
  while (i < to && (isAlpha(line.charCodeAt(i)) || isDigit(line.charCodeAt(i)))) i++;
  const name = line.slice(nameStart, i).toLowerCase();
  while (i < to && isReSpace(line.charCodeAt(i))) i++;
  if (i >= to || line.charCodeAt(i) !== 61 /* = */) return undefined;
  i++;
  while (i < to && isReSpace(line.charCodeAt(i))) i++;
  let end = to;
  while (end > i && isReSpace(line.charCodeAt(end - 1))) end--;
  if (end <= i || !DIRECTIVE_NAMES.has(name)) return undefined;
  return { name, value: line.slice(i, end), valueStart: i, valueEnd: end };
}
