import { describe, expect, it } from 'vitest';
import { spansOf } from './instruction-helper.js';

describe('DL3024 unique stage names', () => {
  it.each<[string, string[]]>([
    ['FROM node:22 AS foo\nRUN x\nFROM scratch as foo\n', ['3:17-3:20']],
    ['FROM a:1 AS Build\nFROM b:1 AS build\nFROM c:1 AS BUILD\n', ['2:13-2:18', '3:13-3:18']],
  ])('catches %j', async (text, spans) => {
    expect(await spansOf('DL3024', text)).toEqual(spans);
  });

  it.each(['FROM scratch AS build\nRUN foo\nFROM node:22 AS run\nRUN baz\n', 'FROM a:1\nFROM a:1\n', 'FROM a:1 AS a\nFROM a\n'])('catches not %j', async (text) => {
    expect(await spansOf('DL3024', text)).toEqual([]);
  });
});
