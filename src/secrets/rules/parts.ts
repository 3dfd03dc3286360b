/**
 * Pattern pieces shared by the built-in rules (JavaScript RegExp sources over latin1 text).
 */

/** What may follow a token: a quote, backtick, whitespace, `;`, an escaped `\n`/`\r`, or the end (gitleaks' convention). */
export const TOKEN_END = String.raw`(?:[\x60'"\s;]|\\[nr]|$)`;

/**
 * Between a key name and its value: more identifier chars, then `=`, `:`, `=>`, `:=`, `?=`, `||`, `,`
 * or `>` (XML), quotes and spaces — `api_key = "…"`, `"token": "…"`, `<token>…`, `TOKEN ?= …`.
 */
export const ASSIGN = String.raw`[ \t\w.-]{0,20}[\s'"]{0,3}(?:=|>|:{1,3}=|\|\||:|=>|\?=|,)[\x60'"\s=]{0,5}`;

/**
 * `<name><assignment><value>`: the value (group 1) must follow one of `names` (an alternation). Use
 * with `flags: 'i'` and `identifierPrefix: true`; also `anchored: true` when the keywords are the names.
 */
export function assigned(names: string, value: string): string {
  return `(?:${names})${ASSIGN}(${value})${TOKEN_END}`;
}

/** A case-insensitive spelling of an ASCII word for patterns that are case-sensitive elsewhere (`key` → `[kK][eE][yY]`). */
export function anyCase(word: string): string {
  return word.replace(/[a-z]/gi, (c) => `[${c.toLowerCase()}${c.toUpperCase()}]`);
}

/** Not preceded by a letter, digit or `_` (a token glued to a longer word is not that token). */
export const NOT_AFTER_WORD = '(?<![0-9A-Za-z_])';
