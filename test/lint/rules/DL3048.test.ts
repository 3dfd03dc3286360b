import { describe, expect, it } from 'vitest';
import { isValidLabelKey } from '../../../src/lint/rules/DL3048.js';
import { spansOf } from './instruction-helper.js';

describe('DL3048 label key format', () => {
  it.each<[string, string[]]>([
    ['LABEL com.docker.label="foo"\n', ['1:7-1:23']],
    ['LABEL invalid$character="foo"\n', ['1:7-1:24']],
    ['LABEL Maintainer="me"\n', ['1:7-1:17']],
    ['LABEL a.b="1" org..x="2"\n', ['1:15-1:21']],
    ['LABEL .invalid ="foo"\n', ['1:7-1:15']],
    ['FROM alpine:3.20\nONBUILD LABEL io.docker.x=1\n', ['2:15-2:26']],
  ])('catches %j', async (text, spans) => {
    expect(await spansOf('DL3048', text)).toEqual(spans);
  });

  it.each([
    'LABEL org.valid-key.label3="foo"\n',
    'LABEL validlabel="foo"\n',
    'LABEL org.opencontainers.image.source="https://example.com/repo"\n',
    'LABEL "org.example.quoted"="v"\n',
    'LABEL version 1.0\n',
  ])('catches not %j', async (text) => {
    expect(await spansOf('DL3048', text)).toEqual([]);
  });

  it.each<[string, boolean]>([
    ['a', true],
    ['a1', true],
    ['1a', false],
    ['-a', false],
    ['a-', false],
    ['a.', false],
    ['a--b', false],
    ['a-b.c-d', true],
    ['org.dockerproject.x', false],
    ['com.dockerx', true],
    ['', false],
    ['a_b', false],
  ])('isValidLabelKey(%j) = %j', (key, ok) => {
    expect(isValidLabelKey(key)).toBe(ok);
  });
});
