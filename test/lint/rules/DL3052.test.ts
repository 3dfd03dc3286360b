import { describe, expect, it } from 'vitest';
import { isUrl } from '../../../src/lint/rules/instructions/label-formats.js';
import { messagesOf, spansOf } from './instruction-helper.js';

const opts = { rule: { labelSchema: new Map([['urllabel', 'url']]) } };

describe('DL3052 URL label', () => {
  it.each<[string, string[]]>([
    ['LABEL urllabel="not-url"\n', ['1:16-1:25']],
    ['LABEL urllabel="http://exa mple.com"\n', ['1:16-1:37']],
    ['FROM alpine:3.20\nONBUILD LABEL urllabel=/relative/path\n', ['2:24-2:38']],
  ])('catches %j', async (text, spans) => {
    expect(await spansOf('DL3052', text, opts)).toEqual(spans);
  });

  it('names the label', async () => {
    expect(await messagesOf('DL3052', 'LABEL urllabel=x\n', opts)).toEqual(['Label `urllabel` is not a valid URL.']);
  });

  it.each([
    'LABEL urllabel="http://example.com"\n',
    'LABEL urllabel=https://github.com/org/repo/blob/main/README.md?plain=1#L10\n',
    'LABEL other="foo"\n',
    'LABEL urllabel=${DOCS_URL}\n',
  ])('catches not %j', async (text) => {
    expect(await spansOf('DL3052', text, opts)).toEqual([]);
  });

  it.each<[string, boolean]>([
    ['http://example.com', true],
    ['https://user:pw@example.com:8443/a/b?x=1&y=%20#frag', true],
    ['mailto:someone@example.com', true],
    ['urn:isbn:0451450523', true],
    ['http://[2001:db8::1]:80/', true],
    ['file:///etc/hosts', true],
    ['not-url', false],
    ['//example.com/x', false],
    ['http://exa mple.com', false],
    ['http://example.com/%zz', false],
    ['1http://x', false],
    ['', false],
  ])('isUrl(%j) = %j', (v, ok) => {
    expect(isUrl(v)).toBe(ok);
  });
});
