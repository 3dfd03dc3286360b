import { describe, expect, it } from 'vitest';
import { spansOf } from './instruction-helper.js';

const on = { overrides: { DL3057: 'info' as const } };

describe('DL3057 HEALTHCHECK missing', () => {
  it.each<[string, string[]]>([
    ['FROM scratch\n', ['1:1-1:5']],
    ['FROM scratch AS base\nHEALTHCHECK CMD /bin/bla\nFROM scratch\n', ['3:1-3:5']],
    [
      'FROM scratch AS base1\nFROM base1 AS base2\nFROM base2 AS base3.1\nFROM base2 AS base3.2\n\nFROM base3.1 AS end1\nHEALTHCHECK NONE\n\nFROM base3.2 AS end2\n',
      ['4:1-4:5', '9:1-9:5'],
    ],
    // `c` is built FROM a stage that only is the base of one with a HEALTHCHECK (Hadolint counts that).
    ['FROM alpine:3.20 AS a\nFROM a AS b\nHEALTHCHECK NONE\nFROM a AS c\n', ['4:1-4:5']],
    ['FROM alpine:3.20\nONBUILD HEALTHCHECK NONE\n', ['1:1-1:5']],
  ])('catches %j', async (text, spans) => {
    expect(await spansOf('DL3057', text, on)).toEqual(spans);
  });

  it.each([
    'FROM scratch\nHEALTHCHECK NONE\n',
    'FROM scratch\nHEALTHCHECK CMD /bin/bla\n',
    'FROM scratch AS base\nHEALTHCHECK CMD /bin/bla\nFROM base\n',
    'FROM scratch AS base1\nFROM base1 AS base2\nFROM base2 AS base3\nFROM base3 AS end\nHEALTHCHECK NONE\n',
    'HEALTHCHECK NONE\n',
  ])('catches not %j', async (text) => {
    expect(await spansOf('DL3057', text, on)).toEqual([]);
  });

  it('is off by default', async () => {
    expect(await spansOf('DL3057', 'FROM scratch\n')).toEqual([]);
  });
});
