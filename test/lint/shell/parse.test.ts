import { beforeAll, describe, expect, it } from 'vitest';
import type { Span } from '../../../src/lint/dockerfile/ast.js';
import type { ShellCommand, ShellScript, ShellWord } from '../../../src/lint/shell/model.js';
import { loadShellParser, parseShell } from '../../../src/lint/shell/parse.js';
import { fileSource, plainSource, runSource } from './source.js';

beforeAll(async () => {
  await loadShellParser();
  await loadShellParser(); // idempotent
});

const show = (value: string): string => (value === '' || /[\s"]/.test(value) ? JSON.stringify(value) : value);
const fmtWord = (w: ShellWord): string => (w.value === undefined ? `⟨${w.raw}⟩` : show(w.value));

/** `[nested ]<join> <index>/<length>: <assignments> <words> [<redirects>]` */
function summary(c: ShellCommand): string {
  const parts = [
    ...c.assignments.map((a) => `${a.name}=${a.value === undefined ? '' : fmtWord(a.value)}`),
    ...c.words.map(fmtWord),
    ...(c.redirects.length > 0 ? [`[${c.redirects.map((r) => r.op + (r.target === undefined ? '' : fmtWord(r.target))).join(' ')}]`] : []),
  ];
  return `${c.nested ? 'nested ' : ''}${c.join} ${c.pipelineIndex + 1}/${c.pipelineLength}: ${parts.join(' ')}`;
}

const parse = (text: string): ShellScript => parseShell(plainSource(text));

describe('parseShell: commands, lists and pipelines', () => {
  const cases: Array<[name: string, script: string, expected: string[]]> = [
    ['a simple command', 'echo hi', ['start 1/1: echo hi']],
    ['an empty script', '', []],
    ['blanks and comments only', '  \n# nothing here\n  ', []],
    [
      'an and-or list with ; and &',
      'apt-get update && apt-get install -y curl || true; echo done & wait',
      ['start 1/1: apt-get update', '&& 1/1: apt-get install -y curl', '|| 1/1: true', '; 1/1: echo done', '& 1/1: wait'],
    ],
    ['a pipeline', 'curl -sSL https://x | sh -s -- -y', ['start 1/2: curl -sSL https://x', '| 2/2: sh -s -- -y']],
    ['pipes bind tighter than && and ||', 'a | b || c | d && e', ['start 1/2: a', '| 2/2: b', '|| 1/2: c', '| 2/2: d', '&& 1/1: e']],
    ['|& is a pipe', 'a |& b | c', ['start 1/3: a', '| 2/3: b', '| 3/3: c']],
    ['newlines separate commands', 'a\nb\n\n  c', ['start 1/1: a', 'newline 1/1: b', 'newline 1/1: c']],
    ['an operator before a line break joins over it', 'a &&\n  b ||\n c', ['start 1/1: a', '&& 1/1: b', '|| 1/1: c']],
    ['comments are not commands', 'a # note\n# whole line\nb', ['start 1/1: a', 'newline 1/1: b']],
    ['! negates a pipeline without hiding it', 'a && ! b | c', ['start 1/1: a', '&& 1/2: b', '| 2/2: c']],
    ['prefix assignments', 'FOO=1 BAR="x y" DEBIAN_FRONTEND=noninteractive make install', ['start 1/1: FOO=1 BAR="x y" DEBIAN_FRONTEND=noninteractive make install']],
    ['a bare assignment has no words', 'A=1 B=$x', ['start 1/1: A=1 B=⟨$x⟩']],
    ['expansions are dynamic, globs and tildes literal', 'echo $x "${y}" "a$(b)" ~/z *.txt {a,b} a"$c"', ['start 1/1: echo ⟨$x⟩ ⟨"${y}"⟩ ⟨"a$(b)"⟩ ~/z *.txt {a,b} ⟨a"$c"⟩', 'nested start 1/1: b']],
    [
      'substitutions hold nested commands',
      'echo $(date) `id -u` <(ls) >(cat) $((1 + $(nproc)))',
      ['start 1/1: echo ⟨$(date)⟩ ⟨`id -u`⟩ ⟨<(ls)⟩ ⟨>(cat)⟩ ⟨$((1 + $(nproc)))⟩', 'nested start 1/1: date', 'nested start 1/1: id -u', 'nested start 1/1: ls', 'nested start 1/1: cat', 'nested start 1/1: nproc'],
    ],
    [
      'compound statements nest their commands',
      '(cd /x && make) | tee log; { a; b; } > f; if c; then d; else e; fi; for i in 1 $(seq 2); do echo "$i"; done; while f; do g; done; case $x in y|z) h;; esac; fn() { k; }',
      [
        'nested start 1/1: cd /x', 'nested && 1/1: make', '| 2/2: tee log', 'nested start 1/1: a', 'nested ; 1/1: b', 'nested start 1/1: c',
        'nested start 1/1: d', 'nested start 1/1: e', 'nested start 1/1: seq 2', 'nested start 1/1: echo ⟨"$i"⟩', 'nested start 1/1: f',
        'nested start 1/1: g', 'nested start 1/1: h', 'nested start 1/1: k',
      ],
    ],
    ['redirects of a simple command', 'cmd >out 2>&1 <in >>app &>all 2>/dev/null', ['start 1/1: cmd [>out 2>&1 <in >>app &>all 2>/dev/null]']],
    ['redirects after a list belong to its last command', 'a && b | c > f 2>&1', ['start 1/1: a', '&& 1/2: b', '| 2/2: c [>f 2>&1]']],
    ['a redirect before the command name', '2>/dev/null cmd a', ['start 1/1: cmd a [2>/dev/null]']],
    ['a here-string', 'grep x <<< "a b"', ['start 1/1: grep x [<<<"a b"]']],
    ['a bare redirect is a command without words', '> /tmp/f', ['start 1/1: [>/tmp/f]']],
    ['declarations and tests', 'export A=1 B; unset C; local d; [ -f x ] && [[ -n $y ]]', ['start 1/1: export A=1 B', '; 1/1: unset C', '; 1/1: local d', '; 1/1: [ -f x ]', '&& 1/1: [[ -n ⟨$y⟩ ]]']],
  ];
  it.each(cases)('%s', (_name, script, expected) => {
    const parsed = parse(script);
    expect(parsed.errors).toEqual([]);
    expect(parsed.source).toBe(script);
    expect(parsed.commands.map(summary)).toEqual(expected);
  });

  it('commands of one pipeline share an id, other pipelines have other ids', () => {
    const [a, b, c, d, e] = parse('a | b || c | d && e').commands;
    expect(a?.pipelineId).toBe(b?.pipelineId);
    expect(c?.pipelineId).toBe(d?.pipelineId);
    expect(new Set([a?.pipelineId, c?.pipelineId, e?.pipelineId]).size).toBe(3);
  });

  it('`name` is the literal command name after assignments, undefined when dynamic or absent', () => {
    expect(parse('A=1 /usr/bin/env x').commands[0]?.name).toBe('/usr/bin/env');
    expect(parse('"$CMD" x').commands[0]?.name).toBeUndefined();
    expect(parse('A=1').commands[0]?.name).toBeUndefined();
    expect(parse("'apt-get' install").commands[0]?.name).toBe('apt-get');
  });
});

describe('parseShell: quote removal', () => {
  it('removes single, double and ANSI-C quotes and backslashes', () => {
    const words = parse(`echo 'a b' "c d" "e\\"f" "g\\$h" $'i\\tj\\x41\\101' k\\ l "m"'n'o '' "x\\y"`).commands[0]?.words.map((w) => w.value);
    expect(words).toEqual(['echo', 'a b', 'c d', 'e"f', 'g$h', 'i\tjAA', 'k l', 'mno', '', 'x\\y']);
  });

  it('keeps the raw text of each word', () => {
    expect(parse(`echo "a b" 'c'd`).commands[0]?.words.map((w) => w.raw)).toEqual(['echo', '"a b"', "'c'd"]);
  });

  it('a lone $ is literal, an expansion is not', () => {
    expect(parse('echo "cost: 5$" a$ "$x"').commands[0]?.words.map((w) => w.value)).toEqual(['echo', 'cost: 5$', 'a$', undefined]);
  });
});

describe('parseShell: heredocs in shell text', () => {
  const cases: Array<[name: string, script: string, expected: string[]]> = [
    ['a heredoc with a redirect, then the next line', 'cat <<EOF > /etc/conf\nkey=$(value)\nEOF\nchmod 600 /etc/conf', ['start 1/1: cat [<<EOF >/etc/conf]', 'nested start 1/1: value', 'newline 1/1: chmod 600 /etc/conf']],
    ['the rest of the marker line continues the list', "cat <<'EOF' | sh -e && echo ok\necho $x\nEOF", ['start 1/2: cat [<<EOF]', '| 2/2: sh -e', '&& 1/1: echo ok']],
    ['<<- strips tabs', 'cat <<-EOF\n\tx\n\tEOF', ['start 1/1: cat [<<-EOF]']],
    ['a redirect before the heredoc', 'cat > /etc/x <<EOF && chmod 600 /etc/x\nbody\nEOF', ['start 1/1: cat [>/etc/x <<EOF]', '&& 1/1: chmod 600 /etc/x']],
    ['the `-` tree-sitter-bash drops before <<', 'python3 - <<EOF\nprint(1)\nEOF', ['start 1/1: python3 - [<<EOF]']],
  ];
  it.each(cases)('%s', (_name, script, expected) => {
    const parsed = parse(script);
    expect(parsed.errors).toEqual([]);
    expect(parsed.commands.map(summary)).toEqual(expected);
  });
});

describe('parseShell: syntax errors', () => {
  const cases: Array<[name: string, script: string, names: string[]]> = [
    ['stray parentheses', 'echo ok; )(; echo again', ['echo', 'echo']],
    ['an unterminated double quote', 'echo "unterminated', ['echo']],
    ['an unterminated single quote', "echo 'a", ['echo']],
    ['a dangling &&', 'a &&', ['a']],
    ['an if without fi', 'if true; then echo x', ['true', 'echo']],
    ['a for without body', 'for x in; do', []],
    ['an unterminated substitution', 'echo $(date', ['echo', 'date']],
  ];
  it.each(cases)('%s: errors with spans, the rest still analysed', (_name, script, names) => {
    const parsed = parse(script);
    expect(parsed.errors.length).toBeGreaterThan(0);
    for (const e of parsed.errors) expectInside(e.span, script.length);
    expect(parsed.commands.map((c) => c.name)).toEqual(names);
  });

  it('throws a clear internal error when used before loadShellParser (checked in a fresh module)', async () => {
    const { vi } = await import('vitest');
    vi.resetModules();
    const fresh = await import('../../../src/lint/shell/parse.js');
    expect(() => fresh.parseShell(plainSource('a'))).toThrow(/loadShellParser/);
    vi.resetModules();
  });
});

function expectInside(span: Span, length: number): void {
  expect(span.start.offset).toBeGreaterThanOrEqual(0);
  expect(span.end.offset).toBeGreaterThanOrEqual(span.start.offset);
  expect(span.end.offset).toBeLessThanOrEqual(length);
}

describe('parseShell: spans map back to the Dockerfile', () => {
  const file = 'FROM debian\nRUN apt-get update \\\n    && apt-get install -y \\\n       curl=7.88 \\\n    && echo "done" > /tmp/log\n';
  const script = (): ShellScript => parseShell(runSource(file));

  it('every word span covers its raw text in the file', () => {
    const words = script().commands.flatMap((c) => c.words);
    expect(words.map((w) => w.raw)).toEqual(['apt-get', 'update', 'apt-get', 'install', '-y', 'curl=7.88', 'echo', '"done"']);
    for (const w of words) expect(file.slice(w.span.start.offset, w.span.end.offset)).toBe(w.raw);
  });

  it('lines and columns are those of the file', () => {
    const [first, second, third] = script().commands;
    expect(first?.span.start).toEqual({ line: 2, column: 5, offset: 16 });
    expect(second?.span.start).toMatchObject({ line: 3, column: 8 });
    expect(second?.words[3]?.span).toMatchObject({ start: { line: 4, column: 8 }, end: { line: 4, column: 17 } });
    expect(third?.redirects[0]?.span.start).toMatchObject({ line: 5, column: 20 });
    expect(third?.redirects[0]?.target?.value).toBe('/tmp/log');
  });

  it('a word split by a continuation spans both lines', () => {
    const src = 'RUN ec\\\nho hi';
    const [cmd] = parseShell(runSource(src)).commands;
    expect(cmd?.name).toBe('echo');
    expect(cmd?.words[0]?.span).toEqual({ start: { line: 1, column: 5, offset: 4 }, end: { line: 2, column: 3, offset: 10 } });
  });

  it('offsets and columns count UTF-16 code units', () => {
    const text = 'echo 😀 é $x';
    const w = parseShell(plainSource(text)).commands[0]?.words[3];
    expect(w?.raw).toBe('$x');
    expect(w?.span.start).toEqual({ line: 1, column: text.indexOf('$x') + 1, offset: text.indexOf('$x') });
  });

  it('heredoc bodies in a file: commands after the terminator get their own lines', () => {
    const text = 'cat <<EOF >/x\nline $(id)\nEOF\ntouch /y';
    const parsed = parseShell(fileSource(`RUN ${text}`, 4));
    expect(parsed.commands.map((c) => [c.name, c.span.start.line, c.span.start.column])).toEqual([['cat', 1, 5], ['id', 2, 8], ['touch', 4, 1]]);
  });
});

describe('parseShell: cost', () => {
  it('parses a typical 3-line RUN body quickly', () => {
    const file = 'RUN apt-get update \\\n    && apt-get install -y --no-install-recommends curl ca-certificates=20230311 \\\n    && rm -rf /var/lib/apt/lists/*\n';
    const src = runSource(file);
    for (let i = 0; i < 2000; i++) parseShell(src);
    const n = 20_000;
    const t0 = performance.now();
    for (let i = 0; i < n; i++) parseShell(src);
    const micros = ((performance.now() - t0) * 1000) / n;
    console.log(`parseShell, typical 3-line RUN body: ${micros.toFixed(1)} µs per parse`);
    expect(micros).toBeLessThan(1000); // generous: the machine is shared; typically ~30 µs
  });
});
