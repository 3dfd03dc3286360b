import { describe, expect, it } from 'vitest';
import { isEmail } from '../../../src/lint/rules/instructions/label-formats.js';
import { messagesOf, spansOf } from './instruction-helper.js';

const opts = { rule: { labelSchema: new Map([['maintainer', 'email']]) } };

describe('DL3058 e-mail label', () => {
  it.each<[string, string[]]>([
    ['LABEL maintainer="not-email"\n', ['1:18-1:29']],
    ['LABEL maintainer="Jane Doe <jane@example.com>"\n', ['1:18-1:47']],
  ])('catches %j', async (text, spans) => {
    expect(await spansOf('DL3058', text, opts)).toEqual(spans);
  });

  it('names the label', async () => {
    expect(await messagesOf('DL3058', 'LABEL maintainer=x\n', opts)).toEqual(['Label `maintainer` is not a valid email format - must be conform to RFC5322.']);
  });

  it.each(['LABEL maintainer="abcd@google.com"\n', 'LABEL other="doo"\n', 'LABEL maintainer=${EMAIL}\n'])('catches not %j', async (text) => {
    expect(await spansOf('DL3058', text, opts)).toEqual([]);
  });

  it.each<[string, boolean]>([
    ['abcd@google.com', true],
    ['first.last+tag@sub.example.org', true],
    ['"john doe"@example.com', true],
    ['user@[192.168.0.1]', true],
    ["o'hara!#$%&*=?^_`{|}~-@x.y", true],
    ['not-email', false],
    ['a@b@c', false],
    ['.a@b.c', false],
    ['a..b@c.d', false],
    ['a@', false],
    ['@b.c', false],
    ['a b@c.d', false],
  ])('isEmail(%j) = %j', (v, ok) => {
    expect(isEmail(v)).toBe(ok);
  });
});
