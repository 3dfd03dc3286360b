import { describe, expect, it } from 'vitest';
import { spansOf } from './instruction-helper.js';

describe('DL3045 COPY to a relative destination without WORKDIR', () => {
  it.each<[string, string[]]>([
    ['COPY bla.sh blubb.sh\n', ['1:13-1:21']],
    ['FROM debian:12\nCOPY bla.sh "blubb.sh"\n', ['2:13-2:23']],
    ['FROM debian:12\nCOPY ["a", "b"]\n', ['2:12-2:15']],
    ['FROM debian:12 AS stage1\nWORKDIR /usr\nFROM debian:12\nCOPY foo bar\n', ['4:10-4:13']],
    // Not built FROM the first stage, though the same image (Hadolint keys stages by image name here).
    ['FROM debian:12\nWORKDIR /usr\nFROM debian:12\nCOPY foo bar\n', ['4:10-4:13']],
    // An ONBUILD WORKDIR sets the directory of later images, not of this one.
    ['FROM debian:12\nONBUILD WORKDIR /app\nCOPY a b\n', ['3:8-3:9']],
    ['FROM debian:12\nONBUILD COPY a b\n', ['2:16-2:17']],
    ['FROM debian:12\nCOPY a .\nWORKDIR /app\nCOPY b .\n', ['2:8-2:9']],
  ])('catches %j', async (text, spans) => {
    expect(await spansOf('DL3045', text)).toEqual(spans);
  });

  it.each([
    'COPY bla.sh /usr/local/bin/blubb.sh\n',
    'COPY bla.sh "/usr/local/bin/blubb.sh"\n',
    'COPY bla.sh c:\\system32\\blubb.sh\n',
    'COPY bla.sh "d:\\mypath\\blubb.sh"\n',
    'COPY bla.sh c:/system32/blubb.sh\n',
    'COPY src.sh ${SRC_BASE_ENV}\n',
    'COPY src.sh "$SRC_BASE_ENV"\n',
    'FROM scratch\nWORKDIR /usr\nCOPY bla.sh blubb.sh\n',
    'FROM debian:12 AS base\nWORKDIR /usr\nFROM debian:12 AS other\nRUN foo\nFROM base\nCOPY foo bar\n',
    'FROM debian:12 AS base1\nWORKDIR /usr\nFROM base1 AS base2\nRUN foo\nFROM BASE2\nCOPY foo bar\n',
    'FROM debian:12\nONBUILD WORKDIR /usr/local/lib\nONBUILD COPY foo bar\n',
    'FROM debian:12\nWORKDIR /app\nONBUILD COPY foo bar\n',
    'FROM debian:12\nADD foo bar\n',
  ])('catches not %j', async (text) => {
    expect(await spansOf('DL3045', text)).toEqual([]);
  });
});
