import { describe, expect, it } from 'vitest';
import { isSemver } from '../../../src/lint/rules/instructions/label-formats.js';
import { messagesOf, spansOf } from './instruction-helper.js';

const opts = { rule: { labelSchema: new Map([['version', 'semver']]) } };

describe('DL3056 semantic version label', () => {
  it.each<[string, string[]]>([
    ['LABEL version="not-sem-ver"\n', ['1:15-1:28']],
    ['LABEL version=v1.0.0\n', ['1:15-1:21']],
  ])('catches %j', async (text, spans) => {
    expect(await spansOf('DL3056', text, opts)).toEqual(spans);
  });

  it('names the label', async () => {
    expect(await messagesOf('DL3056', 'LABEL version=1\n', opts)).toEqual(['Label `version` does not conform to semantic versioning.']);
  });

  it.each(['LABEL version="1.0.0"\n', 'LABEL version="2.0.1-rc1"\n', 'LABEL other="foo"\n', 'LABEL version=$VERSION\n'])('catches not %j', async (text) => {
    expect(await spansOf('DL3056', text, opts)).toEqual([]);
  });

  it.each<[string, boolean]>([
    ['1.0.0', true],
    ['1.0.0-alpha.1+build.5', true],
    ['0.0.0', true],
    ['1.0', false],
    ['01.0.0', false],
    ['1.0.0-01', false],
    ['v1.0.0', false],
    ['=1.0.0', false],
    [' 1.0.0', false],
    ['1.0.0 ', false],
  ])('isSemver(%j) = %j', (v, ok) => {
    expect(isSemver(v)).toBe(ok);
  });
});
