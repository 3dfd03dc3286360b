import { describe, expect, it } from 'vitest';
import { spansOf } from './instruction-helper.js';

describe('DL3066 non-numeric USER', () => {
  it.each<[string, string[]]>([
    ['FROM alpine:3.20\nUSER foobar\n', ['2:6-2:12']],
    ['FROM alpine:3.20\nUSER foobar:barfoo\n', ['2:6-2:12']],
    ['FROM alpine:3.20\nUSER root\n', ['2:6-2:10']],
    ['FROM alpine:3.20\nONBUILD USER app\n', ['2:14-2:17']],
  ])('catches %j', async (text, spans) => {
    expect(await spansOf('DL3066', text)).toEqual(spans);
  });

  it.each([
    'FROM alpine:3.20\nUSER 12345\n',
    'FROM alpine:3.20\nUSER 1234:5678\n',
    'FROM alpine:3.20\nUSER 1000:staff\n',
    'ARG APP_UID\nFROM foobar:barfoo\nUSER ${APP_UID}\n',
    'FROM alpine:3.20\nUSER $UID:$GID\n',
  ])('catches not %j', async (text) => {
    expect(await spansOf('DL3066', text)).toEqual([]);
  });
});
