import { describe, expect, it } from 'vitest';
import { spansOf } from './instruction-helper.js';

describe('DL3022 COPY --from an undefined stage', () => {
  it.each<[string, string[]]>([
    ['COPY --from=foo bar .\n', ['1:6-1:16']],
    ['FROM scratch\nCOPY --from=build foo .\nFROM node:22 AS build\n', ['2:6-2:18']],
    ['COPY --from=0 bar .\n', ['1:6-1:14']],
    ['FROM alpine:3.20\nCOPY --from=2 x .\n', ['2:6-2:14']],
    ['FROM alpine:3.20 AS a\nFROM alpine:3.20\nCOPY --chown=1 --from=b x .\n', ['3:16-3:24']],
  ])('catches %j', async (text, spans) => {
    expect(await spansOf('DL3022', text)).toEqual(spans);
  });

  it.each([
    'FROM scratch AS build\nRUN foo\nFROM node:22\nCOPY --from=build foo .\n',
    // Stage names are case-insensitive.
    'FROM node:22 AS Build\nFROM alpine:3.20\nCOPY --from=BUILD a .\n',
    'COPY --from=haskell:latest bar .\n',
    'FROM alpine:3.20\nCOPY --from=ghcr.io/org/tool /tool /usr/bin/\n',
    'FROM alpine:3.20\nCOPY --from=alpine@sha256:7959ed6f7e35f8b1aaa06d1d8259d4ee25aa85a086d5c125480c333183f9deeb /x /x\n',
    'FROM scratch\nRUN foo\nFROM node:22\nCOPY --from=0 foo .\n',
    'ARG BUILDER=build\nFROM alpine:3.20\nCOPY --from=${BUILDER} /x /x\n',
    // Its own stage: DL3023's case.
    'FROM node:22 AS foo\nCOPY --from=foo bar .\n',
  ])('catches not %j', async (text) => {
    expect(await spansOf('DL3022', text)).toEqual([]);
  });
});
