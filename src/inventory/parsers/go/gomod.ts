import { quotedPrefixLength, unquoteGo } from './go-quote.js';
import { isDirectoryPath } from './purl.js';

/**
 * A go.mod file (https://go.dev/ref/mod#go-mod-file): line-oriented directives, a verb and its
 * arguments, or a verb followed by a parenthesised block of argument lines; `//` comments; Go
 * string literals where a path needs quoting. `// indirect` on a require marks a requirement the
 * main module does not import itself.
 */

export interface GoModRequire {
  path: string;
  version: string;
  indirect: boolean;
}

export interface GoModReplace {
  oldPath: string;
  /** Absent: every version of oldPath is replaced. */
  oldVersion?: string;
  newPath: string;
  /** Absent for a replacement by a directory. */
  newVersion?: string;
}

export interface GoModFile {
  module?: string;
  /** The `go` directive: the language version (and, from Go 1.21, the minimum toolchain). */
  go?: string;
  /** The `toolchain` directive (Go >= 1.21): the suggested toolchain, `go1.22.5`. */
  toolchain?: string;
  requires: GoModRequire[];
  replaces: GoModReplace[];
  excludes: Array<{ path: string; version: string }>;
  problems: string[];
}

/** Directives that name no module dependency (retractions, GODEBUG settings, tools, ignored dirs). */
const IGNORED = new Set(['retract', 'godebug', 'tool', 'ignore']);
const MAX_PROBLEMS = 50;

interface Lexed {
  tokens: string[];
  comment?: string;
  bad?: string;
}

export function parseGoMod(text: string): GoModFile {
  const mod: GoModFile = { requires: [], replaces: [], excludes: [], problems: [] };
  const problem = (line: number, what: string): void => {
    if (mod.problems.length < MAX_PROBLEMS) mod.problems.push(`go.mod line ${line}: ${what}`);
  };
  let block: string | undefined;
  text.split('\n').forEach((raw, i) => {
    const { tokens, comment, bad } = lex(raw);
    if (bad !== undefined) return problem(i + 1, bad);
    if (tokens.length === 0) return;
    if (block !== undefined) {
      if (tokens.length === 1 && tokens[0] === ')') block = undefined;
      else directive(mod, block, tokens, comment, (what) => problem(i + 1, what));
      return;
    }
    const [verb = '', ...args] = tokens;
    if (args.length === 1 && args[0] === '(') block = verb;
    else directive(mod, verb, args, comment, (what) => problem(i + 1, what));
  });
  if (block !== undefined) problem(text.split('\n').length, `the ${safeWord(block)} block is not closed`);
  return mod;
}

function directive(mod: GoModFile, verb: string, args: string[], comment: string | undefined, problem: (what: string) => void): void {
  const [a, b] = args;
  switch (verb) {
    case 'module':
    case 'go':
    case 'toolchain':
      if (args.length !== 1 || a === undefined) return problem(`a ${verb} directive needs one argument`);
      mod[verb] = a;
      return;
    case 'require':
    case 'exclude':
      if (args.length !== 2 || a === undefined || b === undefined) return problem(`a ${verb} line needs a module path and a version`);
      if (verb === 'require') mod.requires.push({ path: a, version: b, indirect: isIndirect(comment) });
      else mod.excludes.push({ path: a, version: b });
      return;
    case 'replace': {
      const r = replacementOf(args);
      if (!r) return problem('a replace line needs "path [version] => path [version]"');
      if (r.newVersion === undefined && !isDirectoryPath(r.newPath)) return problem('a replacement by a module needs a version');
      mod.replaces.push(r);
      return;
    }
    default:
      if (!IGNORED.has(verb)) problem(`unknown directive "${safeWord(verb)}"`);
  }
}

function replacementOf(args: string[]): GoModReplace | undefined {
  const arrow = args.indexOf('=>');
  const left = args.slice(0, arrow);
  const right = args.slice(arrow + 1);
  if (arrow < 0 || left.length < 1 || left.length > 2 || right.length < 1 || right.length > 2) return undefined;
  const [oldPath = '', oldVersion] = left;
  const [newPath = '', newVersion] = right;
  const r: GoModReplace = { oldPath, newPath };
  if (oldVersion !== undefined) r.oldVersion = oldVersion;
  if (newVersion !== undefined) r.newVersion = newVersion;
  return r;
}

/** golang.org/x/mod's rule: the comment is exactly "indirect" or starts with "indirect;". */
function isIndirect(comment: string | undefined): boolean {
  return comment !== undefined && (comment === 'indirect' || comment.startsWith('indirect;'));
}

/** A word from the file that is safe to quote in a message (an identifier-like token only). */
function safeWord(w: string): string {
  return /^[A-Za-z][A-Za-z0-9_-]{0,30}$/.test(w) ? w : '…';
}

const SPACE = new Set([' ', '\t', '\r', '\v', '\f']);
const SPECIAL = new Set(['(', ')', '"', '`']);

/** Split a line into tokens (strings unquoted; `(` and `)` on their own) and its `//` comment. */
export function lex(line: string): Lexed {
  const tokens: string[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i] as string;
    if (SPACE.has(c)) {
      i += 1;
    } else if (c === '/' && line[i + 1] === '/') {
      return { tokens, comment: line.slice(i + 2).trim() };
    } else if (c === '(' || c === ')') {
      tokens.push(c);
      i += 1;
    } else if (c === '"' || c === '`') {
      const n = quotedPrefixLength(line.slice(i));
      const value = n < 0 ? undefined : unquoteGo(line.slice(i, i + n));
      if (value === undefined) return { tokens, bad: 'a quoted string that does not end or is not valid' };
      tokens.push(value);
      i += n;
    } else {
      let j = i + 1;
      while (j < line.length && !SPACE.has(line[j] as string) && !SPECIAL.has(line[j] as string) && !(line[j] === '/' && line[j + 1] === '/')) j += 1;
      tokens.push(line.slice(i, j));
      i = j;
    }
  }
  return { tokens };
}
