/**
 * The fast path of parseShell (src/lint/shell/simple-lexer.ts) against the tree-sitter walk: for EVERY
 * script the fast path accepts, its model must deep-equal tree-sitter's (commands, words with raw,
 * value and spans, joins, pipelines, errors). Corpora: every shell script of the Hadolint rule cases,
 * the lint fixtures, the repo's recipes and the benchmark's typical Dockerfiles (with the `sh -c`
 * bodies inside them), plus 200,000+ generated and mutated scripts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ShellSource } from '../../../src/lint/dockerfile/ast.js';
import { parseDockerfile } from '../../../src/lint/dockerfile/parse.js';
import { shellSourcesOf } from '../../../src/lint/context.js';
import { invocations, shellCBody } from '../../../src/lint/shell/invocations.js';
import type { ShellScript } from '../../../src/lint/shell/model.js';
import { loadShellParser, parseShell, parseShellTreeSitter, sourceOf } from '../../../src/lint/shell/parse.js';
import { parseSimpleShell } from '../../../src/lint/shell/simple-lexer.js';
import { REPO_ROOT } from '../../helpers/fixtures.js';
import { prng } from '../../helpers/prng.js';
import { generateSimple, mutate, withContinuations } from './fast-path-gen.js';
import { fileSource, plainSource } from './source.js';

beforeAll(async () => {
  await loadShellParser();
});

interface Tally {
  accepted: number;
  refused: number;
  mismatches: string[];
}

const newTally = (): Tally => ({ accepted: 0, refused: 0, mismatches: [] });

/** A one-line picture of a model, for failure messages (the comparison itself is a deep equality). */
function brief(script: ShellScript): string {
  const pos = (p: { line: number; column: number; offset: number }): string => `${p.line}:${p.column}@${p.offset}`;
  const cmds = script.commands.map((c) => {
    const words = c.words.map((w) => `${JSON.stringify(w.raw)}=${JSON.stringify(w.value)}[${pos(w.span.start)}-${pos(w.span.end)}]`);
    return `${c.join} ${c.pipelineId}.${c.pipelineIndex}/${c.pipelineLength} [${pos(c.span.start)}-${pos(c.span.end)}] ${words.join(' ')}`;
  });
  return `${cmds.join(' ⏎ ')}${script.errors.length > 0 ? ` errors: ${script.errors.length}` : ''}`;
}

/** Compares the fast path with tree-sitter on one source; returns tree-sitter's model. */
function compare(src: ShellSource, tally: Tally): ShellScript {
  let slow = parseShellTreeSitter(src);
  const fast = parseSimpleShell(src);
  if (fast === undefined) tally.refused++;
  else {
    tally.accepted++;
    // tree-sitter gives up past a time budget (one error over the whole script): on a busy machine a
    // pause can make that happen to a small script, so a difference is confirmed by parsing again
    for (let retry = 0; retry < 2 && !isDeepStrictEqual(fast, slow); retry++) slow = parseShellTreeSitter(src);
    if (!isDeepStrictEqual(fast, slow) && tally.mismatches.length < 10) {
      tally.mismatches.push(`${JSON.stringify(src.text)}\n fast:        ${brief(fast)}\n tree-sitter: ${brief(slow)}`);
    }
  }
  return slow;
}

/** Every shell script of a Dockerfile, and the `sh -c` bodies in them, through `compare`. */
function compareDockerfile(text: string, tally: Tally): void {
  const doc = parseDockerfile(text);
  for (const instr of doc.instructions) {
    for (const src of shellSourcesOf(doc, instr)) {
      const script = compare(src, tally);
      for (const inv of invocations(script)) {
        const body = shellCBody(script, inv);
        const inner = body === undefined ? undefined : sourceOf(body.script);
        if (inner !== undefined) compare(inner, tally);
      }
    }
  }
}

function filesUnder(dir: string, keep: (name: string) => boolean): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && keep(e.name))
    .map((e) => join(e.parentPath, e.name));
}

const report = (what: string, t: Tally): void => {
  console.log(`fast path, ${what}: ${t.accepted} accepted, ${t.refused} refused (${((100 * t.accepted) / (t.accepted + t.refused)).toFixed(1)}% fast)`);
};

describe('parseShell fast path: identical to tree-sitter on every script it accepts', () => {
  it('the Hadolint rule cases', () => {
    const path = join(REPO_ROOT, '..', 'shared', 'conformance', 'hadolint-rule-cases.json');
    const cases = (JSON.parse(readFileSync(path, 'utf8')) as { cases: Array<{ dockerfile: string; dockerfileOnbuild?: string }> }).cases;
    expect(cases.length).toBeGreaterThan(1100);
    const tally = newTally();
    for (const c of cases) {
      compareDockerfile(c.dockerfile, tally);
      if (c.dockerfileOnbuild !== undefined) compareDockerfile(c.dockerfileOnbuild, tally);
    }
    report('Hadolint cases', tally);
    expect(tally.mismatches).toEqual([]);
    expect(tally.accepted).toBeGreaterThan(400);
  });

  it('the lint fixtures, the recipes and the benchmark files', async () => {
    const files = [
      ...filesUnder(join(REPO_ROOT, 'test', 'lint', 'fixtures', 'dockerfiles'), (n) => n.endsWith('Dockerfile')),
      ...filesUnder(join(REPO_ROOT, 'scripts', 'fixtures', 'recipes'), (n) => n.endsWith('Containerfile')),
    ];
    expect(files.length).toBeGreaterThan(20);
    const tally = newTally();
    for (const f of files) compareDockerfile(readFileSync(f, 'utf8'), tally);
    report(`${files.length} fixtures and recipes`, tally);
    expect(tally.mismatches).toEqual([]);

    const benchPath = join(REPO_ROOT, 'bench', 'lint.mjs');
    const bench = (await import(benchPath)) as { typicalDockerfile: (rand: () => number) => string };
    const benchTally = newTally();
    const rand = prng(42); // the benchmark's seed
    for (let i = 0; i < 300; i++) compareDockerfile(bench.typicalDockerfile(rand), benchTally);
    report('benchmark Dockerfiles', benchTally);
    expect(benchTally.mismatches).toEqual([]);
    // every script of the typical file but the `for` loop (it expands "$f") takes the fast path
    expect(benchTally.accepted / (benchTally.accepted + benchTally.refused)).toBeGreaterThan(0.8);
  });

  it('250,000 generated and mutated scripts', () => {
    const rand = prng(5_2024);
    const simple = newTally();
    const mutated = newTally();
    for (let i = 0; i < 250_000; i++) {
      let text = generateSimple(rand);
      const tally = i % 4 === 3 ? mutated : simple;
      if (tally === mutated) text = mutate(rand, text);
      const src = i % 5 === 0 ? fileSource(withContinuations(rand, text), 0) : plainSource(text);
      compare(src, tally);
    }
    report('generated scripts', simple);
    report('mutated scripts', mutated);
    expect(simple.mismatches).toEqual([]);
    expect(mutated.mismatches).toEqual([]);
    expect(simple.accepted).toBeGreaterThan(100_000);
    expect(mutated.refused).toBeGreaterThan(30_000);
  }, 600_000);
});

describe('parseShell fast path: the forms RUN bodies are usually written in', () => {
  const typical = [
    '',
    '  \n\t\n',
    'apt-get update && apt-get install -y --no-install-recommends a b && rm -rf /var/lib/apt/lists/*',
    'pip install --no-cache-dir -r requirements.txt',
    'groupadd -r app && useradd -r -g app app',
    'set -e\nmkdir -p /app/data\nchown app:app /app/data\n',
    "apk add --no-cache curl ca-certificates | tee /dev/null; echo 'done' || true",
    'npm ci --omit=dev && npm cache clean --force',
    'sh -c "echo hello"',
    'echo $HOME "$HOME" ${VERSION} --prefix=$PREFIX "a $b c"',
    'set -eux; for f in bin/*; do chmod 0755 "$f"; done',
    'for pkg in a b c\ndo\n  pip install "$pkg"\ndone\necho done',
  ];
  it.each(typical)('%j', (text) => {
    const src = plainSource(text);
    const fast = parseSimpleShell(src);
    expect(fast).toBeDefined();
    expect(fast).toEqual(parseShellTreeSitter(src));
    const viaParseShell = parseShell(src);
    expect(sourceOf(viaParseShell)).toBe(src); // `sh -c` bodies map their spans through the outer source
  });

  const refused = [
    'echo $1', 'echo "$@"', 'echo ${x:-y}', 'echo $', 'echo "a$"', "echo $'x'", 'echo `id`', 'echo $(id)', "x'a'b$c/d", 'echo a\\ b', 'ls > out', 'cat < in', 'a 2>&1', '(cd x && make)', '{ a; b; }',
    'echo {a,b}', '# comment', 'a # trailing', 'sleep 1 &', '! false', '[ -f x ]', '[[ a ]]', 'if true; then a; fi',
    'for f; do b; done', 'for f in a; do b; done | sort', 'for ((i=0;i<3;i++)); do b; done', 'while true; do b; done', 'FOO=1 make', 'export A=1', 'cat <<EOF\nx\nEOF', 'a &&', '&& a', 'a ;; b', 'a ; ; b', '; a',
    'a |& b', 'a\n&& b', 'echo "unterminated', "echo 'unterminated", 'echo a\r', 'echo\u00a0a', 'f() { a; }',
  ];
  it.each(refused)('refuses %j', (text) => {
    expect(parseSimpleShell(plainSource(text))).toBeUndefined();
  });

  it('leaves deeply nested loops to tree-sitter (its walk reports nesting past a limit)', () => {
    const nest = (depth: number): string => `${'for i in a; do '.repeat(depth)}x${'; done'.repeat(depth)}`;
    const src = plainSource(nest(8));
    expect(parseSimpleShell(src)).toEqual(parseShellTreeSitter(src));
    expect(parseSimpleShell(plainSource(nest(9)))).toBeUndefined();
    expect(parseShell(plainSource(nest(60))).errors.length).toBeGreaterThan(0);
  });
});
