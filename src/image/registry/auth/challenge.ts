/** One authentication challenge from a `WWW-Authenticate` header (RFC 9110 §11.6.1). */
export interface Challenge {
  /** Lowercased scheme: `basic`, `bearer`, ... */
  scheme: string;
  /** Parameters with lowercased names: realm, service, scope, error, ... */
  params: Record<string, string>;
}

const TOKEN_CHAR = /[A-Za-z0-9!#$%&'*+.^_`|~-]/;

class Cursor {
  i = 0;
  constructor(readonly s: string) {}
  get done(): boolean {
    return this.i >= this.s.length;
  }
  peek(): string {
    return this.s[this.i] ?? '';
  }
  skipSpace(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.i++;
  }
  skipSeparators(): void {
    while (this.peek() === ' ' || this.peek() === '\t' || this.peek() === ',') this.i++;
  }
  token(): string {
    const start = this.i;
    while (!this.done && TOKEN_CHAR.test(this.peek())) this.i++;
    return this.s.slice(start, this.i);
  }
  /** An unquoted value: lenient, since some servers send URLs without quotes. */
  bare(): string {
    const start = this.i;
    while (!this.done && !/[\s,]/.test(this.peek())) this.i++;
    return this.s.slice(start, this.i);
  }
  quoted(): string {
    this.i++; // opening quote
    let out = '';
    while (!this.done && this.peek() !== '"') {
      if (this.peek() === '\\') this.i++;
      out += this.peek();
      this.i++;
    }
    this.i++; // closing quote
    return out;
  }
}

/** Read `name=value` parameters until the next challenge (a token not followed by `=`) or the end. */
function readParams(c: Cursor, params: Record<string, string>): void {
  for (;;) {
    c.skipSeparators();
    const start = c.i;
    const name = c.token();
    if (name === '') return;
    c.skipSpace();
    if (c.peek() !== '=') {
      c.i = start;
      return;
    }
    c.i++;
    c.skipSpace();
    params[name.toLowerCase()] = c.peek() === '"' ? c.quoted() : c.bare();
  }
}

/** Parse every challenge in the given header values. Unreadable parts are skipped, never thrown. */
export function parseChallenges(values: string[]): Challenge[] {
  const out: Challenge[] = [];
  for (const value of values) {
    const c = new Cursor(value);
    while (!c.done) {
      c.skipSeparators();
      const scheme = c.token();
      if (scheme === '') {
        c.i++; // an unexpected character: skip it
        continue;
      }
      const challenge: Challenge = { scheme: scheme.toLowerCase(), params: {} };
      readParams(c, challenge.params);
      out.push(challenge);
    }
  }
  return out;
}

/** The challenge we will answer: Bearer is preferred over Basic; other schemes are not supported. */
export function pickChallenge(challenges: Challenge[]): Challenge | undefined {
  return challenges.find((c) => c.scheme === 'bearer') ?? challenges.find((c) => c.scheme === 'basic');
}
