/** Heredocs on RUN/COPY/ADD: markers, bodies in order, `<<-`, quoting, fd prefixes, unterminated bodies, and heredocSource. */
import { describe, expect, it } from 'vitest';
import type { Heredoc } from '../../../src/lint/dockerfile/ast.js';
import { heredocSource } from '../../../src/lint/dockerfile/heredoc.js';
import { parseDockerfile } from '../../../src/lint/dockerfile/parse.js';
import { as, fmt, nth, textAt } from './span-helpers.js';

const brief = (h: Heredoc) => ({
  delimiter: h.delimiter,
  body: h.body,
  stripTabs: h.stripTabs,
  quoted: h.quoted,
  fd: h.fd,
  bodySpan: fmt(h.bodySpan),
  markerSpan: fmt(h.markerSpan),
});

describe('heredocs', () => {
  it('RUN <<EOF: body after the line, instruction span through the terminator', () => {
    const doc = parseDockerfile('FROM a\nRUN <<EOF\necho hi\nEOF\nRUN b\n');
    const run = as(nth(doc, 1), 'RUN');
    expect(run.heredocs.map(brief)).toEqual([
      { delimiter: 'EOF', body: 'echo hi\n', stripTabs: false, quoted: false, fd: undefined, bodySpan: '3:1-3:8', markerSpan: '2:5-2:10' },
    ]);
    expect(fmt(run.span)).toBe('2:1-4:4');
    expect(run.argsText).toBe('<<EOF');
    expect(run.command.kind === 'shell' && run.command.script.text).toBe('<<EOF');
    expect(fmt(nth(doc, 2).span)).toBe('5:1-5:6');
    expect(doc.warnings).toEqual([]);
  });

  it('<<- strips leading tabs from the body and the terminator', () => {
    const text = 'FROM a\nRUN <<-EOF\n\techo a\n\t\techo b\n\tEOF\n';
    const doc = parseDockerfile(text);
    const h = as(nth(doc, 1), 'RUN').heredocs[0]!;
    expect(brief(h)).toMatchObject({ body: 'echo a\necho b\n', stripTabs: true, bodySpan: '3:1-4:9' });
    const src = heredocSource(doc, h);
    expect(src.text).toBe('echo a\necho b\n');
    expect(src.toFile(0)).toMatchObject({ line: 3, column: 2 });
    expect(src.toFile(7)).toMatchObject({ line: 4, column: 3 });
    for (let i = 0; i < src.text.length; i++) {
      const ch = text[src.toFile(i).offset];
      expect(src.text[i] === '\n' ? ch === '\n' || ch === '\r' : ch === src.text[i]).toBe(true);
    }
  });

  it.each([
    ['<<"EOF"', 'EOF', true],
    ["<<'EOF'", 'EOF', true],
    ['<<E"O"F', 'EOF', true],
    ['<<\\EOF', 'EOF', false],
    ['<<EOF', 'EOF', false],
  ])('%s → delimiter %s, quoted %s', (marker, delimiter, quoted) => {
    const doc = parseDockerfile(`FROM a\nRUN cat ${marker}\nx\n${delimiter}\n`);
    const h = as(nth(doc, 1), 'RUN').heredocs[0]!;
    expect([h.delimiter, h.quoted, h.body]).toEqual([delimiter, quoted, 'x\n']);
    expect(doc.instructions).toHaveLength(2);
  });

  it('several heredocs on COPY, bodies in order', () => {
    const doc = parseDockerfile('FROM a\nCOPY <<a.txt <<b.txt /dst/\nA\na.txt\nB\nb.txt\nRUN ls\n');
    const copy = as(nth(doc, 1), 'COPY');
    expect(copy.heredocs.map((h) => [h.delimiter, h.body, fmt(h.bodySpan)])).toEqual([
      ['a.txt', 'A\n', '3:1-3:2'],
      ['b.txt', 'B\n', '5:1-5:2'],
    ]);
    expect(copy.sources.map((s) => s.raw)).toEqual(['<<a.txt', '<<b.txt']);
    expect(copy.dest?.value).toBe('/dst/');
    expect(fmt(copy.span)).toBe('2:1-6:6');
    expect(nth(doc, 2).keyword).toBe('RUN');
  });

  it('fd prefix and a redirect after the marker', () => {
    const doc = parseDockerfile('FROM a\nRUN 3<<EOF cat /dev/fd/3 > /out\nx\nEOF\n');
    const h = as(nth(doc, 1), 'RUN').heredocs[0]!;
    expect([h.fd, h.delimiter, fmt(h.markerSpan)]).toEqual([3, 'EOF', '2:5-2:11']);
  });

  it('RUN python3 <<\'PY\' > file', () => {
    const doc = parseDockerfile("FROM a\nRUN python3 <<'PY' > /tmp/out.txt\nprint('hi')\nPY\n");
    const run = as(nth(doc, 1), 'RUN');
    expect(run.heredocs.map((h) => [h.delimiter, h.quoted, h.body])).toEqual([['PY', true, "print('hi')\n"]]);
  });

  it('the marker may be on a continued line; the body follows the last line', () => {
    const doc = parseDockerfile('FROM a\nRUN <<EOF \\\n  cat\nhello\nEOF\n');
    const h = as(nth(doc, 1), 'RUN').heredocs[0]!;
    expect([h.body, fmt(h.bodySpan)]).toEqual(['hello\n', '4:1-4:6']);
  });

  it('an indented terminator does not end a plain heredoc', () => {
    const doc = parseDockerfile('FROM a\nRUN <<EOF\n  EOF\nEOF\n');
    expect(as(nth(doc, 1), 'RUN').heredocs[0]!.body).toBe('  EOF\n');
  });

  it('comments inside the body are body, not comments; # lines stay', () => {
    const doc = parseDockerfile('FROM a\nRUN <<EOF\n# not a comment\nEOF\n# a comment\n');
    expect(as(nth(doc, 1), 'RUN').heredocs[0]!.body).toBe('# not a comment\n');
    expect(doc.comments.map((c) => c.text)).toEqual([' a comment']);
  });

  it('CRLF: body as delivered, heredocSource without \\r', () => {
    const doc = parseDockerfile('FROM a\r\nRUN <<EOF\r\necho\r\nEOF\r\nRUN x\r\n');
    const h = as(nth(doc, 1), 'RUN').heredocs[0]!;
    expect([h.body, fmt(h.bodySpan)]).toEqual(['echo\r\n', '3:1-3:5']);
    expect(heredocSource(doc, h).text).toBe('echo\n');
    expect(doc.instructions.map((i) => i.keyword)).toEqual(['FROM', 'RUN', 'RUN']);
  });

  it('unterminated heredoc: warning at the marker, body to the end of the file', () => {
    const doc = parseDockerfile('FROM a\nRUN <<EOF\necho one\necho two');
    const run = as(nth(doc, 1), 'RUN');
    expect(run.heredocs.map((h) => [h.body, fmt(h.bodySpan)])).toEqual([['echo one\necho two', '3:1-4:9']]);
    expect(fmt(run.span)).toBe('2:1-4:9');
    expect(doc.warnings.map((w) => [w.message, fmt(w.span)])).toEqual([['unterminated heredoc <<EOF: its body runs to the end of the file', '2:5-2:10']]);
  });

  it('empty body', () => {
    const doc = parseDockerfile('FROM a\nCOPY <<EOF /empty\nEOF\n');
    const h = as(nth(doc, 1), 'COPY').heredocs[0]!;
    expect([h.body, fmt(h.bodySpan)]).toEqual(['', '3:1-3:1']);
    expect(heredocSource(doc, h).text).toBe('');
  });

  it('ONBUILD RUN <<EOF gives the heredoc to the inner RUN', () => {
    const doc = parseDockerfile('FROM a\nONBUILD RUN <<EOF\necho x\nEOF\n');
    const ob = as(nth(doc, 1), 'ONBUILD');
    expect(as(ob.inner, 'RUN').heredocs.map((h) => h.body)).toEqual(['echo x\n']);
    expect(fmt(ob.span)).toBe('2:1-4:4');
    expect(doc.instructions).toHaveLength(2);
  });

  it.each([
    ['RUN ["cat", "<<EOF"]', 'JSON form'],
    ['CMD cat <<EOF', 'not RUN/COPY/ADD'],
    ["RUN echo '<<EOF'", 'quoted marker'],
    ['RUN echo a<<EOF', 'not at the start of a word'],
    ['RUN cat <<', 'no delimiter'],
  ])('%s: no heredoc (%s)', (line) => {
    const doc = parseDockerfile(`FROM a\n${line}\nFROM b\n`);
    expect(doc.instructions.map((i) => i.keyword)).toEqual(['FROM', line.slice(0, 3), 'FROM']);
    expect((nth(doc, 1) as { heredocs?: unknown[] }).heredocs ?? []).toEqual([]);
  });

  it('heredocSource maps a word on the 3rd body line', () => {
    const text = 'FROM a\nRUN <<EOT bash\nset -eux\napt-get update\napt-get install -y curl\nEOT\n';
    const doc = parseDockerfile(text);
    const src = heredocSource(doc, as(nth(doc, 1), 'RUN').heredocs[0]!);
    const at = src.toFile(src.text.indexOf('curl'));
    expect([at.line, at.column, text.slice(at.offset, at.offset + 4)]).toEqual([5, 20, 'curl']);
    expect(textAt(doc, as(nth(doc, 1), 'RUN').heredocs[0]!.bodySpan)).toBe('set -eux\napt-get update\napt-get install -y curl');
    // a Dockerfile object the parser did not make (e.g. a copy) works too: the line table is rebuilt
    const copy = heredocSource({ ...doc }, as(nth(doc, 1), 'RUN').heredocs[0]!);
    expect(copy.toFile(copy.text.indexOf('curl'))).toEqual(at);
  });
});
