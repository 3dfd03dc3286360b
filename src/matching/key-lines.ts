/**
 * Searching a list kept as one string of lines (the advisory DB's stored equality keys, one per listed
 * version, joined by "\n") without splitting it: a scan consults hundreds of such lists once each.
 */

/** How many lines `text` holds ("" is one empty line). */
export function lineCount(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** The indexes of the lines of `text` equal to `line`, in order. */
export function equalLines(text: string, line: string): number[] {
  const out: number[] = [];
  if (line === '') {
    for (let index = 0, start = 0; ; index++) {
      const nl = text.indexOf('\n', start);
      if ((nl < 0 ? text.length : nl) === start) out.push(index);
      if (nl < 0) return out;
      start = nl + 1;
    }
  }
  let index = 0;
  let counted = 0; // the lines before `counted` are in `index`
  for (let p = text.indexOf(line); p >= 0; p = text.indexOf(line, p + 1)) {
    const end = p + line.length;
    if ((p > 0 && text.charCodeAt(p - 1) !== 10) || (end < text.length && text.charCodeAt(end) !== 10)) continue;
    for (let nl = text.indexOf('\n', counted); nl >= 0 && nl < p; nl = text.indexOf('\n', nl + 1)) {
      index++;
      counted = nl + 1;
    }
    out.push(index);
  }
  return out;
}
