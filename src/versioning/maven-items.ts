import { toNum, type Num } from './semver-core.js';

/**
 * Maven's ComparableVersion (the Maven 4 line, `compat/maven-artifact`), written from its documented
 * behaviour and test suite: a version is a tree of items — numbers, qualifiers, "combinations"
 * (`alpha1`: a qualifier immediately followed by a number) and sub-lists (opened by `-` and by
 * digit↔letter transitions) — normalised by dropping "null" items (0, empty qualifier) where they
 * cannot matter, and compared item by item, a missing item standing for "null".
 *
 * Item kinds are plain tagged objects so comparison allocates nothing.
 */
export const INT = 0;
export const STR = 1;
export const COMB = 2;
export const LIST = 3;

export interface IntItem {
  readonly t: typeof INT;
  readonly n: Num;
}
export interface StrItem {
  readonly t: typeof STR;
  readonly value: string;
  /** Comparable form: the index of a known qualifier, or `7-<qualifier>` after all of them. */
  readonly key: string;
}
export interface CombItem {
  readonly t: typeof COMB;
  readonly str: StrItem;
  readonly num: IntItem;
}
export interface ListItem {
  readonly t: typeof LIST;
  readonly items: Item[];
}
export type Item = IntItem | StrItem | CombItem | ListItem;

const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const RELEASE_QUALIFIERS = new Set(['ga', 'final', 'release']);
/** The key of the empty qualifier: a release. */
const RELEASE_KEY = '5';
const ZERO: IntItem = { t: INT, n: 0 };

function qualifierKey(q: string): string {
  if (RELEASE_QUALIFIERS.has(q)) return RELEASE_KEY;
  const i = QUALIFIERS.indexOf(q);
  return i < 0 ? `${QUALIFIERS.length}-${q}` : String(i);
}

function strItem(text: string, followedByDigit: boolean): StrItem {
  let value = text;
  if (followedByDigit && value.length === 1) value = value === 'a' ? 'alpha' : value === 'b' ? 'beta' : value === 'm' ? 'milestone' : value;
  if (value === 'cr') value = 'rc';
  return { t: STR, value, key: qualifierKey(value) };
}

function intItem(digits: string): IntItem {
  const stripped = digits.replace(/^0+/, '');
  return { t: INT, n: stripped === '' ? 0 : toNum(stripped) };
}

function combItem(text: string): CombItem {
  const i = text.search(/\d/);
  const at = i < 0 ? 0 : i;
  return { t: COMB, str: strItem(text.slice(0, at), true), num: intItem(text.slice(at)) };
}

function parseItem(isCombination: boolean, isDigit: boolean, buf: string): Item {
  if (isCombination) return combItem(buf.replace(/-/g, ''));
  return isDigit ? intItem(buf) : strItem(buf, false);
}

function isNull(item: Item): boolean {
  switch (item.t) {
    case INT:
      return item.n === 0;
    case STR:
      return item.value === '';
    case COMB:
      return false;
    case LIST:
      return item.items.length === 0;
  }
}

/** Drop null items that cannot change the ordering (`1.0-alpha` = `1-alpha`, `1.0` = `1`). */
function normalize(list: ListItem): void {
  const items = list.items;
  for (let i = items.length - 1; i >= 0; i--) {
    if (!isNull(items[i] as Item)) continue;
    const next = items[i + 1];
    if (next === undefined || next.t === STR) items.splice(i, 1);
    else if (next.t === LIST) {
      const first = next.items[0];
      if (first !== undefined && (first.t === COMB || first.t === STR)) items.splice(i, 1);
    }
  }
  const only = items[0];
  if (items.length === 1 && only !== undefined && only.t === LIST) items.splice(0, 1, ...only.items);
}

const isAsciiDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

/** Parse a version into its root list (the caller bounds the length). */
export function parseMavenItems(version: string): ListItem {
  const v = version.toLowerCase();
  const root: ListItem = { t: LIST, items: [] };
  let list = root;
  const stack: ListItem[] = [root];
  const open = (): void => {
    const sub: ListItem = { t: LIST, items: [] };
    list.items.push(sub);
    list = sub;
    stack.push(sub);
  };
  let isDigit = false;
  let isCombination = false;
  let start = 0;
  for (let i = 0; i < v.length; i++) {
    const c = v[i];
    if (c === '.') {
      list.items.push(i === start ? ZERO : parseItem(isCombination, isDigit, v.slice(start, i)));
      isCombination = false;
      start = i + 1;
    } else if (c === '-') {
      if (i === start) list.items.push(ZERO);
      else {
        // `X-1` is read as `X1`
        if (!isDigit && i !== v.length - 1 && isAsciiDigit(v[i + 1])) {
          isCombination = true;
          continue;
        }
        list.items.push(parseItem(isCombination, isDigit, v.slice(start, i)));
      }
      start = i + 1;
      if (list.items.length > 0) open();
      isCombination = false;
    } else if (isAsciiDigit(c)) {
      if (!isDigit && i > start) {
        isCombination = true;
        if (list.items.length > 0) open();
      }
      isDigit = true;
    } else {
      if (isDigit && i > start) {
        list.items.push(parseItem(isCombination, true, v.slice(start, i)));
        start = i;
        open();
        isCombination = false;
      }
      isDigit = false;
    }
  }
  if (v.length > start) {
    // `1.0.0.X1` < `1.0.0-X2`: a trailing `.X` is read as `-X`
    if (!isDigit && list.items.length > 0) open();
    list.items.push(parseItem(isCombination, isDigit, v.slice(start)));
  }
  for (let s = stack.pop(); s !== undefined; s = stack.pop()) normalize(s);
  return root;
}

/** ComparableVersion.getCanonical(). */
export function canonicalOf(item: Item): string {
  switch (item.t) {
    case INT:
      return String(item.n);
    case STR:
      return item.value;
    case COMB:
      return `${item.str.value}${String(item.num.n)}`;
    case LIST: {
      let out = '';
      for (const x of item.items) {
        if (out.length > 0) out += x.t === LIST ? '-' : '.';
        out += canonicalOf(x);
      }
      return out;
    }
  }
}

const sgn = (a: Num | string, b: Num | string): number => (a < b ? -1 : a > b ? 1 : 0);

/** An item against "nothing" (the shorter side of a comparison). */
function cmpNull(a: Item): number {
  switch (a.t) {
    case INT:
      return a.n === 0 ? 0 : 1;
    case STR:
      return sgn(a.key, RELEASE_KEY);
    case COMB: {
      // `1-rc1` < `1`; `1-ga1` > `1` (the number decides when the qualifier is a release one)
      const r = cmpNull(a.str);
      return r === 0 ? cmpNull(a.num) : r;
    }
    case LIST:
      for (const x of a.items) {
        const r = cmpNull(x);
        if (r !== 0) return r;
      }
      return 0;
  }
}

function cmpInt(a: IntItem, b: Item): number {
  return b.t === INT ? sgn(a.n, b.n) : 1; // `1.1` > `1-sp`, `1.1` > `1-1`
}

function cmpStr(a: StrItem, b: Item): number {
  switch (b.t) {
    case INT:
      return -1;
    case STR:
      return sgn(a.key, b.key);
    case COMB: {
      const r = cmpStr(a, b.str);
      if (r !== 0) return r;
      return cmpNull(a) === 0 ? -cmpNull(b.num) : -1;
    }
    case LIST:
      return -cmpList(b, a);
  }
}

function cmpComb(a: CombItem, b: Item): number {
  switch (b.t) {
    case INT:
      return -1;
    case STR: {
      const r = cmpStr(a.str, b);
      if (r !== 0) return r;
      return cmpNull(a.str) === 0 ? cmpNull(a.num) : 1; // `X1` > `X`
    }
    case COMB: {
      const r = cmpStr(a.str, b.str);
      return r !== 0 ? r : cmpInt(a.num, b.num);
    }
    case LIST:
      return -cmpList(b, a);
  }
}

function cmpList(a: ListItem, b: Item): number {
  switch (b.t) {
    case INT:
      return -1; // `1-1` < `1.0.x`
    case STR:
    case COMB: {
      const first = a.items[0];
      let r = first === undefined ? -cmpNull(b) : cmpItem(first, b);
      for (let i = 1; r === 0 && i < a.items.length; i++) r = cmpNull(a.items[i] as Item);
      return r;
    }
    case LIST: {
      const n = Math.max(a.items.length, b.items.length);
      for (let i = 0; i < n; i++) {
        const l = a.items[i];
        const r = b.items[i];
        const c = l === undefined ? (r === undefined ? 0 : -cmpNull(r)) : r === undefined ? cmpNull(l) : cmpItem(l, r);
        if (c !== 0) return c;
      }
      return 0;
    }
  }
}

export function cmpItem(a: Item, b: Item): number {
  switch (a.t) {
    case INT:
      return cmpInt(a, b);
    case STR:
      return cmpStr(a, b);
    case COMB:
      return cmpComb(a, b);
    case LIST:
      return cmpList(a, b);
  }
}
