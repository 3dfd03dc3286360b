/**
 * Escaping for every output a writer produces. Advisory text (summaries, references, package names
 * from the image) is untrusted: it may hold markup, Markdown table syntax, terminal escape sequences
 * or characters XML cannot carry.
 */

const HTML: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML[c] ?? c);
}

/**
 * Text for XML content and attributes: the five entities, control characters XML 1.0 forbids
 * replaced by U+FFFD, and tabs/newlines in attributes as character references (so they survive
 * attribute-value normalisation).
 */
export function escapeXml(text: string, attribute = false): string {
  // eslint-disable-next-line no-control-regex
  let out = text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '\uFFFD').replace(/[\uD800-\uDFFF]/g, (c, i: number, s: string) => {
    const code = c.charCodeAt(0);
    const next = s.charCodeAt(i + 1);
    const prev = s.charCodeAt(i - 1);
    if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) return c;
    if (code >= 0xdc00 && prev >= 0xd800 && prev <= 0xdbff) return c;
    return '\uFFFD';
  });
  out = out.replace(/[&<>"']/g, (c) => HTML[c] ?? c);
  return attribute ? out.replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;') : out;
}

/**
 * Text for a GitHub-flavoured Markdown table cell or inline text: no raw HTML (`<`, `>`, `&`
 * escaped as entities), the characters that start emphasis, code, links, strike-through and table
 * cells backslash-escaped (`\ \` * _ [ ] | ~`), line breaks flattened to spaces.
 */
export function escapeMarkdown(text: string): string {
  return oneLine(text)
    .replace(/[&<>]/g, (c) => HTML[c] ?? c)
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`);
}

/** escapeMarkdown for text that stands as its own paragraph: a leading heading/list/quote marker is escaped too. */
export function escapeMarkdownBlock(text: string): string {
  return escapeMarkdown(text)
    .replace(/^([#+=-])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/** Newlines, tabs and other control characters collapsed to single spaces; trimmed. */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/** Terminal-safe text: control characters (ANSI escape sequences included) can never reach a TTY. */
export function terminalSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return oneLine(text.replace(/\u001B\[[0-9;?]*[ -/]*[@-~]/g, ''));
}

/**
 * An absolute http(s) URL, normalised and valid per RFC 3986, safe to put in an href; undefined for
 * anything else (javascript:, data:, relative or malformed URLs).
 */
export function safeUrl(text: string): string | undefined {
  const t = text.trim();
  if (!/^https?:\/\//i.test(t)) return undefined;
  try {
    const u = new URL(t);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    // WHATWG URLs keep characters RFC 3986 does not allow (`|`, `^`, `{`, ...): percent-encode them.
    const rest = u.href.slice(`${u.protocol}//${u.host}`.length).replace(/[^A-Za-z0-9\-._~:/?#@!$&'()*+,;=%]/g, (c) =>
      [...Buffer.from(c, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
    );
    return `${u.protocol}//${u.host}${rest}`;
  } catch {
    return undefined;
  }
}
