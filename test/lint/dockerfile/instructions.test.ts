/** Per-keyword argument grammar: JSON vs shell form, ENV/LABEL/ARG pairs, USER, EXPOSE, HEALTHCHECK, ONBUILD, unknowns. */
import { describe, expect, it } from 'vitest';
import type { CommandForm } from '../../../src/lint/dockerfile/ast.js';
import { parseDockerfile } from '../../../src/lint/dockerfile/parse.js';
import { as, fmt, nth, textAt } from './span-helpers.js';

const second = (text: string) => {
  const doc = parseDockerfile(`FROM base\n${text}\n`);
  return { doc, instr: nth(doc, 1) };
};
const messages = (text: string) => parseDockerfile(`FROM base\n${text}\n`).warnings.map((w) => w.message);

function describeForm(c: CommandForm | undefined): string {
  if (c === undefined) return 'none';
  return c.kind === 'exec' ? `exec ${JSON.stringify(c.args.map((a) => a.value))}` : `shell ${JSON.stringify(c.script.text)}`;
}

describe('JSON (exec) form vs shell form, as BuildKit decides', () => {
  it.each([
    ['CMD ["a", "b c"]', 'exec ["a","b c"]'],
    ['CMD [ "a" ,"b" ]', 'exec ["a","b"]'],
    ['CMD []', 'exec []'],
    ['CMD ["a"] trailing text', 'exec ["a"]'],
    ["CMD ['a']", `shell "['a']"`],
    ['CMD [a]', 'shell "[a]"'],
    ['CMD ["a",]', 'shell "[\\"a\\",]"'],
    ['CMD ["a" "b"]', 'shell "[\\"a\\" \\"b\\"]"'],
    ['CMD ["unterminated', 'shell "[\\"unterminated"'],
    ['ENTRYPOINT ["/bin/app", "--flag=\\"q\\"", "\\u00e9\\n"]', 'exec ["/bin/app","--flag=\\"q\\"","é\\n"]'],
    ['RUN echo "[not json]"', 'shell "echo \\"[not json]\\""'],
    ['RUN', 'shell ""'],
  ])('%s → %s', (line, expected) => {
    const { doc, instr } = second(line);
    expect(describeForm((instr as { command?: CommandForm }).command)).toBe(expected);
    expect(doc.warnings).toEqual([]);
  });

  it('a JSON array holding non-strings is an error in BuildKit: warning, shell form', () => {
    const { doc, instr } = second('CMD ["a", 1, {"k": [true, null]}]');
    expect(describeForm(as(instr, 'CMD').command)).toBe('shell "[\\"a\\", 1, {\\"k\\": [true, null]}]"');
    expect(doc.warnings.map((w) => w.message)).toEqual(['when using JSON array syntax, arrays must be comprised of strings only']);
  });

  it('exec args keep their raw literal and exact spans, also across continuation lines', () => {
    const { doc, instr } = second('ENTRYPOINT ["node", \\\n  "server.js"]');
    const cmd = as(instr, 'ENTRYPOINT').command;
    if (cmd.kind !== 'exec') throw new Error('exec expected');
    expect(cmd.args.map((a) => [a.raw, a.value, fmt(a.span)])).toEqual([
      ['"node"', 'node', '2:13-2:19'],
      ['"server.js"', 'server.js', '3:3-3:14'],
    ]);
    expect(textAt(doc, cmd.args[1]!.span)).toBe('"server.js"');
  });

  it('COPY/ADD: JSON sources with blanks, or whitespace words', () => {
    const json = as(second('COPY ["my file.txt", "other", "/dst/"]').instr, 'COPY');
    expect([json.json, json.sources.map((s) => s.value), json.dest?.value]).toEqual([true, ['my file.txt', 'other'], '/dst/']);
    const words = as(second('ADD  a.tgz   b.tgz /opt/').instr, 'ADD');
    expect([words.json, words.sources.map((s) => fmt(s.span)), words.dest && fmt(words.dest.span)]).toEqual([false, ['2:6-2:11', '2:14-2:19'], '2:20-2:25']);
  });

  it('COPY with a single word warns and has no destination', () => {
    const { doc, instr } = second('COPY onlyone');
    const copy = as(instr, 'COPY');
    expect([copy.sources.map((s) => s.value), copy.dest]).toEqual([['onlyone'], undefined]);
    expect(doc.warnings.map((w) => w.message)).toEqual(['COPY requires at least two arguments: sources and a destination']);
  });

  it('SHELL must be JSON', () => {
    expect(as(second('SHELL ["/bin/bash", "-o", "pipefail", "-c"]').instr, 'SHELL').args.map((a) => a.value)).toEqual(['/bin/bash', '-o', 'pipefail', '-c']);
    expect(messages('SHELL /bin/sh -c')).toEqual(['SHELL requires the arguments to be in JSON form']);
  });

  it('VOLUME: JSON or whitespace words', () => {
    expect(as(second('VOLUME ["/a", "/b c"]').instr, 'VOLUME').words.map((w) => w.value)).toEqual(['/a', '/b c']);
    expect(as(second('VOLUME /a /b').instr, 'VOLUME').words.map((w) => w.value)).toEqual(['/a', '/b']);
  });
});

describe('HEALTHCHECK', () => {
  it('shell CMD after flags', () => {
    const { doc, instr } = second('HEALTHCHECK --interval=5m --timeout=3s CMD curl -f http://localhost/ || exit 1');
    const hc = as(instr, 'HEALTHCHECK');
    expect(hc.flags.map((f) => `${f.name}=${f.value}`)).toEqual(['interval=5m', 'timeout=3s']);
    expect(describeForm(hc.command)).toBe('shell "curl -f http://localhost/ || exit 1"');
    if (hc.command?.kind !== 'shell') throw new Error('shell expected');
    expect(hc.command.script.toFile(0).column).toBe(44);
    expect(doc.warnings).toEqual([]);
  });

  it.each([
    ['HEALTHCHECK CMD ["curl", "-f", "x"]', 'exec ["curl","-f","x"]', []],
    ['HEALTHCHECK NONE', 'none', []],
    ['healthcheck none', 'none', []],
    ['HEALTHCHECK NONE now', 'none', ['HEALTHCHECK NONE takes no arguments']],
    ['HEALTHCHECK PING x', 'none', ['unknown type "PING" in HEALTHCHECK (try CMD)']],
    ['HEALTHCHECK', 'none', ['HEALTHCHECK requires at least one argument']],
    ['HEALTHCHECK CMD', 'shell ""', ['missing command after HEALTHCHECK CMD']],
  ])('%s', (line, form, warnings) => {
    const { doc, instr } = second(line);
    expect(describeForm(as(instr, 'HEALTHCHECK').command)).toBe(form);
    expect(doc.warnings.map((w) => w.message)).toEqual(warnings);
  });
});

describe('ENV, LABEL, ARG', () => {
  it('ENV k=v pairs with quotes and escapes, exact spans', () => {
    const { doc, instr } = second('ENV A=1 B="two words" C=three\\ four D=');
    const env = as(instr, 'ENV');
    expect(env.legacy).toBe(false);
    expect(env.pairs.map((p) => [p.key.value, p.value?.raw, p.value?.value])).toEqual([
      ['A', '1', '1'],
      ['B', '"two words"', 'two words'],
      ['C', 'three\\ four', 'three four'],
      ['D', '', ''],
    ]);
    expect(fmt(env.pairs[1]!.key.span)).toBe('2:9-2:10');
    expect(fmt(env.pairs[1]!.value!.span)).toBe('2:11-2:22');
    expect(doc.warnings).toEqual([]);
  });

  it('single quotes keep $ literal, double quotes keep blanks', () => {
    const env = as(second(`ENV A='$HOME x' B="\\$HOME"`).instr, 'ENV');
    expect(env.pairs.map((p) => p.value?.value)).toEqual(['$HOME x', '$HOME']);
  });

  it('legacy ENV key value…', () => {
    const env = as(second('ENV PATH /usr/local/bin:$PATH  extra').instr, 'ENV');
    expect(env.legacy).toBe(true);
    expect(env.pairs.map((p) => [p.key.value, p.value?.value, p.value && fmt(p.value.span)])).toEqual([['PATH', '/usr/local/bin:$PATH  extra', '2:10-2:37']]);
  });

  it('LABEL across continuation lines', () => {
    const { doc, instr } = second('LABEL "com.example.vendor"="ACME Inc" \\\n      version=1.0');
    const label = as(instr, 'LABEL');
    expect(label.pairs.map((p) => [p.key.value, p.value?.value])).toEqual([
      ['com.example.vendor', 'ACME Inc'],
      ['version', '1.0'],
    ]);
    expect(fmt(label.pairs[1]!.key.span)).toBe('3:7-3:14');
    expect(textAt(doc, label.pairs[1]!.value!.span)).toBe('1.0');
  });

  it('ARG names with and without defaults', () => {
    const { doc, instr } = second('ARG A B=2 C= D="x y"');
    const arg = as(instr, 'ARG');
    expect(arg.pairs.map((p) => [p.key.value, p.value?.value])).toEqual([
      ['A', undefined],
      ['B', '2'],
      ['C', ''],
      ['D', 'x y'],
    ]);
    expect(doc.warnings).toEqual([]);
  });

  it.each([
    ['ENV A=1 B', ['syntax error - can\'t find = in "B". Must be of the form: name=value']],
    ['ENV A', ['ENV must have two arguments']],
    ['ENV', ['ENV requires at least one argument']],
    ['LABEL =x', ['LABEL names can not be blank']],
    ['ARG', ['ARG requires at least one argument']],
    ['ARG =x', ['ARG names can not be blank']],
  ])('%s → %j', (line, warnings) => {
    expect(messages(line)).toEqual(warnings);
  });
});

describe('USER, EXPOSE, WORKDIR, STOPSIGNAL, MAINTAINER', () => {
  it('USER user:group', () => {
    const user = as(second('USER app:grp').instr, 'USER');
    expect([user.user.value, fmt(user.user.span), user.group?.value, user.group && fmt(user.group.span)]).toEqual(['app', '2:6-2:9', 'grp', '2:10-2:13']);
    const uid = as(second('USER 1000').instr, 'USER');
    expect([uid.user.value, uid.group]).toEqual(['1000', undefined]);
    expect(messages('USER')).toEqual(['USER requires exactly one argument']);
  });

  it('EXPOSE ports as written', () => {
    const expose = as(second('EXPOSE 80 443/tcp 1000-2000/udp ${PORT}').instr, 'EXPOSE');
    expect(expose.ports.map((p) => [p.value, fmt(p.span)])).toEqual([
      ['80', '2:8-2:10'],
      ['443/tcp', '2:11-2:18'],
      ['1000-2000/udp', '2:19-2:32'],
      ['${PORT}', '2:33-2:40'],
    ]);
    expect(messages('EXPOSE')).toEqual(['EXPOSE requires at least one argument']);
  });

  it('plain instructions are OtherInstruction with words', () => {
    const { doc } = second('WORKDIR "/my app"\nSTOPSIGNAL SIGQUIT\nMAINTAINER Jane Doe <jane@example.com>');
    expect(doc.instructions.slice(1).map((i) => [i.keyword, as(i, i.keyword as 'WORKDIR').words.map((w) => w.value), (i as { unknown?: boolean }).unknown])).toEqual([
      ['WORKDIR', ['/my app'], false],
      ['STOPSIGNAL', ['SIGQUIT'], false],
      ['MAINTAINER', ['Jane', 'Doe', '<jane@example.com>'], false],
    ]);
    expect(doc.warnings).toEqual([]);
    expect(messages('WORKDIR')).toEqual(['WORKDIR requires exactly one argument']);
  });
});

describe('ONBUILD', () => {
  it('wraps a fully parsed instruction', () => {
    const { doc, instr } = second('ONBUILD RUN --mount=type=cache,target=/c apt-get update');
    const ob = as(instr, 'ONBUILD');
    expect(ob.onbuild).toBe(false);
    expect(ob.argsText).toBe('RUN --mount=type=cache,target=/c apt-get update');
    const inner = as(ob.inner, 'RUN');
    expect(inner.onbuild).toBe(true);
    expect(inner.stage).toBe(0);
    expect(fmt(inner.keywordSpan)).toBe('2:9-2:12');
    expect(fmt(inner.span)).toBe('2:9-2:56');
    expect(inner.mounts.map((m) => m.target)).toEqual(['/c']);
    expect(inner.argsText).toBe('apt-get update');
    expect(doc.warnings).toEqual([]);
  });

  it('lower-case keywords inside', () => {
    const ob = as(second('onbuild copy . /app').instr, 'ONBUILD');
    expect(as(ob.inner, 'COPY').dest?.value).toBe('/app');
  });

  it.each([
    ['ONBUILD', 'ONBUILD requires at least one argument'],
    ['ONBUILD ONBUILD RUN x', 'chaining ONBUILD via `ONBUILD ONBUILD` is not allowed'],
    ['ONBUILD FROM alpine', 'FROM is not allowed as an ONBUILD trigger'],
    ['ONBUILD maintainer me', 'MAINTAINER is not allowed as an ONBUILD trigger'],
  ])('%s → no inner, warning', (line, message) => {
    const { doc, instr } = second(line);
    expect(as(instr, 'ONBUILD').inner).toBeUndefined();
    expect(doc.warnings.map((w) => w.message)).toEqual([message]);
  });

  it('an unknown trigger is an unknown instruction inside', () => {
    const { doc, instr } = second('ONBUILD FOO bar');
    expect(as(instr, 'ONBUILD').inner).toMatchObject({ keyword: 'FOO', unknown: true, onbuild: true });
    expect(doc.warnings.map((w) => [w.message, fmt(w.span)])).toEqual([['unknown instruction: FOO', '2:9-2:12']]);
  });
});

describe('unknown keywords and instructions outside a stage', () => {
  it('unknown keyword: OtherInstruction, warning on the keyword as written', () => {
    const { doc, instr } = second('Frobnicate all the things');
    expect(instr).toMatchObject({ keyword: 'FROBNICATE', unknown: true });
    expect(as(instr, 'FROBNICATE' as 'WORKDIR').words.map((w) => w.value)).toEqual(['all', 'the', 'things']);
    expect(doc.warnings.map((w) => [w.message, fmt(w.span)])).toEqual([['unknown instruction: Frobnicate', '2:1-2:11']]);
  });

  it('instructions before the first FROM: stage -1 and a warning; ARG is fine', () => {
    const doc = parseDockerfile('ARG V=1\nRUN echo hi\nFROM alpine\nRUN true\n');
    expect(doc.instructions.map((i) => `${i.keyword}@${i.stage}`)).toEqual(['ARG@-1', 'RUN@-1', 'FROM@0', 'RUN@0']);
    expect(doc.warnings.map((w) => [w.message, fmt(w.span)])).toEqual([['RUN before the first FROM: no build stage in context', '2:1-2:4']]);
    expect(doc.globalArgs.map((a) => a.argsText)).toEqual(['V=1']);
  });

  it('a file with only comments and blanks has no instructions and no warnings', () => {
    const doc = parseDockerfile('# nothing here\n\n   \n');
    expect([doc.instructions.length, doc.warnings.length, doc.comments.length]).toEqual([0, 0, 1]);
  });
});
