import { describe, expect, it } from 'vitest';
import { spansOf } from './instruction-helper.js';

describe('DL3023 COPY --from its own stage', () => {
  it.each<[string, string[]]>([
    ['FROM node:22 AS foo\nCOPY --from=foo bar .\n', ['2:6-2:16']],
    ['FROM node:22 AS Foo\nCOPY --from=FOO bar .\n', ['2:6-2:16']],
    ['FROM alpine:3.20\nFROM alpine:3.20\nCOPY --from=1 x .\n', ['3:6-3:14']],
  ])('catches %j', async (text, spans) => {
    expect(await spansOf('DL3023', text)).toEqual(spans);
  });

  it.each([
    'FROM scratch AS build\nRUN foo\nFROM node:22 AS run\nCOPY --from=build foo .\nRUN baz\n',
    'FROM node:22\nCOPY --from=node bar .\n',
    'FROM alpine:3.20\nFROM alpine:3.20\nCOPY --from=0 x .\n',
    'COPY --from=foo bar .\n',
  ])('catches not %j', async (text) => {
    expect(await spansOf('DL3023', text)).toEqual([]);
  });
});
