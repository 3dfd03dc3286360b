import { describe, expect, it } from 'vitest';
import { spansOf } from './instruction-helper.js';

describe('DL3002 last USER is root', () => {
  it.each<[string, string[]]>([
    ['FROM alpine:3.20\nUSER root\n', ['2:6-2:10']],
    ['FROM alpine:3.20\nUSER 0\n', ['2:6-2:7']],
    ['FROM alpine:3.20\nUSER root:root\n', ['2:6-2:10']],
    ['FROM alpine:3.20\nUSER 0:0\n', ['2:6-2:7']],
    ['FROM alpine:3.20\nUSER 000\n', ['2:6-2:9']],
    ['FROM alpine:3.20\nUSER app\nRUN x\nUSER root\n', ['4:6-4:10']],
    // Every stage whose last USER is root (Hadolint's semantics), once: a stage built FROM it inherits it.
    ['FROM debian:12 AS base\nUSER root\nFROM base\nRUN x\n', ['2:6-2:10']],
    ['FROM debian:12 AS build\nUSER 0\nFROM alpine:3.20\nUSER app\n', ['2:6-2:7']],
  ])('catches %j', async (text, spans) => {
    expect(await spansOf('DL3002', text)).toEqual(spans);
  });

  it.each([
    'FROM alpine:3.20\nUSER app\n',
    'FROM alpine:3.20\nUSER root\nRUN apk add x\nUSER 1000:1000\n',
    'FROM alpine:3.20\nUSER rootless\n',
    'FROM alpine:3.20\nUSER 10\n',
    'FROM alpine:3.20\nUSER ${APP_USER}\n',
    'FROM debian:12 AS build\nUSER root\nUSER app\nFROM alpine:3.20\n',
    // An ONBUILD USER applies to images built from this one.
    'FROM alpine:3.20\nUSER app\nONBUILD USER root\n',
    'FROM alpine:3.20\n',
  ])('catches not %j', async (text) => {
    expect(await spansOf('DL3002', text)).toEqual([]);
  });
});
