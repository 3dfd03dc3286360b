import { describe, expect, it } from 'vitest';
import { isGitHash } from '../../../src/lint/rules/instructions/label-formats.js';
import { messagesOf, spansOf } from './instruction-helper.js';

const opts = { rule: { labelSchema: new Map([['githash', 'hash']]) } };

describe('DL3055 git hash label', () => {
  it.each<[string, string[]]>([
    ['LABEL githash="not-git-hash"\n', ['1:15-1:29']],
    ['LABEL githash=2DBFAE9\n', ['1:15-1:22']],
  ])('catches %j', async (text, spans) => {
    expect(await spansOf('DL3055', text, opts)).toEqual(spans);
  });

  it('names the label', async () => {
    expect(await messagesOf('DL3055', 'LABEL githash=x\n', opts)).toEqual(['Label `githash` is not a valid git hash.']);
  });

  it.each(['LABEL githash="2dbfae9"\n', 'LABEL githash="43c572f1272b6b3171dd1db9e41b7027128ce080"\n', 'LABEL other="foo"\n', 'LABEL githash=${GIT_SHA}\n'])(
    'catches not %j',
    async (text) => {
      expect(await spansOf('DL3055', text, opts)).toEqual([]);
    },
  );

  it.each<[string, boolean]>([
    ['2dbfae9', true],
    ['2dbfae9c1a2b', true],
    ['43c572f1272b6b3171dd1db9e41b7027128ce080', true],
    ['a'.repeat(64), true],
    ['2dbfae', false],
    ['a'.repeat(41), false],
    ['g123456', false],
    ['ABCDEF0', false],
  ])('isGitHash(%j) = %j', (v, ok) => {
    expect(isGitHash(v)).toBe(ok);
  });
});
