/**
 * The syntax of yarn v1's yarn.lock: `# comments`, top-level entries opened by a list of keys
 * ending in `:`, and indented `key value` pairs or `key:` blocks:
 *
 *   "@babel/code-frame@^7.0.0", "@babel/code-frame@^7.10.4":
 *     version "7.12.13"
 *     dependencies:
 *       "@babel/highlight" "^7.12.13"
 *
 * Keys and values are bare words or double-quoted strings (JSON escapes). Maps are `Map`s, so no
 * key can reach an object prototype.
 */

export type YarnValue = string | Map<string, YarnValue>;

export interface YarnEntry {
  keys: string[];
  fields: Map<string, YarnValue>;
}

export interface YarnDocument {
  entries: YarnEntry[];
  problems: string[];
}

const MAX_DEPTH = 8;

interface Frame {
  indent: number;
  map: Map<string, YarnValue>;
}

export function parseYarnSyntax(text: string): YarnDocument {
  const entries: YarnEntry[] = [];
  const problems: string[] = [];
  let stack: Frame[] = [];
  let lineNo = 0;
  for (const raw of text.split('\n')) {
    lineNo++;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const content = line.trim();
    if (content === '' || content.startsWith('#')) continue;
    const indent = line.length - line.trimStart().length;
    const opens = opensBlock(content);
    if (indent === 0) {
      if (!opens) {
        problems.push(`line ${lineNo}: expected an entry (keys ending in ":")`);
        stack = [];
        continue;
      }
      const entry: YarnEntry = { keys: splitKeys(content.slice(0, -1)), fields: new Map() };
      entries.push(entry);
      stack = [{ indent: 0, map: entry.fields }];
      continue;
    }
    while (stack.length > 1 && (stack[stack.length - 1] as Frame).indent >= indent) stack.pop();
    const parent = stack[stack.length - 1];
    if (!parent) continue; // inside an entry already reported as broken
    if (opens) {
      if (stack.length >= MAX_DEPTH) {
        problems.push(`line ${lineNo}: nested deeper than ${MAX_DEPTH} levels`);
        continue;
      }
      const map = new Map<string, YarnValue>();
      parent.map.set(unquote(content.slice(0, -1).trim()), map);
      stack.push({ indent, map });
      continue;
    }
    const pair = splitPair(content);
    if (pair) parent.map.set(pair[0], pair[1]);
    else problems.push(`line ${lineNo}: expected "key value"`);
  }
  return { entries, problems };
}

/** A line ending in `:` outside quotes opens a block. */
function opensBlock(content: string): boolean {
  if (!content.endsWith(':')) return false;
  let quoted = false;
  for (let i = 0; i < content.length - 1; i++) {
    const c = content[i];
    if (c === '\\' && quoted) i++;
    else if (c === '"') quoted = !quoted;
  }
  return !quoted;
}

/** `a@1, "b@^2"` → ['a@1', 'b@^2'] (commas inside quotes kept). */
function splitKeys(list: string): string[] {
  const keys: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c === '\\' && quoted) i++;
    else if (c === '"') quoted = !quoted;
    else if (c === ',' && !quoted) {
      keys.push(list.slice(start, i));
      start = i + 1;
    }
  }
  keys.push(list.slice(start));
  return keys.map((k) => unquote(k.trim())).filter((k) => k !== '');
}

/** `key value` / `"key" "value"` → [key, value]. */
function splitPair(content: string): [string, string] | undefined {
  let keyEnd: number;
  if (content.startsWith('"')) {
    keyEnd = closingQuote(content, 0);
    if (keyEnd < 0) return undefined;
    keyEnd++;
  } else {
    keyEnd = content.search(/\s/);
    if (keyEnd < 0) return undefined;
  }
  const value = content.slice(keyEnd).trim();
  if (value === '') return undefined;
  return [unquote(content.slice(0, keyEnd)), unquote(value)];
}

function closingQuote(s: string, open: number): number {
  for (let i = open + 1; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '"') return i;
  }
  return -1;
}

function unquote(s: string): string {
  if (s.length < 2 || !s.startsWith('"') || !s.endsWith('"')) return s;
  try {
    const v: unknown = JSON.parse(s);
    return typeof v === 'string' ? v : s.slice(1, -1);
  } catch {
    return s.slice(1, -1);
  }
}
