import { InvalidRangeError, InvalidVersionError, type Ordering, type SchemeId } from './scheme.js';

/**
 * A plain comparator range language for schemes whose ecosystem has no range syntax of its own
 * (strict SemVer, Go modules): comparators `OP VERSION` with OP one of `<` `<=` `>` `>=` `=` `==` `!=`
 * (a bare version means `=`), joined by whitespace or commas (AND) and by `||` (OR):
 * `>=1.2.0 <1.2.5 || >=1.3.0, <1.3.2`. `*` or an empty range matches every version.
 */
export type Op = '<' | '<=' | '>' | '>=' | '=' | '!=';

export interface Comparator<P> {
  readonly op: Op;
  readonly version: P;
}

const COMPARATOR = /^(<=|>=|==|!=|<|>|=)?\s*(\S+)$/;

export function parseComparatorRanges<P>(scheme: SchemeId, range: string, parse: (v: string) => P): Comparator<P>[][] {
  return range.split('||').map((alt) => {
    const text = alt.trim();
    if (text === '' || text === '*') return [];
    // "op version" may be written with a space after the operator: glue them before splitting.
    const tokens = text.replace(/(<=|>=|==|!=|<|>|=)\s+/g, '$1').split(/[\s,]+/).filter((t) => t !== '');
    return tokens.map((token) => {
      const m = COMPARATOR.exec(token);
      if (!m) throw new InvalidRangeError(scheme, range, `bad comparator "${token}"`);
      const op = m[1] === undefined || m[1] === '==' ? '=' : (m[1] as Op);
      return { op, version: parseBound(scheme, range, m[2] ?? '', parse) };
    });
  });
}

/** A version inside a range: a version that does not parse makes the range invalid. */
export function parseBound<P>(scheme: SchemeId, range: string, text: string, parse: (v: string) => P): P {
  try {
    return parse(text);
  } catch (err) {
    if (err instanceof InvalidVersionError) throw new InvalidRangeError(scheme, range, err.message);
    throw err;
  }
}

/** Does an ordering `version ⋚ bound` satisfy `op`? */
export function opHolds(op: Op, c: Ordering): boolean {
  switch (op) {
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    case '>=':
      return c >= 0;
    case '=':
      return c === 0;
    case '!=':
      return c !== 0;
  }
}

export function satisfiesComparatorRanges<P>(version: P, ranges: readonly Comparator<P>[][], compare: (a: P, b: P) => Ordering): boolean {
  return ranges.some((all) => all.every((c) => opHolds(c.op, compare(version, c.version))));
}
