/**
 * Script generators for the fast-path differential test: most scripts are in the subset the fast path
 * accepts (so its model is compared with tree-sitter's on many shapes), mutations sprinkle in what it
 * must refuse or get exactly right (expansions, escapes, redirects, odd blanks, reserved words ...).
 */

type Rand = () => number;

const pick = <T>(rand: Rand, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;

/** Unquoted word pieces: options, paths, globs, `=`, numbers, test-operator look-alikes, unicode, keywords as arguments. */
const UNQUOTED = [
  'apt-get', 'install', '-y', '--no-install-recommends', 'curl', 'ca-certificates', 'a', 'b1', 'x_y', '/var/lib/apt/lists/*',
  '*', '?', '*.txt', 'file?.log', '--opt=value', 'KEY=value', 'a=b=c', '=x', '=', '-', '--', '-1', '0', '10001', '0x1F',
  '1.2.3', '~', '~/x', '~user/.cache', '%s', 'a,b', 'x:y', 'user@host', '+x', '^', '@', '.', '..', './run.sh', 'é', 'naïve',
  '日本語', '😀', 'if', 'then', 'fi', 'do', 'done', 'in', 'esac', 'function', 'export', 'time', 'case', 'while', 'select',
  '-eq', '-f', '-z', '-n', '-a', '-o', 'pkg=1.2-3', 'app:app', '0755', 'pipefail', 'set', '-eux', 'sh', '-c', 'bash', '-lc',
  'sudo', 'env', 'nice', 'pip', 'npm', 'apk', 'add', '--no-cache', 'a#b', 'x-y', '_', '%', '@@', 'a+b', 'u', 'k', '+=', 'A+=1',
  'Ω', 'ÿ', 'ĀĂ', 'git+https://x/r.git@main#egg=r', 'a#', 'a##b', 'x#$y', 'flask==2.0', 'a=~b', '=-', 'x==', 'x=~', '-=', '%=',
];

/** Pieces at the edge of what the fast path accepts (most are refused), used sparingly. */
const UNQUOTED_EDGE = ['==', '!=', '=~', 'https://example.com/x?y=1&', '10#5', 'git+https://x/r.git@v1#egg=r', '#x', '==x', '=~x', '===', '!x', 'a!'];

/** Content of `'...'`: anything but `'`. */
const SINGLE = ['', 'x', 'a b', '$HOME', '${X:-y}', '\\', '\\n', '"', '#', '(', ')', '&&', '|', ';', '\n', '\t', '!', '`id`', 'é 😀', '*', ' ', '<<EOF', '{a,b}', '[x]'];

/** Content of `"..."`: plain text and `$name` / `${name}` expansions. */
const DOUBLE = ['', 'x', 'a b', ' ', '  lead', 'trail  ', '\n', '\t', "'", '&&', '|', ';', '*', '(', ')', '{', '}', '[', ']', '<', '>', 'é', '😀', '=', ':', '~', '%', '@', '#', '!', 'hey!', '$X', '${X}', '$f', 'a $b c', '$a$b', '${A}x', '$A-b', '$A.b', '$x/', ' #x', '#!'];

/** Unquoted expansions and words with them. */
const EXPANSIONS = ['$x', '$HOME', '${VERSION}', '$a$b', '${A}b', '$A-b', '$x.tar.gz', '--prefix=$P', 'pkg=$V', '/opt/$N/bin', '$f', '${f}', '$X_Y', 'a$b', '$Ab9'];

const WORD_BLANKS = [' ', ' ', ' ', '  ', '\t', ' \t '];
const JOINS = ['&&', ' && ', '&&\n', ' &&\n  ', '||', ' || ', '|', ' | ', '|\n', ' |\n\t', ';', '; ', ';\n', ';\n\n', '\n', '\n\n', '\n  ', ' ;  ', '\t&&\t', ' ||\n\n'];
const LEADS = ['', '', '', ' ', '\n', '\n\n', '  \t', '\n  '];
const TAILS = ['', '', '', ' ', '\n', ';', ' ;\n', '\n\n', '\t'];

/** Tokens inserted by mutations: most must be refused; the rest must still give tree-sitter's model. */
const MUTATIONS = [
  '$x', '${x}', '$(id)', '\\', '\\\n', '`', '(', ')', '{', '}', '[', ']', '[[', '<', '>', '2>&1', '>>', '<<EOF\nx\nEOF\n', '#', ' #c', '&', ' & ',
  '!', '! ', ';;', '|&', '&>', '\r', '\r\n', '\v', '\f', '\u00a0', '\u2028', '\u3000', '\ufeff', '\ud800', '\udc00', '\u0000', '\u0085',
  '\u0001', '\u007f', "'", '"', '=', 'A=1 ', 'a=', 'if ', 'then ', 'export ', 'local ', '{ ', '( ', '\n', '&& ', '|| ', '; ', '| ', ' ',
  '\t', '$', "$'x'", '$"x"', '~', '*', '?(a)', '@(a)', '+(a)', '!(a)', 'coproc ', 'time ', '((', '))', '-', '--',
  '$1', '$@', '$?', '$_', '${', '${x', '$é', '$x[0]', '${x:-y}', 'for ', ' in ', 'do ', 'done', '; done', 'do\n', ' do', '!x', 'é$x',
];

function unquoted(rand: Rand): string {
  return pick(rand, rand() < 0.03 ? UNQUOTED_EDGE : UNQUOTED);
}

/** A word of one to three adjacent pieces. */
function word(rand: Rand): string {
  const pieces = 1 + Math.floor(rand() * rand() * 3);
  let out = '';
  for (let k = 0; k < pieces; k++) {
    const r = rand();
    if (r < 0.1) out += pick(rand, EXPANSIONS);
    else if (r < 0.6) out += unquoted(rand);
    else if (r < 0.8) out += `'${pick(rand, SINGLE)}${rand() < 0.3 ? pick(rand, SINGLE) : ''}'`;
    else out += `"${pick(rand, DOUBLE)}${rand() < 0.3 ? pick(rand, DOUBLE) : ''}"`;
  }
  return out;
}

/** A simple command: a name (plain most of the time) and a few arguments. */
function command(rand: Rand): string {
  const name = rand() < 0.9 ? pick(rand, ['apt-get', 'pip', 'curl', 'echo', 'rm', 'make', 'ls', 'npm', 'tar', 'sh', 'useradd', 'go', './x', '/bin/true']) : word(rand);
  let out = name;
  const args = Math.floor(rand() * 6);
  for (let k = 0; k < args; k++) out += pick(rand, WORD_BLANKS) + word(rand);
  return out;
}

const FOR_TERMS = ['; ', ';', '\n', ' ;\n', '\n\n  ', ';\n\t'];
const DO_TERMS = [' ', '\n', '\n  ', '\t', ' \n'];

/** `for NAME in WORDS; do LIST; done` with odd spacing; depth-limited nesting. */
function forLoop(rand: Rand, depth: number): string {
  let words = '';
  const count = 1 + Math.floor(rand() * 3);
  for (let k = 0; k < count; k++) words += pick(rand, [' ', '  ', '\t']) + word(rand);
  const body = list(rand, depth + 1).trim();
  const end = pick(rand, ['; ', ';', '\n', ' ;\n  ', '\n\n']);
  return `for ${pick(rand, ['f', 'i', 'pkg', 'X_1', '_x'])}${pick(rand, [' ', '  ', '\t'])}in${words}${pick(rand, FOR_TERMS)}do${pick(rand, DO_TERMS)}${body}${end}done`;
}

function item(rand: Rand, depth: number): string {
  return depth < 2 && rand() < 0.12 ? forLoop(rand, depth) : command(rand);
}

/** Commands (and loops) joined by operators and line breaks, with odd spacing around them. */
function list(rand: Rand, depth: number): string {
  let out = item(rand, depth);
  const count = Math.floor(rand() * (depth === 0 ? 6 : 3));
  for (let k = 0; k < count; k++) out += pick(rand, JOINS) + item(rand, depth);
  return out;
}

/** A script of commands joined by operators and line breaks, with odd spacing around them. */
export function generateSimple(rand: Rand): string {
  return pick(rand, LEADS) + list(rand, 0) + pick(rand, TAILS);
}

/** One to three edits: insert a token, delete a few characters, or duplicate a slice. */
export function mutate(rand: Rand, text: string): string {
  let out = text;
  const edits = 1 + Math.floor(rand() * 3);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(rand() * (out.length + 1));
    const op = rand();
    if (op < 0.6) out = out.slice(0, at) + pick(rand, MUTATIONS) + out.slice(at);
    else if (op < 0.85) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(rand() * 3));
    else {
      const from = Math.floor(rand() * out.length);
      out = out.slice(0, at) + out.slice(from, from + Math.floor(rand() * 12)) + out.slice(at);
    }
  }
  return out;
}

/** The script with `\` + newline continuations at random places, as a Dockerfile would hold it (the parser removes them). */
export function withContinuations(rand: Rand, text: string): string {
  let out = '';
  for (const ch of text) {
    if (rand() < 0.08) out += '\\\n';
    out += ch;
  }
  return out;
}
