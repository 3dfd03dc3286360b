import { describe, expect, it } from 'vitest';
import { spansOf } from './instruction-helper.js';

describe('DL3061 instructions before the first FROM', () => {
  it.each<[string, string[]]>([
    ['LABEL foo=bar\nFROM foo:1\n', ['1:1-1:6']],
    ['RUN x\nARG A\nENV B=1\nFROM x:1\n', ['1:1-1:4', '3:1-3:4']],
    ['ONBUILD RUN x\nFROM a:1\n', ['1:1-1:8']],
    ['RUN a\nRUN b\n', ['1:1-1:4', '2:1-2:4']],
  ])('catches %j', async (text, spans) => {
    expect(await spansOf('DL3061', text)).toEqual(spans);
  });

  it.each([
    'FROM foo:1\nLABEL foo=bar\n',
    'ARG A=B\nFROM foo:1\nLABEL foo=bar\n',
    '# syntax = docker/dockerfile:1.0-experimental\nFROM node:16-alpine3.13\n',
    '# a comment\n\nARG V=1\n# another\nFROM foo:${V}\nRUN echo\n',
    'FROM foo:1\nARG A=B\nRUN echo bla\n',
    '',
  ])('catches not %j', async (text) => {
    expect(await spansOf('DL3061', text)).toEqual([]);
  });
});
