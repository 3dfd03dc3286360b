/** Variable references in instruction text as written: `$NAME`, `${NAME}`, `${NAME:-default}`, … */

export interface VarRef {
  readonly name: string;
  /** Index of the `$` in the text. */
  readonly index: number;
  /** Index just past the name, or past the closing `}` of `${…}`. */
  readonly end: number;
}

const isNameStart = (c: string | undefined): boolean => c !== undefined && ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c === '_');
const isNameChar = (c: string | undefined): boolean => isNameStart(c) || (c !== undefined && c >= '0' && c <= '9');

/**
 * The references BuildKit would expand in `raw` (a word as written): not inside single quotes, not
 * after the escape character. In `${A:-$B}` both A and B are listed.
 */
export function varRefs(raw: string, escape: string): VarRef[] {
  const out: VarRef[] = [];
  let single = false;
  let double = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === "'" && !double) single = !single;
    else if (single) continue;
    else if (c === '"') double = !double;
    else if (c === escape) i++;
    else if (c === '$') {
      const braced = raw[i + 1] === '{';
      let j = braced ? i + 2 : i + 1;
      if (!isNameStart(raw[j])) continue;
      while (isNameChar(raw[j])) j++;
      const name = raw.slice(braced ? i + 2 : i + 1, j);
      const close = braced ? raw.indexOf('}', j) : -1;
      out.push({ name, index: i, end: close < 0 ? j : close + 1 });
    }
  }
  return out;
}
