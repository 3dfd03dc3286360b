/** Parser directives, comments, line continuations, CRLF/BOM/tabs: BuildKit's line handling. */
import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../../src/lint/dockerfile/parse.js';
import { as, fmt, nth, textAt } from './span-helpers.js';

describe('parser directives', () => {
  const cases: Array<{ name: string; text: string; directives: string[]; escape: string; warnings?: string[] }> = [
    { name: 'syntax then escape', text: '# syntax=docker/dockerfile:1\n# escape=`\nFROM x\n', directives: ['syntax=docker/dockerfile:1@1:1-1:29', 'escape=`@2:1-2:11'], escape: '`' },
    { name: 'case-insensitive, blanks around =', text: '# SYNTAX = docker/dockerfile:1.7 \nFROM x\n', directives: ['syntax=docker/dockerfile:1.7@1:1-1:34'], escape: '\\' },
    { name: 'check directive', text: '# check=skip=all;error=true\nFROM x\n', directives: ['check=skip=all;error=true@1:1-1:28'], escape: '\\' },
    { name: 'leading blanks on the line', text: '  # escape=`\nFROM x\n', directives: ['escape=`@1:3-1:13'], escape: '`' },
    { name: 'blank line ends the block', text: '\n# escape=`\nFROM x\n', directives: [], escape: '\\' },
    { name: 'plain comment ends the block', text: '# hello\n# escape=`\nFROM x\n', directives: [], escape: '\\' },
    { name: 'unknown directive ends the block', text: '# foo=bar\n# escape=`\nFROM x\n', directives: [], escape: '\\' },
    { name: 'after an instruction: a comment', text: 'FROM x\n# escape=`\n', directives: [], escape: '\\' },
    { name: 'empty value is no directive', text: '# escape=\nFROM x\n', directives: [], escape: '\\' },
    {
      name: 'invalid escape token',
      text: '# escape=x\nFROM x\n',
      directives: ['escape=x@1:1-1:11'],
      escape: '\\',
      warnings: ["1:1 invalid escape token 'x' does not match ` or \\"],
    },
    {
      name: 'duplicate directive',
      text: '# syntax=a\n# syntax=b\nFROM x\n',
      directives: ['syntax=a@1:1-1:11'],
      escape: '\\',
      warnings: ['2:1 only one syntax parser directive can be used'],
    },
  ];
  it.each(cases)('$name', ({ text, directives, escape, warnings }) => {
    const doc = parseDockerfile(text);
    expect(doc.directives.map((d) => `${d.name}=${d.value}@${fmt(d.span)}`)).toEqual(directives);
    expect(doc.escape).toBe(escape);
    expect(doc.warnings.map((w) => `${w.span.start.line}:${w.span.start.column} ${w.message}`)).toEqual(warnings ?? []);
  });

  it('directive lines are comments too', () => {
    const doc = parseDockerfile('# syntax=docker/dockerfile:1\n# just a note\nFROM x\n');
    expect(doc.comments.map((c) => [c.text, fmt(c.span)])).toEqual([
      [' syntax=docker/dockerfile:1', '1:1-1:29'],
      [' just a note', '2:1-2:14'],
    ]);
  });
});

describe('continuations and comments', () => {
  const cases: Array<{ name: string; text: string; keywords: string[]; args: string; span: string; escape?: string }> = [
    { name: 'backslash continuation keeps the blanks before it', text: 'RUN a \\\n  b\n', keywords: ['RUN'], args: 'a   b', span: '1:1-2:4' },
    { name: 'blanks after the escape', text: 'RUN a \\  \t\nb\n', keywords: ['RUN'], args: 'a b', span: '1:1-2:2' },
    { name: 'escaped escape is no continuation', text: 'RUN echo \\\\\nFROM x\n', keywords: ['RUN', 'FROM'], args: 'echo \\\\', span: '1:1-1:12' },
    { name: 'comment line inside', text: 'RUN a \\\n# c\n  b\n', keywords: ['RUN'], args: 'a   b', span: '1:1-3:4' },
    { name: 'indented comment inside', text: 'RUN a \\\n    # c \\\n b\n', keywords: ['RUN'], args: 'a  b', span: '1:1-3:3' },
    { name: 'empty line inside', text: 'RUN a \\\n\n   \n b\n', keywords: ['RUN'], args: 'a  b', span: '1:1-4:3' },
    { name: 'next instruction swallowed after an empty line', text: 'RUN a \\\n\nFROM x\n', keywords: ['RUN'], args: 'a FROM x', span: '1:1-3:7' },
    { name: 'continuation at end of file', text: 'RUN a \\', keywords: ['RUN'], args: 'a', span: '1:1-1:8' },
    { name: 'a line holding only the escape', text: 'RUN a \\\n\\\n b', keywords: ['RUN'], args: 'a  b', span: '1:1-3:3' },
    { name: 'backtick escape', text: '# escape=`\nRUN dir c:\\ `\n  /b\n', keywords: ['RUN'], args: 'dir c:\\   /b', span: '2:1-3:5', escape: '`' },
    { name: 'backslash is literal with backtick escape', text: '# escape=`\nRUN dir c:\\\nFROM x\n', keywords: ['RUN', 'FROM'], args: 'dir c:\\', span: '2:1-2:12', escape: '`' },
    { name: 'CRLF', text: 'FROM a\r\nRUN b \\\r\n  c\r\n', keywords: ['FROM', 'RUN'], args: 'b   c', span: '2:1-3:4' },
    { name: 'tabs between words', text: 'RUN\tapt-get\tinstall\n', keywords: ['RUN'], args: 'apt-get\tinstall', span: '1:1-1:20' },
  ];
  it.each(cases)('$name', ({ text, keywords, args, span, escape }) => {
    const doc = parseDockerfile(text);
    expect(doc.instructions.map((i) => i.keyword)).toEqual(keywords);
    const run = doc.instructions.find((i) => i.keyword === 'RUN');
    expect(run?.argsText).toBe(args);
    expect(run && fmt(run.span)).toBe(span);
    if (escape !== undefined) expect(doc.escape).toBe(escape);
  });

  it('records comment lines inside continuations', () => {
    const doc = parseDockerfile('RUN a \\\n  # inner\n  b\n# outer\n');
    expect(doc.comments.map((c) => [c.text, fmt(c.span)])).toEqual([
      [' inner', '2:3-2:10'],
      [' outer', '4:1-4:8'],
    ]);
  });

  it('no inline comments: # after an instruction is an argument', () => {
    const doc = parseDockerfile('RUN echo hi # not a comment\n');
    expect(nth(doc, 0).argsText).toBe('echo hi # not a comment');
    expect(doc.comments).toEqual([]);
  });
});

describe('positions', () => {
  it('a BOM is skipped: line 1 column 1, offsets count it', () => {
    const doc = parseDockerfile('\uFEFFFROM alpine\n');
    const from = nth(doc, 0);
    expect(fmt(from.keywordSpan)).toBe('1:1-1:5');
    expect(from.keywordSpan.start.offset).toBe(1);
    expect(textAt(doc, from.keywordSpan)).toBe('FROM');
  });

  it('keyword case is kept in keywordSpan, upper-cased in keyword', () => {
    const doc = parseDockerfile('   run echo\n');
    const run = nth(doc, 0);
    expect(run.keyword).toBe('RUN');
    expect(fmt(run.keywordSpan)).toBe('1:4-1:7');
    expect(textAt(doc, run.keywordSpan)).toBe('run');
  });

  it('columns count UTF-16 code units', () => {
    const doc = parseDockerfile('LABEL emoji="😀" x=1\n');
    const env = as(nth(doc, 0), 'LABEL');
    expect(fmt(env.pairs[1]!.key.span)).toBe('1:18-1:19');
    expect(env.pairs[0]!.value?.value).toBe('😀');
  });

  it('maps every character of a joined shell command back to the file', () => {
    const text = 'FROM a\nRUN apt-get update \\\n    && apt-get install -y \\\n       curl\n';
    const doc = parseDockerfile(text);
    const run = as(nth(doc, 1), 'RUN');
    if (run.command.kind !== 'shell') throw new Error('shell form expected');
    const script = run.command.script;
    expect(script.text).toBe('apt-get update     && apt-get install -y        curl');
    const curl = script.toFile(script.text.indexOf('curl'));
    expect([curl.line, curl.column, curl.offset]).toEqual([4, 8, text.indexOf('curl')]);
    const amp = script.toFile(script.text.indexOf('&&'));
    expect([amp.line, amp.column]).toEqual([3, 5]);
    const end = script.toFile(script.text.length);
    expect([end.line, end.column]).toEqual([4, 12]);
    for (let i = 0; i < script.text.length; i++) expect(text[script.toFile(i).offset]).toBe(script.text[i]);
  });
});
