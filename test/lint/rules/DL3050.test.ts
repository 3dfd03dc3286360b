import { describe, expect, it } from 'vitest';
import { spansOf } from './instruction-helper.js';

const strict = { rule: { labelSchema: new Map([['required', 'text']]), strictLabels: true } };

describe('DL3050 superfluous labels', () => {
  it.each<[string, string[]]>([
    ['LABEL other="bar"\n', ['1:7-1:12']],
    ['LABEL required="foo" other="bar"\n', ['1:22-1:27']],
    ['FROM alpine:3.20\nONBUILD LABEL x=1 required=2\n', ['2:15-2:16']],
  ])('catches %j', async (text, spans) => {
    expect(await spansOf('DL3050', text, strict)).toEqual(spans);
  });

  it.each(['', 'LABEL required="foo"\n', 'FROM alpine:3.20\nENV other=1\n'])('catches not %j', async (text) => {
    expect(await spansOf('DL3050', text, strict)).toEqual([]);
  });

  it('is inactive without strict labels', async () => {
    expect(await spansOf('DL3050', 'LABEL other="bar"\n', { rule: { labelSchema: new Map([['required', 'text']]) } })).toEqual([]);
  });
});
