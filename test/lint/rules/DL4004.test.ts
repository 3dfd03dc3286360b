import { describe, expect, it } from 'vitest';
import { spansOf } from './instruction-helper.js';

describe('DL4004 multiple ENTRYPOINT', () => {
  it.each<[string, string[]]>([
    ['FROM debian:12\nENTRYPOINT bash\nRUN foo\nENTRYPOINT ["another"]\n', ['4:1-4:11']],
    ['FROM debian:12 AS a\nENTRYPOINT a\nFROM debian:12\nENTRYPOINT b\nentrypoint c\n', ['5:1-5:11']],
  ])('catches %j', async (text, spans) => {
    expect(await spansOf('DL4004', text)).toEqual(spans);
  });

  it.each([
    'FROM busybox:1.36\n',
    'ENTRYPOINT /bin/true\n',
    'FROM debian:12 AS a\nENTRYPOINT bash\nFROM debian:12\nENTRYPOINT another\n',
    'FROM debian:12\nONBUILD ENTRYPOINT a\nENTRYPOINT b\n',
  ])('catches not %j', async (text) => {
    expect(await spansOf('DL4004', text)).toEqual([]);
  });
});
