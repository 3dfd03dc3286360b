/**
 * os-release(5) files (`/etc/os-release`, `/usr/lib/os-release`) and the same `KEY=value` shell
 * syntax in `/etc/lsb-release`: one assignment per line, `#` comments, values unquoted or in
 * double quotes (where `\"`, `\\`, `\$` and `` \` `` are escapes) or single quotes (literal).
 * Adjacent quoted/unquoted parts concatenate as in the shell.
 */

export interface OsReleaseResult {
  fields: Record<string, string>;
  /** Lines that are not valid assignments; they are skipped. */
  problems: string[];
}

const KEY_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function parseOsRelease(text: string): OsReleaseResult {
  const result: OsReleaseResult = { fields: {}, problems: [] };
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    const key = eq === -1 ? '' : line.slice(0, eq).trim();
    if (eq === -1 || !KEY_RE.test(key)) {
      result.problems.push(`line ${i + 1}: expected KEY=value, got ${JSON.stringify(line.slice(0, 60))}`);
      continue;
    }
    const value = parseValue(line.slice(eq + 1));
    if (typeof value !== 'string') {
      result.problems.push(`line ${i + 1}: ${value.error}`);
      continue;
    }
    result.fields[key] = value;
  }
  return result;
}

const DOUBLE_QUOTE_ESCAPES = new Set(['"', '\\', '$', '`']);

/** Shell-like word parsing of one value; text after unquoted whitespace must be a comment. */
function parseValue(raw: string): string | { error: string } {
  let out = '';
  let i = 0;
  while (i < raw.length) {
    const c = raw[i] ?? '';
    if (c === '"' || c === "'") {
      const end = findClosing(raw, i + 1, c);
      if (end === -1) return { error: `unterminated ${c === '"' ? 'double' : 'single'} quote` };
      out += c === '"' ? unescapeDouble(raw.slice(i + 1, end)) : raw.slice(i + 1, end);
      i = end + 1;
    } else if (c === '\\' && i + 1 < raw.length) {
      out += raw[i + 1] ?? '';
      i += 2;
    } else if (/\s/.test(c)) {
      const rest = raw.slice(i).trim();
      if (rest !== '' && !rest.startsWith('#')) return { error: `unquoted whitespace in value ${JSON.stringify(raw)}` };
      break;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function findClosing(raw: string, from: number, quote: string): number {
  for (let i = from; i < raw.length; i++) {
    if (quote === '"' && raw[i] === '\\') {
      i++;
      continue;
    }
    if (raw[i] === quote) return i;
  }
  return -1;
}

function unescapeDouble(inner: string): string {
  let out = '';
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i] ?? '';
    const next = inner[i + 1];
    if (c === '\\' && next !== undefined && DOUBLE_QUOTE_ESCAPES.has(next)) {
      out += next;
      i++;
    } else {
      out += c;
    }
  }
  return out;
}
