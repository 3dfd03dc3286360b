/**
 * Go RE2 syntax (gitleaks and Trivy rule files) → an equivalent JavaScript RegExp source.
 *
 * The scanner matches over content decoded as latin1 (one char per byte, so offsets are byte offsets),
 * which is the domain this translation is exact for on ASCII and approximate beyond it:
 *  - flags: `(?i)`, `(?i:…)`, `(?-i:…)`, `(?s)`, `(?m)`, `(?U)` anywhere, scoped like Go (a bare `(?i)`
 *    lasts to the end of its group, across `|`). Node 20 has no inline modifiers, so a pattern that is
 *    case-insensitive throughout gets the JS `i` flag and every other one is expanded (`k` → `[kK]`).
 *  - `.` → `[^\n]` (Go's dot matches `\r`), `\s` → `[\t\n\f\r ]` (Go's ASCII set), `\A`/`\z`/`^`/`$`
 *    as Go means them, POSIX classes `[[:alnum:]]`, `(?P<name>…)`/`(?<name>…)` (duplicate names are
 *    fine: groups are numbered and the names kept in `groupNames`), `\Q…\E`, octal and `\x{…}`.
 *  - non-ASCII literals become their UTF-8 bytes; a class with non-ASCII members also accepts every
 *    byte ≥ 0x80 (approximation); `\pL`/`\pN` likewise.
 *  - what RE2 itself rejects (look-around, back-references, possessive or nested quantifiers, `\Z`,
 *    unknown escapes or flags) is an AppError('INPUT') naming the rule.
 */
import { AppError } from '../core/errors.js';
import { CharSet } from './charset.js';
import { charEscapeAt, escapeLiteral, hexEscape, perlClassAt, posixClassAt, quantifierAt, unicodeClassAt, type Lexed } from './re2-lex.js';

export interface TranslatedRegex {
  readonly source: string;
  /** '' or 'i' (case-insensitive throughout); never `g`/`m`/`s`/`u`. */
  readonly flags: '' | 'i';
  readonly groupCount: number;
  /** Named groups → their 1-based group numbers (Go allows one name on several groups). */
  readonly groupNames: ReadonlyMap<string, readonly number[]>;
}

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
  U: boolean;
}

interface Atom {
  readonly text: string;
  /** One JS atom (a quantifier may follow it directly) rather than a sequence. */
  readonly single: boolean;
  /** Something a quantifier may apply to (Go: not empty, not a flag group). */
  readonly repeatable: boolean;
  /** Text before the atom that a quantifier does not apply to (`\Qab\E+` is `ab+`). */
  readonly prefix?: string;
}

const GO_SPACE = '[\\t\\n\\f\\r ]';

/**
 * Translate one Go pattern; `who` names the rule (or file) in error messages. `useFlag: false` never
 * uses the JS `i` flag (for patterns compiled without flags: paths, allow-lists).
 */
export function translateRe2(pattern: string, who: string, useFlag = true): TranslatedRegex {
  const globalI = useFlag && /^\(\?[imsU]*i[imsU]*\)/.test(pattern) && !/\(\?[imsU]*-[imsU]*i/.test(pattern);
  const parser = new Re2Parser(pattern, who, globalI);
  const source = parser.parse();
  const flags = globalI ? 'i' : '';
  try {
    new RegExp(source, flags);
  } catch (err) {
    throw new AppError('INPUT', `${who}: regex ${JSON.stringify(pattern)} has no JavaScript equivalent: ${(err as Error).message}`);
  }
  return { source, flags, groupCount: parser.groupCount, groupNames: parser.names };
}

class Re2Parser {
  private pos = 0;
  groupCount = 0;
  readonly names = new Map<string, number[]>();

  constructor(
    private readonly src: string,
    private readonly who: string,
    /** The whole pattern is case-insensitive: emit literals as-is and let the JS `i` flag fold. */
    private readonly globalI: boolean,
  ) {}

  parse(): string {
    const out = this.alternation({ i: this.globalI, m: false, s: false, U: false });
    if (this.pos < this.src.length) this.fail('unmatched )');
    return out;
  }

  fail(message: string): never {
    throw new AppError('INPUT', `${this.who}: invalid regex ${JSON.stringify(this.src)}: ${message} (at offset ${this.pos})`);
  }

  private peek(offset = 0): string {
    return this.src[this.pos + offset] ?? '';
  }

  /** Consume a lexed construct (or fail with its error). */
  private take<T>(lexed: Lexed<T>): T {
    if ('error' in lexed) return this.fail(lexed.error);
    this.pos += lexed.length;
    return lexed.value;
  }

  /** Branches up to a `)` or the end; `flags` is the group's scope and mutated by bare `(?flags)`. */
  private alternation(flags: Flags): string {
    const branches = [this.concat(flags)];
    while (this.peek() === '|') {
      this.pos++;
      branches.push(this.concat(flags));
    }
    return branches.join('|');
  }

  private concat(flags: Flags): string {
    let out = '';
    while (this.pos < this.src.length && this.peek() !== '|' && this.peek() !== ')') {
      const atom = this.atom(flags);
      out += this.quantified(atom, flags);
    }
    return out;
  }

  private quantified(atom: Atom, flags: Flags): string {
    const prefix = atom.prefix ?? '';
    const q = this.quantifier();
    if (q === undefined) return prefix + atom.text;
    if (!atom.repeatable) this.fail('missing argument to repetition operator');
    let lazy = false;
    if (this.peek() === '?') {
      lazy = true;
      this.pos++;
    }
    const at = this.pos;
    if (this.quantifier() !== undefined) {
      this.pos = at;
      this.fail(this.src[at] === '+' ? 'possessive quantifiers are not supported' : 'invalid nested repetition operator');
    }
    if (flags.U) lazy = !lazy;
    const base = atom.single ? atom.text : `(?:${atom.text})`;
    return prefix + base + q + (lazy ? '?' : '');
  }

  /** A quantifier at the current position (consumed), or undefined. */
  private quantifier(): string | undefined {
    const q = quantifierAt(this.src, this.pos);
    return q === undefined ? undefined : this.take(q);
  }

  private atom(flags: Flags): Atom {
    const c = this.peek();
    switch (c) {
      case '(':
        return this.group(flags);
      case '[':
        return { text: this.charClass(flags), single: true, repeatable: true };
      case '.':
        this.pos++;
        return { text: flags.s ? '[\\s\\S]' : '[^\\n]', single: true, repeatable: true };
      case '^':
        this.pos++;
        return { text: flags.m ? '(?<![^\\n])' : '(?<![\\s\\S])', single: true, repeatable: true };
      case '$':
        this.pos++;
        return { text: flags.m ? '(?![^\\n])' : '(?![\\s\\S])', single: true, repeatable: true };
      case '\\':
        return this.escape(flags);
      case '*':
      case '+':
      case '?':
        return this.fail('missing argument to repetition operator');
      default: {
        const cp = this.src.codePointAt(this.pos) ?? 0;
        this.pos += cp > 0xffff ? 2 : 1;
        return this.literal(cp, flags);
      }
    }
  }

  private literal(cp: number, flags: Flags): Atom {
    if (cp >= 0x80) {
      const bytes = [...Buffer.from(String.fromCodePoint(cp), 'utf8')];
      return { text: bytes.map(hexEscape).join(''), single: bytes.length === 1, repeatable: true };
    }
    const ch = String.fromCharCode(cp);
    if (flags.i && !this.globalI && /[a-zA-Z]/.test(ch)) return { text: `[${ch.toLowerCase()}${ch.toUpperCase()}]`, single: true, repeatable: true };
    return { text: escapeLiteral(cp), single: true, repeatable: true };
  }

  private group(flags: Flags): Atom {
    this.pos++; // (
    if (this.peek() !== '?') return this.capture(flags, undefined);
    const rest = this.src.slice(this.pos);
    const named = /^\?P?<([A-Za-z0-9_]+)>/.exec(rest);
    if (named) {
      this.pos += named[0].length;
      return this.capture(flags, named[1] ?? '');
    }
    if (/^\?(=|!|<=|<!)/.test(rest)) this.fail('look-around assertions are not supported by RE2');
    if (rest.startsWith('?P=') || rest.startsWith('?P>')) this.fail('back-references are not supported by RE2');
    const m = /^\?([a-zA-Z]*)(?:(-)([a-zA-Z]*))?([:)])/.exec(rest);
    if (!m || (m[2] === '-' && m[3] === '') || (m[4] === ')' && m[1] === '' && m[2] === undefined)) this.fail('invalid or unsupported group syntax');
    const scoped = { ...flags };
    this.setFlags(scoped, m[1] ?? '', true);
    this.setFlags(scoped, m[3] ?? '', false);
    this.pos += m[0].length;
    if (m[4] === ')') {
      Object.assign(flags, scoped); // (?i): to the end of the current group
      return { text: '', single: false, repeatable: false };
    }
    const inner = this.alternation(scoped);
    this.close();
    return { text: `(?:${inner})`, single: true, repeatable: true };
  }

  private setFlags(flags: Flags, letters: string, on: boolean): void {
    for (const f of letters) {
      if (f !== 'i' && f !== 'm' && f !== 's' && f !== 'U') this.fail(`unknown flag ${f}`);
      if (f === 'i' && this.globalI && !on) this.fail('internal: case-insensitive pattern turns i off');
      flags[f] = on;
    }
  }

  private capture(flags: Flags, name: string | undefined): Atom {
    const index = ++this.groupCount;
    if (name !== undefined) this.names.set(name, [...(this.names.get(name) ?? []), index]);
    const inner = this.alternation({ ...flags });
    this.close();
    return { text: `(${inner})`, single: true, repeatable: true };
  }

  private close(): void {
    if (this.peek() !== ')') this.fail('missing closing )');
    this.pos++;
  }

  private escape(flags: Flags): Atom {
    const c = this.peek(1);
    if (c === 'Q') return this.quoted(flags);
    const single = (text: string): Atom => ({ text, single: true, repeatable: true });
    switch (c) {
      case 'A':
        this.pos += 2;
        return single('(?<![\\s\\S])');
      case 'z':
        this.pos += 2;
        return single('(?![\\s\\S])');
      case 'b':
      case 'B':
        this.pos += 2;
        return single(`\\${c}`);
      case 's':
        this.pos += 2;
        return single(GO_SPACE);
      case 'S':
        this.pos += 2;
        return single('[^\\t\\n\\f\\r ]');
      case 'd':
      case 'D':
      case 'w':
      case 'W':
        this.pos += 2;
        return single(`\\${c}`);
      default: {
        const set = unicodeClassAt(this.src, this.pos);
        if (set !== undefined) return single(this.emitSet(this.take(set), flags));
        return this.literal(this.take(charEscapeAt(this.src, this.pos)), flags);
      }
    }
  }

  /** `\Q…\E` (or to the end): every char literal. */
  private quoted(flags: Flags): Atom {
    this.pos += 2;
    const end = this.src.indexOf('\\E', this.pos);
    const text = this.src.slice(this.pos, end < 0 ? undefined : end);
    this.pos = end < 0 ? this.src.length : end + 2;
    const parts = [...text].map((ch) => this.literal(ch.codePointAt(0) ?? 0, flags));
    const last = parts.pop();
    if (last === undefined) return { text: '', single: false, repeatable: false };
    return { ...last, prefix: parts.map((p) => p.text).join('') };
  }

  private charClass(flags: Flags): string {
    this.pos++; // [
    let negate = false;
    if (this.peek() === '^') {
      negate = true;
      this.pos++;
    }
    const set = new CharSet();
    let first = true;
    while (this.peek() !== ']' || first) {
      if (this.pos >= this.src.length) this.fail('missing closing ]');
      first = false;
      const posix = posixClassAt(this.src, this.pos);
      if (posix !== undefined) {
        set.addSet(this.take(posix));
        continue;
      }
      const lo = this.classItem(set);
      if (lo === undefined) continue;
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== '') {
        this.pos++;
        const hi = this.classItem(undefined);
        if (hi === undefined || hi < lo) this.fail('invalid character class range');
        set.addRange(lo, hi);
      } else {
        set.addRange(lo, lo);
      }
    }
    this.pos++; // ]
    if (flags.i) set.foldAsciiCase();
    return this.emitClass(negate ? set.complement() : set);
  }

  /** One class member: a code point, or (when `into` is given) a set escape added to `into` (→ undefined). */
  private classItem(into: CharSet | undefined): number | undefined {
    if (this.peek() !== '\\') {
      const cp = this.src.codePointAt(this.pos) ?? 0;
      this.pos += cp > 0xffff ? 2 : 1;
      return cp;
    }
    const set = perlClassAt(this.src, this.pos) ?? unicodeClassAt(this.src, this.pos);
    if (set !== undefined) {
      if (into === undefined) this.fail('invalid character class range');
      into.addSet(this.take(set));
      return undefined;
    }
    if (this.peek(1) === 'b') this.fail('invalid escape \\b in character class');
    return this.take(charEscapeAt(this.src, this.pos));
  }

  private emitSet(set: CharSet, flags: Flags): string {
    if (flags.i) set.foldAsciiCase();
    return this.emitClass(set);
  }

  private emitClass(set: CharSet): string {
    return set.toClassSource();
  }
}
