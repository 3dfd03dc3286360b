import { describe, expect, it } from 'vitest';
import { spansOf } from './instruction-helper.js';

describe('DL3043 forbidden ONBUILD triggers', () => {
  it.each<[string, string[]]>([
    ['ONBUILD ONBUILD RUN anything\n', ['1:9-1:16']],
    ['FROM debian:12\nONBUILD FROM debian:buster\n', ['2:9-2:13']],
    ['FROM debian:12\nONBUILD MAINTAINER "BoJack Horseman"\n', ['2:9-2:19']],
    ['FROM debian:12\nonbuild from x\n', ['2:9-2:13']],
  ])('catches %j', async (text, spans) => {
    expect(await spansOf('DL3043', text)).toEqual(spans);
  });

  it.each([
    'FROM debian:12\nONBUILD ADD anything anywhere\n',
    'FROM debian:12\nONBUILD RUN anything\n',
    'FROM debian:12\nONBUILD HEALTHCHECK NONE\n',
    'FROM debian:12\nONBUILD ENV FROM=1\n',
    'FROM debian:buster\n',
    'MAINTAINER "Some Guy"\n',
  ])('catches not %j', async (text) => {
    expect(await spansOf('DL3043', text)).toEqual([]);
  });
});
