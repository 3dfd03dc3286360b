import { describe, expect, it } from 'vitest';
import { DL3003 } from '../../../src/lint/rules/DL3003.js';
import { findingsOf } from './lint-helper.js';
import { at, hadolint, where } from './shell-helper.js';

const df = (...lines: string[]): string => `FROM debian:12\n${lines.join('\n')}\n`;

describe('DL3003 cd instead of WORKDIR', () => {
  it.each([
    ['cd', df('RUN cd /opt'), 1],
    ['cd in a chain', df('RUN git clone x && cd x && make'), 1],
    ['cd in a subshell', df('RUN (cd /src && make) && make install'), 1],
    ['each cd', df('RUN cd /a && cd /b'), 2],
    ['cd in a heredoc', df('RUN <<EOF', 'cd /opt', 'EOF'), 1],
    ['an ONBUILD trigger', df('ONBUILD RUN cd /opt'), 1],
  ])('catches %s (at cd)', async (_name, text, count) => {
    const expected = Array.from({ length: count }, (_, i) => at(text, 'cd ', i + 1)).map((w) => ({ ...w, endColumn: w.endColumn - 1 }));
    expect(await where('DL3003', text)).toEqual(expected);
  });

  it.each([
    ['WORKDIR', df('WORKDIR /opt')],
    ['cd as an argument', df('RUN echo cd /opt')],
    ['a directory named cd', df('RUN mkdir cd')],
  ])('ignores %s', async (_name, text) => {
    expect(await findingsOf('DL3003', text)).toEqual([]);
  });

  it('has Hadolint’s level and message', () => {
    expect({ level: DL3003.level, message: DL3003.message }).toEqual(hadolint('DL3003'));
  });
});
