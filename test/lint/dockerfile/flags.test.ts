/** Flags before the arguments, RUN --mount parsing, and which flags each instruction accepts. */
import { describe, expect, it } from 'vitest';
import { csvFields } from '../../../src/lint/dockerfile/mounts.js';
import { parseDockerfile } from '../../../src/lint/dockerfile/parse.js';
import { as, fmt, nth, textAt } from './span-helpers.js';

const first = (text: string) => {
  const doc = parseDockerfile(`FROM base\n${text}\n`);
  return { doc, instr: nth(doc, 1) };
};

describe('flags', () => {
  it('RUN --network --security, with exact spans', () => {
    const { doc, instr } = first('RUN --network=none --security=insecure echo hi');
    const run = as(instr, 'RUN');
    expect(run.flags.map((f) => [f.name, f.value, fmt(f.span)])).toEqual([
      ['network', 'none', '2:5-2:19'],
      ['security', 'insecure', '2:20-2:39'],
    ]);
    expect([run.network, run.security]).toEqual(['none', 'insecure']);
    expect(run.argsText).toBe('echo hi');
    expect(fmt(run.argsSpan)).toBe('2:40-2:47');
    expect(doc.warnings).toEqual([]);
  });

  it('COPY flags and conveniences; a bare flag has no value', () => {
    const { doc, instr } = first('COPY --from=build --chown=1000:1000 --chmod=755 --link src/ /app/');
    const copy = as(instr, 'COPY');
    expect(copy.flags.map((f) => [f.name, f.value])).toEqual([
      ['from', 'build'],
      ['chown', '1000:1000'],
      ['chmod', '755'],
      ['link', undefined],
    ]);
    expect([copy.from, copy.chown, copy.chmod]).toEqual(['build', '1000:1000', '755']);
    expect(copy.sources.map((s) => s.value)).toEqual(['src/']);
    expect(copy.dest?.value).toBe('/app/');
    expect(doc.warnings).toEqual([]);
  });

  it('COPY --parents --exclude (repeatable) and ADD --checksum --keep-git-dir --unpack', () => {
    const { doc } = first(
      'COPY --parents --exclude=*.md --exclude=*.txt ./a/**/b /dst/\nADD --checksum=sha256:abc --keep-git-dir=true --unpack=false https://x/y.tgz /y/',
    );
    expect(nth(doc, 1).flags.map((f) => f.name)).toEqual(['parents', 'exclude', 'exclude']);
    expect(nth(doc, 2).flags.map((f) => `${f.name}=${f.value}`)).toEqual(['checksum=sha256:abc', 'keep-git-dir=true', 'unpack=false']);
    expect(doc.warnings).toEqual([]);
  });

  it('FROM --platform', () => {
    const doc = parseDockerfile('FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n');
    const from = as(nth(doc, 0), 'FROM');
    expect(from.platform).toBe('$BUILDPLATFORM');
    expect(from.image.expanded).toBe('golang:1.22');
    expect(fmt(from.flags[0]!.span)).toBe('1:6-1:31');
  });

  it('quotes are removed from flag values, the span keeps them', () => {
    const { doc, instr } = first('RUN --mount="type=secret,id=tok" cat /run/secrets/tok');
    expect(instr.flags[0]?.value).toBe('type=secret,id=tok');
    expect(textAt(doc, instr.flags[0]!.span)).toBe('--mount="type=secret,id=tok"');
  });

  it('a lone -- ends the flags', () => {
    const { instr } = first('RUN -- --not-a-flag');
    expect(instr.flags).toEqual([]);
    expect(instr.argsText).toBe('--not-a-flag');
  });

  it('a single dash is an argument', () => {
    const { instr } = first('RUN -x foo');
    expect(instr.flags).toEqual([]);
    expect(instr.argsText).toBe('-x foo');
  });

  it('flags across continuation lines', () => {
    const { doc, instr } = first('RUN --mount=type=cache,target=/a \\\n    --network=host \\\n    make');
    expect(instr.flags.map((f) => fmt(f.span))).toEqual(['2:5-2:33', '3:5-3:19']);
    expect(instr.argsText).toBe('make');
    expect(fmt(instr.argsSpan)).toBe('4:5-4:9');
    expect(doc.warnings).toEqual([]);
  });

  it.each([
    ['COPY --bogus=1 a b', 'unknown flag --bogus for COPY'],
    ['ENV --x=1 A=b', 'unknown flag --x for ENV'],
    ['ADD --parents a b', 'unknown flag --parents for ADD'],
    ['COPY --from=a --from=b x y', 'duplicate flag --from'],
    ['RUN --network=wifi true', "unsupported network mode 'wifi'"],
    ['RUN --security=lax true', "unsupported security mode 'lax'"],
  ])('%s → warning', (line, message) => {
    const { doc } = first(line);
    expect(doc.warnings.map((w) => w.message)).toEqual([message]);
    expect(doc.warnings[0]!.span.start.line).toBe(2);
  });
});

describe('RUN --mount', () => {
  const mount = (flag: string) => {
    const { doc, instr } = first(`RUN ${flag} true`);
    const run = as(instr, 'RUN');
    expect(run.mounts).toHaveLength(1);
    return { doc, m: run.mounts[0]! };
  };

  it('cache mount with id and sharing', () => {
    const { doc, m } = mount('--mount=type=cache,target=/root/.cache,id=x,sharing=locked');
    expect(m.type).toBe('cache');
    expect(m.target).toBe('/root/.cache');
    expect([...m.options]).toEqual([
      ['type', 'cache'],
      ['target', '/root/.cache'],
      ['id', 'x'],
      ['sharing', 'locked'],
    ]);
    expect(fmt(m.span)).toBe('2:5-2:63');
    expect(doc.warnings).toEqual([]);
  });

  it('type defaults to bind', () => {
    const { m } = mount('--mount=target=/src,source=.');
    expect([m.type, m.target]).toEqual(['bind', '/src']);
  });

  it('secret with dst and a bare key', () => {
    const { doc, m } = mount('--mount=type=secret,id=aws,dst=/run/secrets/aws,required');
    expect([m.type, m.target]).toEqual(['secret', '/run/secrets/aws']);
    expect(m.options.has('required')).toBe(true);
    expect(m.options.get('required')).toBeUndefined();
    expect(doc.warnings).toEqual([]);
  });

  it('keys and type are case-insensitive', () => {
    const { m } = mount('--mount=Type=Cache,Target=/x');
    expect([m.type, m.target]).toEqual(['cache', '/x']);
  });

  it('CSV quoting inside the value', () => {
    const { m } = mount(`--mount='type=bind,"source=a,b",target=/x'`);
    expect(m.options.get('source')).toBe('a,b');
    expect(m.target).toBe('/x');
  });

  it('ssh mount needs no target', () => {
    const { doc, m } = mount('--mount=type=ssh');
    expect([m.type, m.target]).toEqual(['ssh', undefined]);
    expect(doc.warnings).toEqual([]);
  });

  it.each([
    ['--mount=type=bogus,target=/x', "unsupported mount type 'bogus'"],
    ['--mount=type=cache', 'mount of type cache needs a target'],
    ['--mount=type=cache,target=/x,weird', "invalid mount field 'weird': must be a key=value pair"],
  ])('%s → warning', (flag, message) => {
    const { doc } = mount(flag);
    expect(doc.warnings.map((w) => w.message)).toEqual([message]);
  });

  it('several mounts', () => {
    const { instr } = first('RUN --mount=type=cache,target=/a --mount=type=tmpfs,target=/tmp,size=64m make');
    expect(as(instr, 'RUN').mounts.map((m) => `${m.type}:${m.target}`)).toEqual(['cache:/a', 'tmpfs:/tmp']);
  });

  it.each([
    ['a,b,c', ['a', 'b', 'c']],
    ['"a,b",c', ['a,b', 'c']],
    ['"say ""hi""",x', ['say "hi"', 'x']],
    ['', ['']],
    ['a,,b', ['a', '', 'b']],
    ['"unterminated', ['unterminated']],
  ])('csvFields(%j)', (value, fields) => {
    expect(csvFields(value)).toEqual(fields);
  });
});
