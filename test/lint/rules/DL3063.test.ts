import { describe, expect, it } from 'vitest';
import { spansOf } from './instruction-helper.js';

describe('DL3063 reserved stage names', () => {
  it.each<[string, string[]]>([
    ['FROM foo:bar AS scratch\n', ['1:17-1:24']],
    ['FROM foo:bar AS context\n', ['1:17-1:24']],
    ['FROM foo:bar as Context\n', ['1:17-1:24']],
  ])('catches %j', async (text, spans) => {
    expect(await spansOf('DL3063', text)).toEqual(spans);
  });

  it.each(['FROM foo:bar AS foobar\n', 'FROM scratch\n', 'FROM foo:bar AS scratch-base\n'])('catches not %j', async (text) => {
    expect(await spansOf('DL3063', text)).toEqual([]);
  });
});
