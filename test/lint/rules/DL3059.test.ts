import { describe, expect, it } from 'vitest';
import { DL3059 } from '../../../src/lint/rules/DL3059.js';
import { findingsOf } from './lint-helper.js';
import { at, hadolint, where } from './shell-helper.js';

describe('DL3059 consecutive RUNs', () => {
  it.each([
    ['two single-command RUNs', 'FROM debian\nRUN /foo.sh\nRUN /bar.sh\n', [2]],
    ['comments between them', 'FROM debian\nRUN /foo.sh\n# a comment\n# another\nRUN /bar.sh\n', [2]],
    ['the same --mount', 'FROM debian\nRUN --mount=type=secret,id=foo /foo.sh\nRUN --mount=type=secret,id=foo /bar.sh\n', [2]],
    ['a third after a chained one', 'FROM debian\nRUN foo && bar\nRUN foo\nRUN bar\n', [3]],
    ['three in a row', 'FROM debian\nRUN a\nRUN b\nRUN c\n', [2, 3]],
    ['exec form', 'FROM debian\nRUN ["a"]\nRUN b\n', [2]],
  ])('catches %s (at the later RUN)', async (_name, text, nths) => {
    expect(await where('DL3059', text)).toEqual(nths.map((n) => at(text, 'RUN', n)));
  });

  it.each([
    ['one RUN', 'FROM debian\nRUN /foo.sh\n'],
    ['another instruction between', 'FROM debian\nRUN /foo.sh\nWORKDIR /\nRUN /bar.sh\n'],
    ['different --mount flags', 'FROM debian\nRUN --mount=type=secret,id=foo /foo.sh\nRUN /bar.sh\n'],
    ['different mount ids', 'FROM debian\nRUN --mount=type=secret,id=foo /foo.sh\nRUN --mount=type=secret,id=bar /bar.sh\n'],
    ['chained commands before', 'FROM debian\nRUN foo && bar\nRUN foobar\n'],
    ['chained commands after', 'FROM debian\nRUN foobar\nRUN foo; bar\n'],
    ['a new stage', 'FROM debian AS a\nRUN a\nFROM debian\nRUN b\n'],
    ['an ONBUILD between', 'FROM debian\nRUN a\nONBUILD RUN b\nRUN c\n'],
  ])('ignores %s', async (_name, text) => {
    expect(await findingsOf('DL3059', text)).toEqual([]);
  });

  it('has Hadolint’s level and message', () => {
    expect({ level: DL3059.level, message: DL3059.message }).toEqual(hadolint('DL3059'));
  });
});
