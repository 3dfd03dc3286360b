import { describe, expect, it } from 'vitest';
import { spansOf } from './instruction-helper.js';

describe('DL3029 constant FROM --platform', () => {
  it.each<[string, string[]]>([
    ['FROM --platform=linux debian:jessie\n', ['1:6-1:22']],
    ['FROM --platform=linux/arm64 alpine:3.20 AS a\n', ['1:6-1:28']],
    ['FROM --platform="linux/amd64" alpine:3.20\n', ['1:6-1:30']],
  ])('catches %j', async (text, spans) => {
    expect(await spansOf('DL3029', text)).toEqual(spans);
  });

  it.each([
    'FROM debian:jessie\n',
    'FROM --platform=$BUILDPLATFORM debian:jessie\n',
    'FROM --platform="$BUILDPLATFORM" debian:jessie\n',
    'FROM --platform=${BUILDPLATFORM:-} debian:jessie\n',
    'FROM --platform=$TARGETPLATFORM debian:jessie\n',
    'FROM --platform=${TARGETOS}/${TARGETARCH} debian:jessie\n',
    // Any build argument is chosen at build time, not hard-coded (BuildKit's FromPlatformFlagConstDisallowed).
    'ARG PLATFORM=linux/amd64\nFROM --platform=$PLATFORM debian:jessie\n',
  ])('catches not %j', async (text) => {
    expect(await spansOf('DL3029', text)).toEqual([]);
  });
});
