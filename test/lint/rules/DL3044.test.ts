import { describe, expect, it } from 'vitest';
import { spansOf } from './instruction-helper.js';

describe('DL3044 ENV referring to a variable it defines', () => {
  it.each<[string, string[]]>([
    ['FROM alpine:3.20\nENV BLA="blubb" BLUBB="${BLA}/blubb"\n', ['2:24-2:30']],
    ['FROM alpine:3.20\nENV BLA="blubb" BLUBB="$BLA/$BLAFOO/blubb"\n', ['2:24-2:28']],
    ['FROM alpine:3.20\nENV PATH=/bla:${PATH} PATH=/blubb:${PATH}\n', ['2:35-2:42']],
    ['FROM alpine:3.20\nENV A=1 B=${A:-2}\n', ['2:11-2:18']],
    ['FROM alpine:3.20\nONBUILD ENV A=1 B=$A\n', ['2:19-2:21']],
  ])('catches %j', async (text, spans) => {
    expect(await spansOf('DL3044', text)).toEqual(spans);
  });

  it.each([
    'ENV BLA="blubb"\nENV BLUBB="${BLA}/blubb"\n',
    'ENV BLA="blubb" BLUBB="${FOOBLA}/blubb"\n',
    'ENV BLA="blubb" BLUBB="$BLAFOO/blubb"\n',
    'ENV BLA="blubb" BLUBB="BLA/$BLAFOO/BLA"\n',
    'ARG BLA\nENV BLA=${BLA}\n',
    'ENV BLA blubb\nENV BLA=${BLA}\n',
    'ENV PATH=/bla:${PATH}\n',
    'ENV PATH=/bla:${PATH}\nENV PATH=/blubb:${PATH}\n',
    "ENV A=1 B='$A'\n",
    'ENV A=1 B=\\$A\n',
    // A reference to a later pair reads the old value, as it looks like it does.
    'ENV A=$B B=1\n',
  ])('catches not %j', async (text) => {
    expect(await spansOf('DL3044', text)).toEqual([]);
  });
});
