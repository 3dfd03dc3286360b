import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Comment } from '../../src/lint/dockerfile/ast.js';
import { parsePragma, readPragmas, type ParsedPragma } from '../../src/lint/pragmas.js';
import { REPO_ROOT } from '../helpers/fixtures.js';

/**
 * A line-level view of a Dockerfile, enough for pragmas (which only see comments and line numbers):
 * `#` lines are comments, other non-blank lines not indented start instructions, FROM lines start
 * stages. The real parser feeds readPragmas the same three lists.
 */
function lines(text: string): { comments: Comment[]; instructions: number[]; stages: number[] } {
  const comments: Comment[] = [];
  const instructions: number[] = [];
  const stages: number[] = [];
  let offset = 0;
  text.split('\n').forEach((l, i) => {
    const line = i + 1;
    const hash = l.indexOf('#');
    if (/^\s*#/.test(l)) {
      const start = { line, column: hash + 1, offset: offset + hash };
      comments.push({ text: l.slice(hash + 1), span: { start, end: { line, column: l.length + 1, offset: offset + l.length } } });
    } else if (/^\S/.test(l)) {
      instructions.push(line);
      if (/^FROM\b/i.test(l)) stages.push(line);
    }
    offset += l.length + 1;
  });
  return { comments, instructions, stages };
}

function pragmasOf(text: string, opts: Parameters<typeof readPragmas>[3] = {}) {
  const l = lines(text);
  const stageOf = (line: number): number => l.stages.filter((s) => s <= line).length - 1;
  return { p: readPragmas(l.comments, l.instructions, l.stages, opts), stageOf, ...l };
}

describe('pragma grammar', () => {
  const ignore = (codes: string[], scope: 'line' | 'global' | 'stage' = 'line', prefix: 'hadolint' | 'drydock' = 'hadolint'): ParsedPragma => ({
    kind: 'ignore',
    prefix,
    scope,
    codes,
  });
  it.each<[string, ParsedPragma | undefined]>([
    [' hadolint ignore=DL3008', ignore(['DL3008'])],
    ['hadolint ignore=DL3008', ignore(['DL3008'])], // `#hadolint`: spaces may be empty
    [' \thadolint\tignore = DL3008 ,SC2086', ignore(['DL3008', 'SC2086'])],
    [' hadolint ignore=DL3023, DL3021', ignore(['DL3023', 'DL3021'])],
    [' hadolint ignore=DL3002 ', ignore(['DL3002'])],
    [' hadolint ignore=DL3002 # foobar', ignore(['DL3002'])],
    [' hadolint ignore=DL3002# foobar, DL3003', ignore(['DL3002'])], // the comment eats the rest
    [' hadolint ignore=DL3002\r', ignore(['DL3002'])], // CRLF files
    [' hadolint ignore=DD001', ignore(['DD001'])], // D is a code character: drydock codes work under hadolint's prefix
    [' hadolint global ignore=DL3002', ignore(['DL3002'], 'global')],
    [' hadolint global ignore = DL3023 , DL3021', ignore(['DL3023', 'DL3021'], 'global')],
    [' hadolint stage ignore=DL3011,DL3002', ignore(['DL3011', 'DL3002'], 'stage')],
    [' drydock ignore=DD001,DL3008', ignore(['DD001', 'DL3008'], 'line', 'drydock')],
    [' drydock global ignore=DD001', ignore(['DD001'], 'global', 'drydock')],
    [' hadolint shell=powershell', { kind: 'shell', prefix: 'hadolint', shell: 'powershell' }],
    [' hadolint shell = powershell.exe', { kind: 'shell', prefix: 'hadolint', shell: 'powershell.exe' }],
    [' hadolint shell=powershell # foobar', { kind: 'shell', prefix: 'hadolint', shell: 'powershell' }],
    [' drydock shell=/bin/bash', { kind: 'shell', prefix: 'drydock', shell: '/bin/bash' }],
    // not pragmas: the whole comment must match
    [' hadolint ignore=crazy,DL3002', undefined],
    [' hadolint ignore=DL3002,', undefined],
    [' hadolint ignore=', undefined],
    [' hadolint ignore=dl3002', undefined],
    [' hadolint ignore=DL3002 foo', undefined],
    [' hadolint ignore DL3002', undefined],
    [' hadolintignore=DL3002', undefined],
    [' Hadolint ignore=DL3002', undefined],
    [' hadolint globalignore=DL3002', undefined],
    [' hadolint local ignore=DL3002', undefined],
    [' hadolint shell=', undefined],
    [' hadolint shell=powershell foo', undefined],
    [' hadolint ignore=DL3002 and more words', undefined],
    [' syntax = docker/dockerfile:1', undefined],
    [' just a comment mentioning hadolint ignore=DL3002', undefined],
  ])('%j', (text, want) => {
    expect(parsePragma(text)).toEqual(want);
  });
});

interface RuleCase {
  rule: string;
  dockerfile: string;
  expectViolation: boolean;
  onbuild: boolean;
  description: string;
  source: string;
}

/**
 * Upstream cases about pragmas (Hadolint's PragmaSpec, DL1001Spec and the shell-pragma cases of
 * ShellcheckSpec/RegressionSpec), read from the shared conformance file. For each, the lines on
 * which the rule fires when no pragma is present — read off the Dockerfile by hand.
 */
const FIRES_ON: Record<string, number[]> = {
  'test/Hadolint/PragmaSpec.hs:21': [3], // USER root
  'test/Hadolint/PragmaSpec.hs:29': [3],
  'test/Hadolint/PragmaSpec.hs:37': [3],
  'test/Hadolint/PragmaSpec.hs:45': [3],
  'test/Hadolint/PragmaSpec.hs:53': [3],
  'test/Hadolint/PragmaSpec.hs:62': [3], // COPY --from=foo inside stage foo
  'test/Hadolint/PragmaSpec.hs:63': [3],
  'test/Hadolint/PragmaSpec.hs:72': [3], // EXPOSE 80000
  'test/Hadolint/PragmaSpec.hs:82': [3, 5],
  'test/Hadolint/PragmaSpec.hs:92': [2, 5],
  'test/Hadolint/PragmaSpec.hs:102': [], // DL3012 (several HEALTHCHECKs) does not fire at all
  'test/Hadolint/PragmaSpec.hs:103': [4],
  'test/Hadolint/PragmaSpec.hs:113': [3],
  'test/Hadolint/PragmaSpec.hs:122': [3],
  'test/Hadolint/PragmaSpec.hs:123': [3],
  'test/Hadolint/PragmaSpec.hs:133': [3],
  'test/Hadolint/PragmaSpec.hs:141': [3],
};
/** RUN lines ShellCheck would complain about, were the shell POSIX. */
const SHELL_RUNS: Record<string, number[]> = {
  'test/Hadolint/Rule/ShellcheckSpec.hs:162': [3],
  'test/Hadolint/Rule/ShellcheckSpec.hs:176': [3, 5],
  'test/RegressionSpec.hs:60': [12],
};

const ALL = (JSON.parse(readFileSync(join(REPO_ROOT, '..', 'shared', 'conformance', 'hadolint-rule-cases.json'), 'utf8')) as { cases: RuleCase[] }).cases;

describe('pragma semantics: upstream cases', () => {
  const ignoreCases = ALL.filter((c) => c.source.startsWith('test/Hadolint/PragmaSpec.hs') && c.rule !== 'DL1001');
  it('covers every PragmaSpec ignore case', () => {
    expect(ignoreCases.map((c) => c.source).sort()).toEqual(Object.keys(FIRES_ON).sort());
  });

  it.each(ignoreCases.map((c) => [`${c.source} ${c.rule}: ${c.description}`, c] as const))('%s', (_name, c) => {
    const { p, stageOf } = pragmasOf(c.dockerfile);
    const fired = (FIRES_ON[c.source] ?? []).filter((line) => !p.isIgnored(c.rule, line, stageOf(line)));
    expect(fired.length > 0).toBe(c.expectViolation);
  });

  const dl1001 = ALL.filter((c) => c.rule === 'DL1001');
  it.each(dl1001.map((c) => [`${c.source}: ${c.description}`, c] as const))('DL1001 %s', (_name, c) => {
    expect(pragmasOf(c.dockerfile).p.inlineIgnoreSpans.length > 0).toBe(c.expectViolation);
  });

  const shellCases = ALL.filter((c) => c.rule === 'SC*' && !c.onbuild && SHELL_RUNS[c.source] !== undefined);
  it('covers the shell-pragma cases', () => expect(shellCases).toHaveLength(3));
  it.each(shellCases.map((c) => [`${c.source}: ${c.description}`, c] as const))('shell %s', (_name, c) => {
    const { p } = pragmasOf(c.dockerfile);
    expect(c.expectViolation).toBe(false);
    for (const line of SHELL_RUNS[c.source] ?? []) expect(p.shellAt(line)).toMatch(/^powershell/);
  });
});

describe('pragma semantics: details', () => {
  const file = [
    '# hadolint global ignore=DL3006', // 1
    'FROM ubuntu AS build', // 2
    '# hadolint ignore=DL3008,DL3015', // 3
    'RUN apt-get update && \\', // 4
    '    apt-get install -y curl', // 5
    '', // 6
    '# hadolint ignore=DL3059', // 7
    '', // 8: a blank line between: no effect
    'RUN echo two', // 9
    '# drydock stage ignore=DD001', // 10
    'FROM build AS final', // 11
    '# drydock ignore=DD002 # reason', // 12
    'COPY id_rsa /root/.ssh/', // 13
    '# hadolint stage ignore=DL3002', // 14
    '# a comment between', // 15
    'FROM alpine', // 16: not directly below: no effect
    'USER root', // 17
  ].join('\n');

  it('applies next-line ignores to the instruction starting on the next line only', () => {
    const { p } = pragmasOf(file);
    expect(p.isIgnored('DL3008', 4, 0)).toBe(true);
    expect(p.isIgnored('DL3015', 4, 0)).toBe(true);
    expect(p.isIgnored('DL3009', 4, 0)).toBe(false);
    expect(p.isIgnored('DL3008', 9, 0)).toBe(false);
    expect(p.isIgnored('DL3059', 9, 0)).toBe(false); // line 8 is blank
    expect(p.isIgnored('DD002', 13, 1)).toBe(true); // drydock prefix, trailing comment
  });

  it('applies global ignores everywhere and stage ignores to the stage right below', () => {
    const { p } = pragmasOf(file);
    for (const [line, stage] of [
      [2, 0],
      [11, 1],
      [16, 2],
    ] as const)
      expect(p.isIgnored('DL3006', line, stage)).toBe(true);
    expect(p.isIgnored('DD001', 11, 1)).toBe(true); // its FROM included
    expect(p.isIgnored('DD001', 13, 1)).toBe(true);
    expect(p.isIgnored('DD001', 9, 0)).toBe(false);
    expect(p.isIgnored('DD001', 17, 2)).toBe(false);
    expect(p.isIgnored('DL3002', 17, 2)).toBe(false);
  });

  it('lists every valid ignore with whether it takes effect, and the inline ones for DL1001', () => {
    const { p } = pragmasOf(file);
    expect(p.ignores.map((i) => [i.span.start.line, i.prefix, i.scope, i.effective])).toEqual([
      [1, 'hadolint', 'global', true],
      [3, 'hadolint', 'line', true],
      [7, 'hadolint', 'line', false],
      [10, 'drydock', 'stage', true],
      [12, 'drydock', 'line', true],
      [14, 'hadolint', 'stage', false],
    ]);
    expect(p.inlineIgnoreSpans.map((s) => s.start.line)).toEqual([3, 7, 12]);
    expect(p.inlineIgnoreSpans[0]).toEqual({ start: { line: 3, column: 1, offset: 53 }, end: { line: 3, column: 32, offset: 84 } });
  });

  it('disable-ignore-pragma turns every ignore off but still lists inline ones', () => {
    const { p } = pragmasOf(file, { disableIgnorePragma: true });
    expect(p.isIgnored('DL3006', 2, 0)).toBe(false);
    expect(p.isIgnored('DL3008', 4, 0)).toBe(false);
    expect(p.isIgnored('DD001', 13, 1)).toBe(false);
    expect(p.inlineIgnoreSpans).toHaveLength(3);
  });

  it('shell=: global before the first FROM, per stage after, inherited by stages built FROM a stage', () => {
    const text = [
      '# hadolint shell=pwsh', // 1
      'ARG X=1', // 2
      'FROM base AS one', // 3
      'RUN a', // 4
      '# hadolint shell=cmd', // 5
      'RUN b', // 6
      'FROM one AS two', // 7
      'RUN c', // 8
      'FROM other', // 9
      'RUN d', // 10
      '# drydock shell=/bin/bash', // 11
      'RUN e', // 12
    ].join('\n');
    const { p } = pragmasOf(text, { stageParents: [undefined, 0, undefined] });
    expect(p.shellAt(2)).toBe('pwsh');
    expect(p.shellAt(4)).toBe('pwsh');
    expect(p.shellAt(6)).toBe('cmd');
    expect(p.shellAt(8)).toBe('cmd'); // stage two is built FROM one: one's shell at its end
    expect(p.shellAt(10)).toBe('pwsh'); // a fresh stage: the global pragma
    expect(p.shellAt(12)).toBe('/bin/bash');
    expect(p.shellPragmaAt(8)).toMatchObject({ shell: 'cmd', line: 5 });
    // without parent information stage two starts from the global default
    expect(pragmasOf(text).p.shellAt(8)).toBe('pwsh');
    expect(pragmasOf('FROM a\nRUN x\n').p.shellAt(2)).toBeUndefined();
  });
});
