import { describe, expect, it } from 'vitest';
import { isRfc3339 } from '../../../src/lint/rules/instructions/label-formats.js';
import { messagesOf, spansOf } from './instruction-helper.js';

const opts = { rule: { labelSchema: new Map([['datelabel', 'rfc3339']]) } };

describe('DL3053 RFC 3339 label', () => {
  it.each<[string, string[]]>([
    ['LABEL datelabel="not-date"\n', ['1:17-1:27']],
    ['LABEL datelabel=2024-02-30T00:00:00Z\n', ['1:17-1:37']],
  ])('catches %j', async (text, spans) => {
    expect(await spansOf('DL3053', text, opts)).toEqual(spans);
  });

  it('names the label', async () => {
    expect(await messagesOf('DL3053', 'LABEL datelabel=x\n', opts)).toEqual(['Label `datelabel` is not a valid time format - must be conform to RFC3339.']);
  });

  it.each(['LABEL datelabel="2024-05-01T12:00:00Z"\n', 'LABEL other="bar"\n', 'LABEL datelabel=$BUILD_DATE\n'])('catches not %j', async (text) => {
    expect(await spansOf('DL3053', text, opts)).toEqual([]);
  });

  it.each<[string, boolean]>([
    ['2024-05-01T12:00:00Z', true],
    ['2024-05-01t12:00:00.123456z', true],
    ['2024-02-29T23:59:60+05:30', true],
    ['1990-12-31T15:59:59-08:00', true],
    ['2023-02-29T00:00:00Z', false],
    ['2100-02-29T00:00:00Z', false],
    ['2000-02-29T00:00:00Z', true],
    ['2024-13-01T00:00:00Z', false],
    ['2024-05-01T24:00:00Z', false],
    ['2024-05-01T12:00:00', false],
    ['2024-05-01 12:00:00Z', false],
    ['2024-05-01', false],
    ['2024-05-01T12:00:00+0530', false],
  ])('isRfc3339(%j) = %j', (v, ok) => {
    expect(isRfc3339(v)).toBe(ok);
  });
});
