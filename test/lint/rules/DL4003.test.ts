import { describe, expect, it } from 'vitest';
import { spansOf } from './instruction-helper.js';

describe('DL4003 multiple CMD', () => {
  it.each<[string, string[]]>([
    ['FROM debian:12\nCMD bash\nRUN foo\nCMD ["another"]\n', ['4:1-4:4']],
    ['FROM debian:12 AS a\nCMD a\nCMD b\nCMD c\nFROM debian:12\nCMD d\n', ['3:1-3:4', '4:1-4:4']],
  ])('catches %j', async (text, spans) => {
    expect(await spansOf('DL4003', text)).toEqual(spans);
  });

  it.each([
    'CMD /bin/true\n',
    'FROM debian:12 AS a\nCMD bash\nFROM debian:12\nCMD another\n',
    'FROM debian:12\nONBUILD CMD a\nCMD b\n',
    'FROM debian:12\nENTRYPOINT a\nCMD b\n',
  ])('catches not %j', async (text) => {
    expect(await spansOf('DL4003', text)).toEqual([]);
  });
});
