import { describe, expect, it } from 'vitest';
import { spansOf } from './instruction-helper.js';

describe('DL3065 FROM --platform=$TARGETPLATFORM', () => {
  it.each<[string, string[]]>([
    ['FROM --platform=$TARGETPLATFORM alpine:3.20\n', ['1:6-1:32']],
    ['FROM --platform=${TARGETPLATFORM} alpine:3.20\n', ['1:6-1:34']],
    ['FROM --platform="${TARGETPLATFORM}" alpine:3.20 AS x\n', ['1:6-1:36']],
  ])('catches %j', async (text, spans) => {
    expect(await spansOf('DL3065', text)).toEqual(spans);
  });

  it.each([
    'FROM alpine:3.20\n',
    'FROM --platform=$FOOBAR alpine:3.20\n',
    'FROM --platform=foobar/arm64 alpine:3.20\n',
    'FROM --platform=$BUILDPLATFORM alpine:3.20\n',
    'FROM --platform=${TARGETPLATFORM:-linux/amd64} alpine:3.20\n',
  ])('catches not %j', async (text) => {
    expect(await spansOf('DL3065', text)).toEqual([]);
  });
});
