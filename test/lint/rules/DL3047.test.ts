import { describe, expect, it } from 'vitest';
import { DL3047 } from '../../../src/lint/rules/DL3047.js';
import { findingsOf } from './lint-helper.js';
import { at, hadolint, where } from './shell-helper.js';

const df = (...lines: string[]): string => `FROM debian:12\n${lines.join('\n')}\n`;

describe('DL3047 wget without --progress', () => {
  it.each([
    ['wget', df('RUN wget my.xyz')],
    ['-O only', df('RUN wget -O /tmp/x https://example.com/x')],
    ['-nc is not -nv', df('RUN wget -nc https://example.com/x')],
    ['a `-o` value that is a URL is not the flag', df('RUN wget --header -o https://example.com/x')],
    ['in sh -c', df(`RUN sh -c "wget https://example.com/x"`)],
    ['an ONBUILD trigger', df('ONBUILD RUN wget my.xyz')],
  ])('catches %s (at wget)', async (_name, text) => {
    expect(await where('DL3047', text)).toEqual([at(text, 'wget')]);
  });

  it.each([
    ['--progress', df('RUN wget --progress=dot:giga my.xyz')],
    ['-q', df('RUN wget -q my.xyz')],
    ['-qO-', df('RUN wget -qO- my.xyz | sh')],
    ['--quiet', df('RUN wget --quiet my.xyz')],
    ['-nv', df('RUN wget -nv my.xyz')],
    ['--no-verbose', df('RUN wget --no-verbose my.xyz')],
    ['--output-file', df('RUN wget --output-file=/tmp/wget.log my.xyz')],
    ['-o', df('RUN wget -o /tmp/wget.log my.xyz')],
    ['--append-output', df('RUN wget --append-output=/tmp/wget.log my.xyz')],
    ['-a', df('RUN wget -a /tmp/wget.log my.xyz')],
    ['installing wget', df('RUN apt-get install -y wget')],
  ])('ignores %s', async (_name, text) => {
    expect(await findingsOf('DL3047', text)).toEqual([]);
  });

  it('has Hadolint’s level and message', () => {
    expect({ level: DL3047.level, message: DL3047.message }).toEqual(hadolint('DL3047'));
  });
});
